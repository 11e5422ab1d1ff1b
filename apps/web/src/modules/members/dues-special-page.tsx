import { id } from '@hangbiao/shared/contracts/common';
import {
  type SpecialDuesCampaign,
  type SpecialDuesCampaignInput,
  type SpecialDuesContribution,
  type SpecialDuesContributionsInput,
  specialDuesCampaignInput,
  specialDuesContributionsInput,
  specialDuesListQuery,
} from '@hangbiao/shared/contracts/dues';
import { specialDuesReasons } from '@hangbiao/shared/glossary';
import { yuan } from '@hangbiao/shared/money';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, Popconfirm, Select, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../../app/api';
import { fieldRules, ListField, useZodForm, ZodForm } from '../../app/forms';
import { useCan } from '../../app/session';
import { EmptyState } from '../../components/empty-state';
import { ErrorAlert } from '../../components/error-display';
import { FilterBar, FilterField, SearchFilter } from '../../components/filter-bar';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { PageHeader } from '../../components/page-header';
import { PagedTable, usePagedList } from '../../components/paged-table';
import { toFen, Yuan, YuanInput, yuanRule } from './dues-labels';
import { useDefaultDuesOrg } from './dues-ledger-page';
import { campaignQuery, campaignTotalsQuery, contributionsQuery, duesApi, duesKeys, fetchCampaigns, refreshSpecialDues } from './dues-queries';
import { optionsOf } from './member-labels';
import { MemberSelect } from './transfer-pickers';

const voluntary = '特殊党费是党员自愿交纳的，任何党组织不得摊派或要求党员交纳规定以外的“特殊党费”（《关于中国共产党党费收缴、使用和管理的规定》第十四条）。';

/** 特殊党费: calls for voluntary gifts (disasters, epidemics), the gifts recorded, and totals per unit and subtree. */
export function DuesSpecialPage() {
  const { params, update, table } = usePagedList(specialDuesListQuery, duesKeys.campaigns, fetchCampaigns);
  const [search, setSearch] = useSearchParams();
  const open = id.safeParse(search.get('campaign'));
  const writable = useCan()('members.write');
  const [creating, setCreating] = useState(false);
  const show = (campaign: string | undefined) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      if (campaign) next.set('campaign', campaign);
      else next.delete('campaign');
      return next;
    });

  const columns: ColumnsType<SpecialDuesCampaign> = [
    {
      key: 'title',
      title: '活动',
      render: (_, c) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => show(c.id)}>
          {c.title}
        </Button>
      ),
    },
    { key: 'reason', title: '事由', render: (_, c) => specialDuesReasons.label(c.reason) },
    { key: 'org', title: '发起组织', dataIndex: 'orgName' },
    { key: 'period', title: '时间', render: (_, c) => `${c.startedOn} 至 ${c.endedOn ?? '—'}` },
    { key: 'contributors', title: '交纳人数', align: 'right', dataIndex: 'contributors' },
    { key: 'total', title: '金额（元）', align: 'right', render: (_, c) => <Yuan fen={c.totalFen} strong /> },
  ];

  return (
    <>
      <PageHeader
        title="特殊党费"
        extra={
          writable && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="special-dues-create">
              发起活动
            </Button>
          )
        }
      />
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={voluntary} />
      <FilterBar>
        <SearchFilter label="搜索" id="special-q" width={240} placeholder="活动名称" value={params.q} onSearch={(q) => update({ q })} />
      </FilterBar>
      <PagedTable<SpecialDuesCampaign> {...table} testId="special-dues" rowKey="id" columns={columns} emptyText="暂无特殊党费活动" />
      <FormDialog title="发起特殊党费活动" open={creating} onClose={() => setCreating(false)} width={560}>
        <CampaignForm onClose={() => setCreating(false)} onCreated={show} />
      </FormDialog>
      <Drawer open={open.success} onClose={() => show(undefined)} size="large" destroyOnHidden title="特殊党费活动">
        {open.success && <CampaignDetail campaignId={open.data} writable={writable} />}
      </Drawer>
    </>
  );
}

const campaignRules = fieldRules(specialDuesCampaignInput);

