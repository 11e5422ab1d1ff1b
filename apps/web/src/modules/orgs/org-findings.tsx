import type { Finding } from '@hangbiao/shared/contracts/orgs';
import { Alert, Flex, Tag } from 'antd';

/** Rule findings: `block` (the text says 应当) in red, `warn` (一般) in amber, each with its source. */
export function OrgFindings({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <Alert type="success" showIcon title="组织设置符合现行规定" />;
  const ordered = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1));
  return (
    <Flex vertical gap={8}>
      {ordered.map((finding) => (
        <Alert
          key={finding.rule}
          type={finding.severity === 'block' ? 'error' : 'warning'}
          showIcon
          title={
            <span>
              <Tag color={finding.severity === 'block' ? 'red' : 'orange'}>{finding.severity === 'block' ? '不符合规定' : '提示'}</Tag>
              {finding.message}
            </span>
          }
          description={`依据：${finding.source}`}
        />
      ))}
    </Flex>
  );
}
