import type { Member } from '@hangbiao/shared/contracts/members';
import {
  educations,
  ethnicities,
  exitKinds,
  genders,
  jobPosts,
  type MemberCategory,
  type MemberStatus,
  memberCategories,
  memberFieldLabels,
  memberStatuses,
} from '@hangbiao/shared/glossary';
import { Descriptions, Grid, Tag, Typography } from 'antd';
import { Link } from 'react-router';

/** Select options of a glossary table, in the order the glossary lists them. */
export function optionsOf<K extends string>(table: { keys: readonly K[]; label: (key: K) => string }, keys: readonly K[] = table.keys) {
  return keys.map((value) => ({ value, label: table.label(value) }));
}

export const label = memberFieldLabels.label;

const statusColors: Record<MemberStatus, string> = {
  active: 'green',
  mobile: 'blue',
  lostContact: 'orange',
  suspended: 'volcano',
  transferredOut: 'default',
  left: 'default',
  deceased: 'default',
};

export function StatusTag({ status }: { status: MemberStatus }) {
  return <Tag color={statusColors[status]}>{memberStatuses.label(status)}</Tag>;
}

export function CategoryTag({ category }: { category: MemberCategory }) {
  return (
    <Tag color={category === 'full' ? 'red' : 'gold'} variant="outlined">
      {memberCategories.label(category)}
    </Tag>
  );
}

/** A sensitive value as the server sent it; masked ones say so, so nobody mistakes the stars for data. */
export function Sensitive({ value, unmasked }: { value: string | null; unmasked: boolean }) {
  if (value === null) return <>—</>;
  return unmasked ? value : <Typography.Text title="无权查看完整信息">{value}</Typography.Text>;
}

/** The whole record as the national collection form lists it; on a phone one column, each label above its value. */
export function MemberFacts({ member: m, linkOrg = false }: { member: Member; linkOrg?: boolean }) {
  const phone = Grid.useBreakpoint().md === false;
  const status = (
    <>
      <StatusTag status={m.status} />
      {m.statusSince}
      {m.status === 'mobile' && m.mobileDestination && ` · ${label('mobileDestination')}：${m.mobileDestination}`}
      {m.status === 'left' && m.exitKind && ` · ${exitKinds.label(m.exitKind)}`}
    </>
  );
  return (
    <Descriptions
      size="small"
      bordered
      layout={phone ? 'vertical' : 'horizontal'}
      column={{ xs: 1, md: 2 }}
      items={[
        { key: 'name', label: label('name'), children: m.name },
        { key: 'gender', label: label('gender'), children: genders.label(m.gender) },
        { key: 'ethnicity', label: label('ethnicity'), children: ethnicities.label(m.ethnicity) },
        { key: 'birthDate', label: label('birthDate'), children: m.birthDate },
        { key: 'idNumber', label: label('idNumber'), children: <Sensitive value={m.idNumber} unmasked={m.unmasked} /> },
        { key: 'education', label: label('education'), children: educations.label(m.education) },
        { key: 'category', label: label('category'), children: <CategoryTag category={m.category} /> },
        { key: 'org', label: label('orgId'), children: linkOrg ? <Link to={`/orgs/${m.orgId}`}>{m.orgName}</Link> : m.orgName },
        { key: 'joinedOn', label: label('joinedOn'), children: m.joinedOn },
        { key: 'fullOn', label: label('fullOn'), children: m.fullOn ?? '—' },
        { key: 'jobPost', label: label('jobPost'), children: jobPosts.label(m.jobPost) },
        { key: 'rank', label: label('rank'), children: m.rank ?? '—' },
        { key: 'phone', label: label('phone'), children: <Sensitive value={m.phone} unmasked={m.unmasked} /> },
        { key: 'address', label: label('address'), children: <Sensitive value={m.address} unmasked={m.unmasked} /> },
        { key: 'status', label: label('status'), children: status, span: { xs: 1, md: 2 } },
      ]}
    />
  );
}
