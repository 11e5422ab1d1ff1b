import type { TermStatus } from '@hangbiao/shared/contracts/orgs';
import { type OrgKind, orgKinds } from '@hangbiao/shared/glossary';
import { Descriptions, type DescriptionsProps, Tag } from 'antd';

const kindColors: Record<OrgKind, string> = {
  committee: 'red',
  unitCommittee: 'volcano',
  generalBranch: 'orange',
  branch: 'blue',
  jointBranch: 'geekblue',
  group: 'cyan',
};

export function KindTag({ kind }: { kind: OrgKind }) {
  return (
    <Tag color={kindColors[kind]} variant="outlined">
      {orgKinds.label(kind)}
    </Tag>
  );
}

export const termStatusLabels: Record<TermStatus['status'], { text: string; color: string }> = {
  ok: { text: '任期内', color: 'green' },
  dueSoon: { text: '即将到期', color: 'orange' },
  overdue: { text: '逾期未换届', color: 'red' },
  noTerm: { text: '无任期记录', color: 'default' },
};

export function TermStatusTag({ status }: { status: TermStatus['status'] }) {
  const { text, color } = termStatusLabels[status];
  return <Tag color={color}>{text}</Tag>;
}

export const kindOptions = (kinds: readonly OrgKind[] = orgKinds.keys) => kinds.map((kind) => ({ value: kind, label: orgKinds.label(kind) }));

/** The bordered table of facts atop an org's tabs: two columns, one on a phone. */
export function OrgFacts({ items }: { items: DescriptionsProps['items'] }) {
  return <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={items} />;
}

/** The breadcrumb above an org: its path without its own name at the end. */
export const pathAbove = (name: string, pathNames: string[]) => (pathNames.at(-1) === name ? pathNames.slice(0, -1) : pathNames).join(' / ');
