import { type Webhook, type WebhookDelivery, type WebhookInput, type WebhookUpdate, webhookInput, webhookUpdate } from '@hangbiao/shared/contracts/notices';
import { webhookDeliveryStates, webhookFormats } from '@hangbiao/shared/glossary';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorText } from '../../app/api';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { ErrorAlert } from '../../components/error-display';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { deliveriesQuery, noticeApi, noticeKeys, webhooksQuery } from './notice-queries';

const formatOptions = webhookFormats.keys.map((value) => ({ value, label: webhookFormats.label(value) }));
const stateColors = { pending: 'gold', delivered: 'green', failed: 'red' } as const;
const createRules = fieldRules(webhookInput);
const updateRules = fieldRules(webhookUpdate);

/** Fields shared by adding and editing; `rules` come from the contract the form sends. */
function WebhookFields({ rules, current }: { rules: typeof createRules | typeof updateRules; current?: Webhook }) {
  return (
    <>
      <Form.Item name="name" label="名称" rules={rules('name')}>
        <Input maxLength={100} placeholder="如：市直机关工委党建工作群" />
      </Form.Item>
      <Form.Item name="format" label="机器人类型" rules={rules('format')}>
        <Select options={formatOptions} />
      </Form.Item>
      <Form.Item
        name="url"
        label="机器人地址（Webhook）"
        rules={rules('url')}
        extra={current ? `当前：${current.urlMasked}；留空则保持不变` : '地址含机器人密钥，保存后加密存放，只显示前半部分'}
      >
        <Input placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
      </Form.Item>
      <Form.Item name="active" label="启用" valuePropName="checked">
        <Switch />
      </Form.Item>
    </>
  );
}

function useSaved(onClose: () => void, text: string) {
  const { message } = App.useApp();
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: noticeKeys.webhooks });
    void message.success(text);
    onClose();
  };
}

function CreateWebhookForm({ onClose }: { onClose: () => void }) {
  const form = useZodForm(webhookInput);
  const save = useMutation({ mutationFn: (input: WebhookInput) => noticeApi.createWebhook(input), onSuccess: useSaved(onClose, '已添加'), onError: form.fail });
  return (
    <ZodForm form={form} mutation={save} initialValues={{ format: 'wecom', active: true }}>
      <Form.Item name="orgId" label="接收哪个组织范围的提醒" rules={createRules('orgId')}>
        <OrgPicker placeholder="选择党组织（工委即全部）" />
      </Form.Item>
      <WebhookFields rules={createRules} />
      <DialogFooter onCancel={onClose} submitText="添加" loading={save.isPending} />
    </ZodForm>
  );
}

