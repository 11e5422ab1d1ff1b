import { id } from '@hangbiao/shared/contracts/common';
import { type DuesLedgerRow, duesLedgerFilters, duesLedgerQuery, month as monthSchema } from '@hangbiao/shared/contracts/dues';
import { fenOf, yuan } from '@hangbiao/shared/money';
import { roleGrants } from '@hangbiao/shared/permissions';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Flex, Input, Row, Statistic, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, errorText } from '../../app/api';
import { useCan, useMe } from '../../app/session';
import { EmptyState } from '../../components/empty-state';
import { FilterBar, FilterField, SelectFilter } from '../../components/filter-bar';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { DuesArrearsTab } from './dues-arrears-tab';
import { type BaseTarget, DuesBaseDialog } from './dues-base-dialog';
import { DuesCategoryTag, methodLabel, RuleText, UnpaidTag, Yuan } from './dues-labels';
import { DuesPayDialog } from './dues-pay-dialog';
import { duesApi, duesKeys, fetchLedger, refreshDues } from './dues-queries';
import { DuesReverifyTab } from './dues-reverify-tab';
import { DuesTotalsTab } from './dues-totals-tab';

const thisMonth = () => dayjs().format('YYYY-MM');

/** The org a page starts on: the first org where the user may read members. */
export function useDefaultDuesOrg(): string | undefined {
  const me = useMe();
  return me.roles.find((r) => roleGrants(r.role, 'members.read'))?.orgId;
}

/** The org and month the dues pages are looking at, kept in the URL. */
export function useDuesScope() {
  const [search, setSearch] = useSearchParams();
  const fallback = useDefaultDuesOrg();
  const orgParam = id.safeParse(search.get('orgId'));
  const monthParam = monthSchema.safeParse(search.get('month'));
  const set = (key: string, value: string | undefined) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete('page');
      return next;
    });
  return {
    orgId: orgParam.success ? orgParam.data : fallback,
    month: monthParam.success ? monthParam.data : thisMonth(),
    tab: search.get('tab') ?? 'ledger',
    set,
  };
}

const tabs = ['ledger', 'arrears', 'reverify', 'totals'] as const;

/** 党费收缴: a month's ledger of an org's subtree, arrears and the 6-months alert, the yearly base check, totals. */
export function DuesLedgerPage() {
  const { orgId, month, tab, set } = useDuesScope();
  const can = useCan();
  const writable = can('members.write');
  const body = (content: (org: string) => ReactNode) => (orgId ? content(orgId) : <EmptyState description="请选择党组织" />);
  const items: { key: (typeof tabs)[number]; label: string; children: ReactNode }[] = [
    { key: 'ledger', label: '收缴台账', children: body((org) => <LedgerTab orgId={org} month={month} writable={writable} />) },
    { key: 'arrears', label: '欠缴与提醒', children: body((org) => <DuesArrearsTab orgId={org} month={month} />) },
    { key: 'reverify', label: '年度复核', children: body((org) => <DuesReverifyTab orgId={org} writable={writable} />) },
    { key: 'totals', label: '收缴汇总', children: body((org) => <DuesTotalsTab orgId={org} month={month} onOpen={(child) => set('orgId', child)} />) },
  ];
  return (
    <>
      <PageHeader title="党费收缴" extra={<Link to="/members/special-dues">特殊党费</Link>} />
      <FilterBar>
        <FilterField label="党组织" htmlFor="dues-org" width={260}>
          <OrgPicker id="dues-org" value={orgId} onChange={(value) => set('orgId', value)} />
        </FilterField>
        <FilterField label="月份" htmlFor="dues-month" width={150}>
          <DatePicker
            id="dues-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(value) => set('month', value ? value.format('YYYY-MM') : undefined)}
            style={{ width: '100%' }}
          />
        </FilterField>
      </FilterBar>
      <Tabs destroyOnHidden activeKey={tab} onChange={(key) => set('tab', key === 'ledger' ? undefined : key)} items={items} />
    </>
  );
}

