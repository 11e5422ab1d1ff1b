import type { RoleAssignment } from '@hangbiao/shared/contracts/auth';
import { roles } from '@hangbiao/shared/glossary';
import { Flex, Tag } from 'antd';

export const roleOptions = roles.keys.map((value) => ({ value, label: roles.label(value) }));

export function RoleTags({ assignments }: { assignments: RoleAssignment[] }) {
  if (assignments.length === 0) return <span>—</span>;
  return (
    <Flex wrap gap={4}>
      {assignments.map((assignment) => (
        <Tag key={assignment.id} color={assignment.role === 'committee_admin' ? 'red' : 'blue'}>
          {roles.label(assignment.role)} · {assignment.orgName}
        </Tag>
      ))}
    </Flex>
  );
}