function EditWebhookForm({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const form = useZodForm(webhookUpdate);
  const save = useMutation({
    mutationFn: (input: WebhookUpdate) => noticeApi.updateWebhook(webhook.id, input),
    onSuccess: useSaved(onClose, '已保存'),
    onError: form.fail,
  });
  return (
    <ZodForm
      form={form}
      mutation={save}
      initialValues={{ name: webhook.name, format: webhook.format, active: webhook.active }}
      toInput={(values) => ({ ...values, version: webhook.version })}
    >
      <WebhookFields rules={updateRules} current={webhook} />
      <DialogFooter onCancel={onClose} submitText="保存" loading={save.isPending} />
    </ZodForm>
  );
}

const deliveryColumns: ColumnsType<WebhookDelivery> = [
  { title: '时间', width: 140, render: (_, d) => dayjs(d.createdAt).format('MM-DD HH:mm') },
  { title: '状态', width: 90, render: (_, d) => <Tag color={stateColors[d.state]}>{webhookDeliveryStates.label(d.state)}</Tag> },
  { title: '尝试', dataIndex: 'attempts', width: 60, align: 'right' },
  {
    title: '内容与结果',
    render: (_, d) => (
      <Flex vertical gap={2}>
        <Typography.Text style={{ whiteSpace: 'pre-line' }} ellipsis={{ tooltip: d.text }}>
          {d.text.split('\n')[0]}
        </Typography.Text>
        {d.lastError && <Typography.Text type="danger">{d.lastError}</Typography.Text>}
        {d.state === 'pending' && d.nextAttemptAt && (
          <Typography.Text type="secondary">下次重试：{dayjs(d.nextAttemptAt).format('MM-DD HH:mm')}</Typography.Text>
        )}
      </Flex>
    ),
  },
];

function Deliveries({ webhook, onClose }: { webhook: Webhook; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const query = useQuery(deliveriesQuery(webhook.id, page));
  return (
    <Modal open title={`推送记录 · ${webhook.name}`} onCancel={onClose} footer={null} width={760}>
      {query.isError && <ErrorAlert error={query.error} />}
      <Table<WebhookDelivery>
        rowKey="id"
        size="small"
        loading={query.isPending}
        columns={deliveryColumns}
        dataSource={query.data?.items ?? []}
        pagination={{ current: page, pageSize: 10, total: query.data?.total ?? 0, onChange: setPage }}
      />
    </Modal>
  );
}

/** The committee's chat robots (WeCom, DingTalk, Feishu) that receive the day's new reminders and the weekly digest. */
export function WebhookSettings() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const query = useQuery(webhooksQuery);
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: noticeKeys.webhooks });
  const test = useMutation({
    mutationFn: noticeApi.testWebhook,
    onSuccess: (d) => (d.state === 'delivered' ? message.success('测试消息已送达') : message.warning(`测试消息未送达：${d.lastError ?? ''}，将自动重试`)),
    onError: (error) => message.error(errorText(error)),
  });
  const toggle = useMutation({
    mutationFn: (w: Webhook) => noticeApi.updateWebhook(w.id, { version: w.version, active: !w.active }),
    onSuccess: refresh,
    onError: (error) => message.error(errorText(error)),
  });
  const remove = useMutation({ mutationFn: noticeApi.deleteWebhook, onSuccess: refresh, onError: (error) => message.error(errorText(error)) });
  const columns: ColumnsType<Webhook> = [
    { title: '名称', dataIndex: 'name' },
    { title: '提醒范围', dataIndex: 'orgName' },
    { title: '类型', render: (_, w) => webhookFormats.label(w.format) },
    { title: '地址', render: (_, w) => <Typography.Text code>{w.urlMasked}</Typography.Text> },
    { title: '启用', width: 70, render: (_, w) => <Switch size="small" checked={w.active} loading={toggle.isPending} onChange={() => toggle.mutate(w)} /> },
    {
      title: '操作',
      width: 260,
      render: (_, w) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => test.mutate(w.id)} loading={test.isPending && test.variables === w.id}>
            发送测试
          </Button>
          <Button size="small" type="link" onClick={() => setLog(w)}>
            推送记录
          </Button>
          <Button size="small" type="link" onClick={() => setEditing(w)}>
            编辑
          </Button>
          <Popconfirm title={`删除“${w.name}”？`} onConfirm={() => remove.mutate(w.id)}>
            <Button size="small" type="link" danger>
              删除
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          每天早上把新增或升级的临期、逾期提醒推送到工作群；每周一推送摘要。失败自动重试（1、5、30、120 分钟后）。
        </Typography.Text>
        <Button type="primary" onClick={() => setEditing('new')}>
          添加推送地址
        </Button>
      </Flex>
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      <Table<Webhook> rowKey="id" size="small" loading={query.isPending} columns={columns} dataSource={query.data ?? []} pagination={false} />
      <FormDialog title={editing === 'new' ? '添加推送地址' : '编辑推送地址'} open={editing !== null} onClose={() => setEditing(null)}>
        {editing === 'new' ? (
          <CreateWebhookForm onClose={() => setEditing(null)} />
        ) : (
          editing && <EditWebhookForm webhook={editing} onClose={() => setEditing(null)} />
        )}
      </FormDialog>
      {log && <Deliveries webhook={log} onClose={() => setLog(null)} />}
    </>
  );
}