// ── 收缴台账 ──────────────────────────────────────────────────────

const ledgerParams = duesLedgerQuery.extend({ orgId: id.optional(), month: monthSchema.optional() });
const filterLabels: Record<(typeof duesLedgerFilters)[number], string> = { all: '全部', unpaid: '未交', paid: '已交', short: '少交', noBase: '未核定基数' };
const filterOptions = duesLedgerFilters.filter((f) => f !== 'all').map((value) => ({ value, label: filterLabels[value] }));

function LedgerTab({ orgId, month, writable }: { orgId: string; month: string; writable: boolean }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const {
    params,
    update,
    table,
    data: ledger,
  } = usePagedList(
    ledgerParams,
    (p) => duesKeys.ledger({ ...p, orgId, month }),
    (p) => fetchLedger({ ...p, orgId, month }),
  );
  const [selected, setSelected] = useState<DuesLedgerRow[]>([]);
  const [paying, setPaying] = useState(false);
  const [baseTarget, setBaseTarget] = useState<BaseTarget | null>(null);
  // Paid amounts typed into the table, by member, until saved together.
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});

  const changed = useMemo(
    () => (ledger?.items ?? []).filter((r) => edits[r.memberId] !== undefined && fenOf(edits[r.memberId] ?? '') !== (r.payment?.paidFen ?? null)),
    [ledger, edits],
  );

  const saveEdits = useMutation({
    mutationFn: () =>
      duesApi.recordPayments({
        orgId,
        items: changed.map((r) => ({
          memberId: r.memberId,
          month,
          paidFen: fenOf(edits[r.memberId] ?? '') ?? 0,
          paidOn: r.payment?.paidOn ?? dayjs().format('YYYY-MM-DD'),
          method: r.payment?.method ?? 'cash',
          ...(r.payment ? { version: r.payment.version } : {}),
        })),
      }),
    onSuccess: async (result) => {
      setEdits({});
      setRowErrors({});
      await refreshDues(client);
      void message.success(`已保存 ${result.items.length} 条`);
    },
    onError: (error) => {
      // Each refusal names its item (body.items.3.month); show it on that member's row.
      const byRow: Record<string, string> = {};
      if (error instanceof ApiError)
        for (const issue of error.errors) {
          const index = Number(/^body\.items\.(\d+)/.exec(issue.path)?.[1]);
          const row = changed[index];
          if (row) byRow[row.memberId] = issue.message;
        }
      setRowErrors(byRow);
      void message.error(errorText(error));
    },
  });

  const columns: ColumnsType<DuesLedgerRow> = [
    { key: 'name', title: '姓名', fixed: 'left', render: (_, r) => <Link to={`/members/${r.memberId}?tab=dues`}>{r.name}</Link> },
    { key: 'org', title: '所在党组织', dataIndex: 'orgName' },
    { key: 'category', title: '类别', render: (_, r) => (r.base ? <DuesCategoryTag category={r.base.category} /> : '—') },
    { key: 'base', title: '基数（元）', align: 'right', render: (_, r) => <Yuan fen={r.base?.baseFen ?? null} /> },
    {
      key: 'rule',
      title: '依据',
      width: 260,
      render: (_, r) =>
        r.relief ? (
          <Typography.Text type="warning">
            {r.relief.kind === 'exempt' ? '经批准免交' : `经批准少交，每月 ${yuan(r.relief.monthlyFen ?? 0)} 元`}
          </Typography.Text>
        ) : r.base ? (
          <RuleText rule={r.base.rule} source={r.base.source} />
        ) : (
          <Typography.Text type="danger">未核定基数</Typography.Text>
        ),
    },
    { key: 'expected', title: '应交（元）', align: 'right', render: (_, r) => <Yuan fen={r.expectedFen} strong /> },
    {
      key: 'paid',
      title: '实交（元）',
      align: 'right',
      render: (_, r) =>
        writable && r.expectedFen !== null ? (
          <Flex vertical align="end">
            <Input
              aria-label={`${r.name}实交金额`}
              size="small"
              style={{ width: 110, textAlign: 'right' }}
              status={rowErrors[r.memberId] ? 'error' : undefined}
              value={edits[r.memberId] ?? (r.payment ? yuan(r.payment.paidFen) : '')}
              placeholder="未交"
              onChange={(e) => setEdits((prev) => ({ ...prev, [r.memberId]: e.target.value }))}
            />
            {rowErrors[r.memberId] && (
              <Typography.Text type="danger" style={{ fontSize: 12, maxWidth: 260 }}>
                {rowErrors[r.memberId]}
              </Typography.Text>
            )}
          </Flex>
        ) : (
          <Yuan fen={r.payment?.paidFen ?? null} />
        ),
    },
    { key: 'paidOn', title: '交纳日期', render: (_, r) => r.payment?.paidOn ?? '—' },
    { key: 'method', title: '方式', render: (_, r) => methodLabel(r.payment?.method) },
    { key: 'unpaid', title: '连续未交', render: (_, r) => <UnpaidTag months={r.unpaidMonths} /> },
    ...(writable
      ? [
          {
            key: 'actions',
            title: '操作',
            fixed: 'right' as const,
            render: (_: unknown, r: DuesLedgerRow) => (
              <Button size="small" type="link" onClick={() => setBaseTarget({ memberId: r.memberId, name: r.name, jobPost: r.jobPost, joinedOn: r.joinedOn })}>
                核定基数
              </Button>
            ),
          },
        ]
      : []),
  ];

  const summary = ledger?.summary;
  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        {[
          { title: '应交（元）', value: summary ? yuan(summary.expectedFen) : '—' },
          { title: '实交（元）', value: summary ? yuan(summary.paidFen) : '—' },
          { title: '已交 / 在册', value: summary ? `${summary.paidMembers} / ${summary.members}` : '—' },
          { title: '未交人数', value: summary?.unpaidMembers ?? '—' },
          { title: '未核定基数', value: summary?.noBase ?? '—' },
        ].map((s) => (
          <Col key={s.title} xs={12} md={8} lg={4}>
            <Card size="small">
              <Statistic title={s.title} value={s.value} />
            </Card>
          </Col>
        ))}
      </Row>
      <FilterBar
        actions={
          writable && (
            <>
              <Button disabled={selected.length === 0} type="primary" onClick={() => setPaying(true)} data-testid="dues-mark-paid">
                标记已交（{selected.length}）
              </Button>
              <Button disabled={changed.length === 0} loading={saveEdits.isPending} onClick={() => saveEdits.mutate()} data-testid="dues-save-edits">
                保存修改（{changed.length}）
              </Button>
            </>
          )
        }
      >
        <SelectFilter
          label="筛选"
          id="dues-filter"
          width={150}
          value={params.filter === 'all' ? undefined : params.filter}
          options={filterOptions}
          onChange={(filter) => update({ filter })}
        />
      </FilterBar>
      <PagedTable<DuesLedgerRow>
        {...table}
        testId="dues-ledger"
        rowKey="memberId"
        columns={columns}
        emptyText="本月台账没有党员"
        rowSelection={
          writable
            ? { selectedRowKeys: selected.map((r) => r.memberId), onChange: (_keys, rows) => setSelected(rows), preserveSelectedRowKeys: false }
            : undefined
        }
      />
      {writable && (
        <DuesPayDialog
          orgId={orgId}
          month={month}
          rows={selected}
          open={paying}
          onClose={() => {
            setPaying(false);
            setSelected([]);
          }}
        />
      )}
      <DuesBaseDialog target={baseTarget} onClose={() => setBaseTarget(null)} />
    </Flex>
  );
}