function CampaignForm({ campaign, onClose, onCreated }: { campaign?: SpecialDuesCampaign; onClose: () => void; onCreated?: (id: string) => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(specialDuesCampaignInput);
  const fallbackOrg = useDefaultDuesOrg();
  const save = useMutation({
    mutationFn: (input: SpecialDuesCampaignInput) => {
      if (!campaign) return duesApi.createCampaign(input);
      // The calling org stays; the update's contract has none.
      const { orgId: _org, ...fields } = input;
      return duesApi.updateCampaign(campaign.id, { ...fields, version: campaign.version });
    },
    onSuccess: async (saved) => {
      await refreshSpecialDues(client);
      void message.success('已保存');
      onClose();
      onCreated?.(saved.id);
    },
    onError: form.fail,
  });
  return (
    <ZodForm
      form={form}
      mutation={save}
      initialValues={
        campaign
          ? { ...campaign, startedOn: dayjs(campaign.startedOn), endedOn: campaign.endedOn ? dayjs(campaign.endedOn) : undefined }
          : { orgId: fallbackOrg, reason: 'disasterRelief', startedOn: dayjs() }
      }
    >
      <Form.Item name="orgId" label="发起组织" rules={campaignRules('orgId')}>
        <OrgPicker disabled={Boolean(campaign)} />
      </Form.Item>
      <Form.Item name="title" label="活动名称" rules={campaignRules('title')}>
        <Input maxLength={100} placeholder="如：抗洪救灾特殊党费" />
      </Form.Item>
      <Form.Item name="reason" label="事由" rules={campaignRules('reason')}>
        <Select options={optionsOf(specialDuesReasons)} />
      </Form.Item>
      <Form.Item name="description" label="说明" rules={campaignRules('description')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="startedOn" label="开始日期" rules={campaignRules('startedOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="endedOn" label="结束日期" rules={campaignRules('endedOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText={campaign ? '保存' : '发起'} loading={save.isPending} />
    </ZodForm>
  );
}

function CampaignDetail({ campaignId, writable }: { campaignId: string; writable: boolean }) {
  const campaign = useQuery(campaignQuery(campaignId));
  const [editing, setEditing] = useState(false);
  const [recording, setRecording] = useState(false);
  if (campaign.isPending) return null;
  if (campaign.isError) return <ErrorAlert error={campaign.error} onRetry={() => void campaign.refetch()} />;
  const c = campaign.data;
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={1}
        title={c.title}
        extra={
          writable && (
            <Flex gap={8}>
              <Button onClick={() => setEditing(true)}>修改</Button>
              <Button type="primary" onClick={() => setRecording(true)}>
                登记特殊党费
              </Button>
            </Flex>
          )
        }
        items={[
          { key: 'reason', label: '事由', children: specialDuesReasons.label(c.reason) },
          { key: 'org', label: '发起组织', children: c.orgName },
          { key: 'period', label: '时间', children: `${c.startedOn} 至 ${c.endedOn ?? '—'}` },
          { key: 'description', label: '说明', children: c.description ?? '—' },
          { key: 'total', label: '本人可见范围合计', children: `${c.contributors} 人，${yuan(c.totalFen)} 元` },
        ]}
      />
      <Tabs
        items={[
          { key: 'totals', label: '汇总', children: <CampaignTotals campaignId={campaignId} /> },
          { key: 'records', label: '交纳记录', children: <Contributions campaignId={campaignId} writable={writable} /> },
        ]}
      />
      <FormDialog title={`修改 · ${c.title}`} open={editing} onClose={() => setEditing(false)} width={560}>
        <CampaignForm campaign={c} onClose={() => setEditing(false)} />
      </FormDialog>
      <FormDialog title={`登记特殊党费 · ${c.title}`} open={recording} onClose={() => setRecording(false)} width={680}>
        <ContributionsForm campaign={c} onClose={() => setRecording(false)} />
      </FormDialog>
    </Flex>
  );
}

function CampaignTotals({ campaignId }: { campaignId: string }) {
  const [orgId, setOrgId] = useState<string>();
  const totals = useQuery(campaignTotalsQuery(campaignId, orgId));
  const amount = (fen: number) => <Yuan fen={fen} />;
  return (
    <Flex vertical gap={12}>
      <FilterBar>
        <FilterField label="范围" htmlFor="special-totals-org" width={260}>
          <OrgPicker id="special-totals-org" value={orgId ?? totals.data?.orgId} onChange={setOrgId} />
        </FilterField>
      </FilterBar>
      {totals.isError && <ErrorAlert error={totals.error} />}
      {totals.data && (
        <>
          <Typography.Text>
            {totals.data.orgName}：{totals.data.total.contributors} 人交纳，合计 <Typography.Text strong>{yuan(totals.data.total.amountFen)}</Typography.Text>{' '}
            元
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="orgId"
            title={() => '按下级组织'}
            dataSource={totals.data.byOrg.filter((r) => r.contributors > 0 || r.orgId !== totals.data.orgId)}
            columns={[
              { title: '党组织', render: (_, r) => (r.orgId === totals.data.orgId ? '本级（直属党员）' : r.orgName) },
              { title: '人数', dataIndex: 'contributors', align: 'right' },
              { title: '金额（元）', align: 'right', render: (_, r) => amount(r.amountFen) },
            ]}
          />
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => r.unitId ?? r.unitName}
            title={() => '按单位'}
            dataSource={totals.data.byUnit}
            locale={{ emptyText: <EmptyState description="尚无交纳" /> }}
            columns={[
              { title: '单位', dataIndex: 'unitName' },
              { title: '人数', dataIndex: 'contributors', align: 'right' },
              { title: '金额（元）', align: 'right', render: (_, r) => amount(r.amountFen) },
            ]}
          />
        </>
      )}
    </Flex>
  );
}

function Contributions({ campaignId, writable }: { campaignId: string; writable: boolean }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery(contributionsQuery(campaignId, { page, pageSize: 20 }));
  const remove = useMutation({
    mutationFn: (contribution: SpecialDuesContribution) => duesApi.deleteContribution(contribution.id),
    onSuccess: async () => {
      await refreshSpecialDues(client);
      void message.success('已删除');
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const columns: ColumnsType<SpecialDuesContribution> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '所在党组织', dataIndex: 'orgName' },
    { title: '金额（元）', align: 'right', render: (_, r) => <Yuan fen={r.amountFen} strong /> },
    { title: '交纳日期', dataIndex: 'paidOn' },
    { title: '备注', render: (_, r) => r.note ?? '—' },
    ...(writable
      ? [
          {
            title: '操作',
            render: (_: unknown, r: SpecialDuesContribution) => (
              <Popconfirm title={`删除${r.name}的这笔记录？`} onConfirm={() => remove.mutate(r)}>
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
    <>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<SpecialDuesContribution>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (total) => `共 ${total} 条` }}
        locale={{ emptyText: <EmptyState description="尚无交纳记录" /> }}
      />
    </>
  );
}

function ContributionsForm({ campaign, onClose }: { campaign: SpecialDuesCampaign; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(specialDuesContributionsInput);
  const save = useMutation({
    mutationFn: (input: SpecialDuesContributionsInput) => duesApi.recordContributions(campaign.id, input),
    onSuccess: async (result) => {
      await refreshSpecialDues(client);
      void message.success(`已登记 ${result.items.length} 笔，共 ${yuan(result.items.reduce((n, r) => n + r.amountFen, 0))} 元`);
      onClose();
    },
    onError: form.fail,
  });
  const today = dayjs();
  return (
    <ZodForm
      form={form}
      mutation={save}
      toInput={(values) => ({
        items: ((values.items as Record<string, unknown>[] | undefined) ?? []).map((row) => ({ ...row, amountFen: toFen(row.amountFen) })),
      })}
      initialValues={{ items: [{ paidOn: today }] }}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="金额由党员自愿确定，不设标准、不作比较。" />
      <ListField name="items" label="交纳党员" required newRow={{ paidOn: today }} addText="添加一人" max={50} keepOne>
        {(field, index) => (
          <>
            <Form.Item name={[field.name, 'memberId']} style={{ flex: 2, marginBottom: 0 }} rules={[{ required: true, message: '请选择党员' }]}>
              <MemberSelect id={`special-member-${index}`} />
            </Form.Item>
            <Form.Item name={[field.name, 'amountFen']} style={{ width: 150, marginBottom: 0 }} rules={[{ required: true, message: '请填写金额' }, yuanRule]}>
              <YuanInput aria-label={`第 ${index + 1} 人金额`} />
            </Form.Item>
            <Form.Item name={[field.name, 'paidOn']} style={{ width: 150, marginBottom: 0 }} rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker
                aria-label={`第 ${index + 1} 人交纳日期`}
                disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(campaign.startedOn), 'day')}
              />
            </Form.Item>
          </>
        )}
      </ListField>
      <DialogFooter onCancel={onClose} submitText="登记" loading={save.isPending} />
    </ZodForm>
  );
}
