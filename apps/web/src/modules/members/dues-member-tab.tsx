import { type DuesBase, type DuesPayment, type DuesPaymentItem, type DuesRelief, duesPaymentItem } from '@hangbiao/shared/contracts/dues';
import type { Member } from '@hangbiao/shared/contracts/members';
import { duesReliefKinds } from '@hangbiao/shared/glossary';
import { yuan } from '@hangbiao/shared/money';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Descriptions, Flex, Form, Popconfirm, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../app/api';
import { useZodForm, ZodForm, zodRule } from '../../app/forms';
import { useCan } from '../../app/session';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { type BaseTarget, DuesBaseDialog } from './dues-base-dialog';
import { DuesCategoryTag, methodLabel, methodOptions, monthRequired, RuleText, toFen, UnpaidTag, Yuan, YuanInput, yuanRule } from './dues-labels';
import { duesApi, memberDuesQuery, refreshDues } from './dues-queries';
import { DuesReliefDialog, type ReliefTarget } from './dues-relief-dialog';

const small = { size: 'small', pagination: false } as const;

/** 党费: one member's bases over time, approved reliefs and payments, with the writes a branch makes about them. */
export function MemberDuesTab({ member }: { member: Member }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const dues = useQuery(memberDuesQuery(member.id));
  const writable = useCan()('members.write');
  const [baseTarget, setBaseTarget] = useState<BaseTarget | null>(null);
  const [reliefTarget, setReliefTarget] = useState<ReliefTarget | null>(null);
  const [paying, setPaying] = useState(false);

  const remove = useMutation({
    mutationFn: (p: DuesPayment) => duesApi.deletePayment(p.id, p.version),
    onSuccess: async () => {
      await refreshDues(client);
      void message.success('已删除');
    },
    onError: (error) => void message.error(errorText(error)),
  });

  if (dues.isPending) return <Skeleton active />;
  if (dues.isError) return <ErrorAlert error={dues.error} onRetry={() => void dues.refetch()} />;
  const d = dues.data;
  const now = dayjs().format('YYYY-MM');
  const current = d.bases.find((b) => b.effectiveMonth <= now);
  const base = (extra?: DuesBase): BaseTarget => ({ memberId: member.id, name: member.name, jobPost: member.jobPost, joinedOn: member.joinedOn, base: extra });
  const relief = (extra?: DuesRelief): ReliefTarget => ({ memberId: member.id, name: member.name, approvers: d.approvers, relief: extra });

  const baseColumns: ColumnsType<DuesBase> = [
    { title: '起始月份', dataIndex: 'effectiveMonth' },
    { title: '类别', render: (_, b) => <DuesCategoryTag category={b.category} /> },
    { title: '基数（元）', align: 'right', render: (_, b) => <Yuan fen={b.baseFen ?? b.fixedFen} /> },
    { title: '月交（元）', align: 'right', render: (_, b) => <Yuan fen={b.monthlyFen} strong /> },
    { title: '依据', render: (_, b) => <RuleText rule={b.rule} source={b.source} /> },
    { title: '核定日期', dataIndex: 'confirmedOn' },
    ...(writable
      ? [
          {
            title: '操作',
            render: (_: unknown, b: DuesBase) => (
              <Button size="small" type="link" onClick={() => setBaseTarget(base(b))}>
                更正
              </Button>
            ),
          },
        ]
      : []),
  ];
  const reliefColumns: ColumnsType<DuesRelief> = [
    { title: '方式', render: (_, r) => duesReliefKinds.label(r.kind) },
    { title: '每月（元）', align: 'right', render: (_, r) => <Yuan fen={r.kind === 'exempt' ? 0 : r.monthlyFen} /> },
    { title: '期间', render: (_, r) => `${r.fromMonth} 至 ${r.toMonth ?? '长期'}` },
    { title: '困难情况', dataIndex: 'reason' },
    { title: '批准', render: (_, r) => `${r.approvedByOrgName}（${r.approvedOn}）` },
    ...(writable
      ? [
          {
            title: '操作',
            render: (_: unknown, r: DuesRelief) => (
              <Button size="small" type="link" onClick={() => setReliefTarget(relief(r))}>
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];
  const paymentColumns: ColumnsType<DuesPayment> = [
    { title: '月份', dataIndex: 'month' },
    { title: '应交（元）', align: 'right', render: (_, p) => <Yuan fen={p.expectedFen} /> },
    { title: '实交（元）', align: 'right', render: (_, p) => <Yuan fen={p.paidFen} strong /> },
    { title: '交纳日期', dataIndex: 'paidOn' },
    { title: '方式', render: (_, p) => methodLabel(p.method) },
    { title: '收缴组织', dataIndex: 'orgName' },
    ...(writable
      ? [
          {
            title: '操作',
            render: (_: unknown, p: DuesPayment) => (
              <Popconfirm title={`删除 ${p.month} 的交纳记录？`} onConfirm={() => remove.mutate(p)}>
                <Button size="small" type="link" danger>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="member-dues">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'monthly',
            label: '每月应交',
            children: current ? `${yuan(current.monthlyFen)} 元` : <Typography.Text type="danger">未核定基数</Typography.Text>,
          },
          { key: 'rule', label: '依据', children: current ? <RuleText rule={current.rule} source={current.source} /> : '—' },
          { key: 'unpaid', label: '连续未交', children: <UnpaidTag months={d.unpaidMonths} /> },
        ]}
      />
      {writable && (
        <Flex gap={8} wrap>
          <Button type="primary" onClick={() => setBaseTarget(base())}>
            核定新基数
          </Button>
          <Button onClick={() => setPaying(true)} disabled={!current}>
            登记交纳
          </Button>
          <Button onClick={() => setReliefTarget(relief())} disabled={d.approvers.length === 0}>
            登记少交、免交
          </Button>
        </Flex>
      )}
      <Typography.Title level={5}>基数记录</Typography.Title>
      <Table<DuesBase>
        {...small}
        rowKey="id"
        columns={baseColumns}
        dataSource={d.bases}
        locale={{ emptyText: <EmptyState description="尚未核定党费基数" /> }}
      />
      {d.reliefs.length > 0 && (
        <>
          <Typography.Title level={5}>少交、免交</Typography.Title>
          <Table<DuesRelief> {...small} rowKey="id" columns={reliefColumns} dataSource={d.reliefs} />
        </>
      )}
      <Typography.Title level={5}>交纳记录</Typography.Title>
      <Table<DuesPayment>
        size="small"
        rowKey="id"
        columns={paymentColumns}
        dataSource={d.payments}
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyState description="暂无交纳记录" /> }}
      />
      <DuesBaseDialog target={baseTarget} onClose={() => setBaseTarget(null)} />
      <DuesReliefDialog target={reliefTarget} onClose={() => setReliefTarget(null)} />
      <FormDialog title={`登记党费交纳 · ${member.name}`} open={paying} onClose={() => setPaying(false)}>
        <PaymentForm member={member} monthlyFen={current?.monthlyFen ?? 0} onClose={() => setPaying(false)} />
      </FormDialog>
    </Flex>
  );
}

const paymentFields = duesPaymentItem.omit({ memberId: true, version: true });

function PaymentForm({ member, monthlyFen, onClose }: { member: Member; monthlyFen: number; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(paymentFields);
  const save = useMutation({
    mutationFn: (item: Omit<DuesPaymentItem, 'memberId' | 'version'>) =>
      duesApi.recordPayments({ orgId: member.orgId, items: [{ ...item, memberId: member.id }] }),
    onSuccess: async () => {
      await refreshDues(client);
      void message.success('已登记');
      onClose();
    },
    onError: form.fail,
  });
  return (
    <ZodForm
      form={form}
      mutation={save}
      toInput={(values) => ({ ...values, month: (values.month as Dayjs | undefined)?.format('YYYY-MM'), paidFen: toFen(values.paidFen) })}
      initialValues={{ month: dayjs(), paidFen: yuan(monthlyFen), paidOn: dayjs(), method: 'cash' }}
    >
      <Form.Item name="month" label="所交月份" rules={[monthRequired]} extra="补交一般不超过 6 个月（规定第十二条）">
        <DatePicker picker="month" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="paidFen" label="实交金额" rules={[{ required: true, message: '请填写金额' }, yuanRule]} extra="自愿多交不限">
        <YuanInput />
      </Form.Item>
      <Form.Item name="paidOn" label="交纳日期" rules={[zodRule(paymentFields.shape.paidOn)]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="method" label="交纳方式" rules={[zodRule(paymentFields.shape.method)]}>
        <Select options={methodOptions} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="登记" loading={save.isPending} />
    </ZodForm>
  );
}
