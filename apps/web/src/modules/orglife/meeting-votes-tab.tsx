import { type MeetingDetail, type Resolution, resolutionInput } from '@hangbiao/shared/contracts/orglife';
import { Alert, Button, Flex, Form, Input, InputNumber, Popconfirm, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { meetingApi } from './orglife-queries';
import { useMeetingChange } from './use-meeting-change';

const rules = fieldRules(resolutionInput);

/** 决议表决: the resolutions voted on, judged by the quorum rule of the meeting's kind, which is shown with its source. */
export function MeetingVotesTab({ meeting }: { meeting: MeetingDetail }) {
  const remove = useMeetingChange(meeting.id, (resolutionId: string) => meetingApi.removeResolution(meeting.id, resolutionId), { success: '已删除决议' });
  const writable = meeting.canWrite && meeting.status !== 'cancelled';
  const entitled = meeting.attendance.filter((a) => a.hasVote).length;
  const presentVoters = meeting.attendance.filter((a) => a.hasVote && a.status === 'present').length;
  if (!meeting.voteRule) return <Alert type="info" showIcon title="此类会议不进行表决" />;

  const columns: ColumnsType<Resolution> = [
    { title: '决议事项', dataIndex: 'title' },
    { title: '赞成', dataIndex: 'votesFor', align: 'right' },
    { title: '反对', dataIndex: 'votesAgainst', align: 'right' },
    { title: '弃权', dataIndex: 'votesAbstain', align: 'right' },
    { title: '其中书面意见', dataIndex: 'writtenOpinions', align: 'right' },
    { title: '应到 / 实到（有表决权）', align: 'right', render: (_, r) => `${r.entitled} / ${r.presentVoters}` },
    { title: '结果', render: (_, r) => (r.passed ? <Tag color="green">通过</Tag> : <Tag color="red">未通过</Tag>) },
    ...(writable
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r: Resolution) => (
              <Popconfirm title="删除这条决议？" onConfirm={() => remove.mutate(r.id)}>
                <Button size="small" type="text" danger>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Alert
        type="info"
        showIcon
        title={`应到会有表决权 ${entitled} 人，实到 ${presentVoters} 人`}
        description={`${meeting.voteRule.text}（${meeting.voteRule.source}）`}
      />
      <Table<Resolution> size="small" rowKey="id" columns={columns} dataSource={meeting.resolutions} pagination={false} data-testid="resolutions-table" />
      {writable && <ResolutionForm meeting={meeting} />}
    </Flex>
  );
}

function ResolutionForm({ meeting }: { meeting: MeetingDetail }) {
  const form = useZodForm(resolutionInput);
  const add = useMeetingChange(meeting.id, (input: Parameters<typeof meetingApi.addResolution>[1]) => meetingApi.addResolution(meeting.id, input), {
    success: '已登记表决结果',
    onError: form.fail,
  });
  const count = (name: 'votesFor' | 'votesAgainst' | 'votesAbstain' | 'writtenOpinions', label: string) => (
    <Form.Item name={name} label={label} rules={rules(name)} style={{ width: 120 }}>
      <InputNumber min={0} precision={0} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <ZodForm
      form={form}
      mutation={add}
      resetOnSuccess
      initialValues={{ votesFor: 0, votesAgainst: 0, votesAbstain: 0, writtenOpinions: 0 }}
      data-testid="resolution-form"
    >
      <Form.Item name="title" label="决议事项" rules={rules('title')}>
        <Input placeholder="如：接收张某某为中共预备党员" maxLength={500} />
      </Form.Item>
      <Flex gap={12} wrap align="end">
        {count('votesFor', '赞成')}
        {count('votesAgainst', '反对')}
        {count('votesAbstain', '弃权')}
        {count('writtenOpinions', '其中书面意见')}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            登记表决结果
          </Button>
        </Form.Item>
      </Flex>
    </ZodForm>
  );
}
