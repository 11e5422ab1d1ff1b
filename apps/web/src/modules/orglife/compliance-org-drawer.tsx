import type { ComplianceCell, Exemption } from '@hangbiao/shared/contracts/compliance';
import { complianceStatuses, type MeetingKind, meetingKinds, orgKinds } from '@hangbiao/shared/glossary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Empty, Flex, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorText } from '../../app/api';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { ComplianceExemptionDialog } from './compliance-exemption-dialog';
import { percent } from './compliance-grid';
import { complianceKeys, complianceOrgQuery, exemptionApi } from './compliance-queries';

const statusColors = {
  met: 'green',
  pending: 'default',
  dueSoon: 'gold',
  overdue: 'volcano',
  missed: 'red',
  exempt: 'default',
  notApplicable: 'default',
} as const;

function CellItem({ cell }: { cell: ComplianceCell }) {
  return (
    <List.Item>
      <Flex vertical gap={4} style={{ width: '100%' }}>
        <Flex gap={8} align="start">
          <Tag color={statusColors[cell.status]}>{complianceStatuses.label(cell.status)}</Tag>
          <Typography.Text>{cell.explanation}</Typography.Text>
        </Flex>
        {cell.meetings.length > 0 && (
          <Flex gap={8} wrap style={{ paddingInlineStart: 4 }}>
            {cell.meetings.map((m) => (
              <Link key={m.id} to={`/orglife/meetings/${m.id}`}>
                {m.heldOn} {m.status === 'planned' ? '（计划）' : ''}
                {m.title}
              </Link>
            ))}
          </Flex>
        )}
        {cell.source && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            依据：{cell.source}
          </Typography.Text>
        )}
      </Flex>
    </List.Item>
  );
}

function Exemptions({ orgId, items, year }: { orgId: string; items: Exemption[]; year: number }) {
  const can = useCan();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const remove = useMutation({
    mutationFn: exemptionApi.remove,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: complianceKeys.all });
      void message.success('已撤销豁免');
    },
    onError: (error) => message.error(errorText(error)),
  });
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          豁免
        </Typography.Title>
        {can('orglife.write') && (
          <Button size="small" onClick={() => setOpen(true)}>
            登记豁免
          </Button>
        )}
      </Flex>
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: `${year}年没有豁免` }}
        renderItem={(e) => (
          <List.Item
            actions={
              can('orglife.write')
                ? [
                    <Popconfirm key="remove" title="撤销这项豁免？" onConfirm={() => remove.mutate(e.id)}>
                      <Button size="small" type="link" danger>
                        撤销
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={`${e.kind ? meetingKinds.label(e.kind) : '全部组织生活'} · ${e.from} 至 ${e.to}`}
              description={`${e.reason}（审批：${e.approvedBy}${e.createdByName ? `，登记：${e.createdByName}` : ''}）`}
            />
          </List.Item>
        )}
      />
      <ComplianceExemptionDialog orgId={orgId} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

/** One org's requirements over the year: each cell with its explanation, the meetings it counted and the rule. */
export function ComplianceOrgDrawer({
  orgId,
  year,
  kind,
  onClose,
}: {
  orgId: string | null;
  year: number;
  kind: MeetingKind | undefined;
  onClose: () => void;
}) {
  const query = useQuery({ ...complianceOrgQuery(orgId ?? '', year, kind), enabled: Boolean(orgId) });
  const data = query.data;
  const kinds = [...new Set(data?.cells.map((c) => c.kind))];
  return (
    <Drawer open={Boolean(orgId)} onClose={onClose} size={720} title={data ? `${data.org.name} · ${year}年组织生活` : '组织生活完成情况'}>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending && <Skeleton active />}
      {data && (
        <>
          <Descriptions
            size="small"
            column={2}
            items={[
              { key: 'kind', label: '组织类别', children: orgKinds.label(data.org.kind) },
              { key: 'full', label: '正式党员', children: `${data.org.fullMembers} 人` },
              { key: 'established', label: '成立日期', children: data.org.establishedOn },
              { key: 'rate', label: '完成率', children: percent(data.rate) },
            ]}
          />
          {kinds.length === 0 && <Empty description="该组织在此期间没有组织生活要求" />}
          {kinds.map((k) => (
            <div key={k}>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {meetingKinds.label(k)}
              </Typography.Title>
              <List size="small" dataSource={data.cells.filter((c) => c.kind === k)} renderItem={(cell) => <CellItem cell={cell} />} />
            </div>
          ))}
          <Exemptions orgId={data.org.id} items={data.exemptions} year={year} />
        </>
      )}
    </Drawer>
  );
}
