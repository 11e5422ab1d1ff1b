import { SafetyCertificateOutlined } from '@ant-design/icons';
import { type AuditEntry, auditPage, auditQuery, auditVerify } from '@hangbiao/shared/contracts/audit';
import { useMutation } from '@tanstack/react-query';
import { Alert, AutoComplete, Button, DatePicker, Input, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { api } from '../../app/api';
import { useCan } from '../../app/session';
import { ErrorAlert } from '../../components/error-display';
import { FilterBar, FilterField, SelectFilter } from '../../components/filter-bar';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { actionLabels, entityTypeLabels } from './audit-labels';

type AuditParams = Partial<z.output<typeof auditQuery>>;
const auditKeys = { list: (params: AuditParams) => ['audit', 'list', params] as const };
const fetchAuditPage = (params: AuditParams) => api.get('/api/audit', auditPage, params);

const actionOptions = Object.entries(actionLabels).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
const entityOptions = Object.entries(entityTypeLabels).map(([value, label]) => ({ value, label }));

const summaryText = (summary: AuditEntry['summary']) => (Object.keys(summary).length ? JSON.stringify(summary) : '—');

const columns: ColumnsType<AuditEntry> = [
  { key: 'seq', title: '序号', dataIndex: 'seq', width: 72 },
  { key: 'at', title: '时间', width: 170, render: (_, entry) => dayjs(entry.at).format('YYYY-MM-DD HH:mm:ss') },
  { key: 'actor', title: '操作人', render: (_, entry) => entry.actorName ?? '—' },
  {
    key: 'action',
    title: '操作',
    render: (_, entry) =>
      actionLabels[entry.action] ? (
        <Tooltip title={entry.action}>
          <span>{actionLabels[entry.action]}</span>
        </Tooltip>
      ) : (
        <Typography.Text code>{entry.action}</Typography.Text>
      ),
  },
  { key: 'entityType', title: '对象类型', render: (_, entry) => entityTypeLabels[entry.entityType] ?? entry.entityType },
  {
    key: 'entityId',
    title: '对象',
    render: (_, entry) =>
      entry.entityId ? (
        <Typography.Text copyable={{ text: entry.entityId }} title={entry.entityId}>
          {entry.entityId.slice(0, 8)}…
        </Typography.Text>
      ) : (
        '—'
      ),
  },
  {
    key: 'summary',
    title: '摘要',
    render: (_, entry) => (
      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360, display: 'inline-block' }}>
        {summaryText(entry.summary)}
      </Typography.Text>
    ),
  },
];

/** 审计日志: the append-only, hash-chained record of every write. */
export function AuditPage() {
  const can = useCan();
  const { params, update, table } = usePagedList(auditQuery, auditKeys.list, fetchAuditPage);
  const verify = useMutation({ mutationFn: () => api.get('/api/audit/verify', auditVerify) });

  return (
    <>
      <PageHeader
        title="审计日志"
        extra={
          can('audit.verify') && (
            <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              校验审计链
            </Button>
          )
        }
      />
      {verify.isError && <ErrorAlert error={verify.error} style={{ marginBottom: 16 }} />}
      {verify.data &&
        (verify.data.ok ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => verify.reset() }}
            style={{ marginBottom: 16 }}
            title={`审计链完整：已校验 ${verify.data.checked} 条记录，未发现篡改`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title="审计链校验未通过"
            description={`已校验 ${verify.data.checked} 条记录；自第 ${verify.data.firstBrokenSeq ?? '?'} 条起哈希链断裂，记录可能被篡改或删除，请立即报告系统管理员。`}
          />
        ))}
      <FilterBar>
        <FilterField label="操作" htmlFor="audit-action" width={220}>
          <AutoComplete
            key={params.action ?? ''}
            defaultValue={params.action}
            options={actionOptions}
            onSelect={(action: string) => update({ action })}
            showSearch={{
              filterOption: (input, option) => String(option?.label ?? '').includes(input) || String(option?.value ?? '').includes(input),
            }}
          >
            <Input.Search id="audit-action" placeholder="全部操作" allowClear onSearch={(action) => update({ action })} />
          </AutoComplete>
        </FilterField>
        <SelectFilter
          label="对象类型"
          id="audit-entity"
          width={160}
          value={params.entityType}
          options={entityOptions}
          onChange={(entityType) => update({ entityType })}
        />
        <FilterField label="日期" htmlFor="audit-from" width={260}>
          <DatePicker.RangePicker
            id={{ start: 'audit-from', end: 'audit-to' }}
            value={[params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null]}
            allowEmpty={[true, true]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
        </FilterField>
      </FilterBar>
      <PagedTable<AuditEntry>
        {...table}
        testId="audit-table"
        rowKey="seq"
        columns={columns}
        emptyText="没有符合条件的审计记录"
        expandable={{
          rowExpandable: (entry) => Object.keys(entry.summary).length > 0,
          expandedRowRender: (entry) => <pre className="hb-json">{JSON.stringify(entry.summary, null, 2)}</pre>,
        }}
      />
    </>
  );
}
