import { type MeetingDetail, type Observer, observerInput } from '@hangbiao/shared/contracts/orglife';
import { observerRatings } from '@hangbiao/shared/glossary';
import { Button, Flex, Form, Input, Popconfirm, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { meetingApi } from './orglife-queries';
import { useMeetingChange } from './use-meeting-change';

const rules = fieldRules(observerInput);
const ratingOptions = observerRatings.keys.map((value) => ({ value, label: observerRatings.label(value) }));

/** 列席人员: people attending without being expected members, e.g. the committee's observers at a central-group session. */
export function MeetingObserversTab({ meeting }: { meeting: MeetingDetail }) {
  const remove = useMeetingChange(meeting.id, (observerId: string) => meetingApi.removeObserver(meeting.id, observerId), { success: '已删除' });
  const writable = meeting.canWrite && meeting.status !== 'cancelled';
  const columns: ColumnsType<Observer> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '单位', dataIndex: 'fromOrg' },
    { title: '评价', render: (_, o) => (o.rating ? observerRatings.label(o.rating) : '—') },
    { title: '意见建议', render: (_, o) => o.notes ?? '—' },
    ...(writable
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, o: Observer) => (
              <Popconfirm title={`删除列席人员 ${o.name}？`} onConfirm={() => remove.mutate(o.id)}>
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
      <Table<Observer> size="small" rowKey="id" columns={columns} dataSource={meeting.observers} pagination={false} />
      {writable && <ObserverForm meeting={meeting} />}
    </Flex>
  );
}

function ObserverForm({ meeting }: { meeting: MeetingDetail }) {
  const form = useZodForm(observerInput);
  const add = useMeetingChange(meeting.id, (input: Parameters<typeof meetingApi.addObserver>[1]) => meetingApi.addObserver(meeting.id, input), {
    success: '已登记列席人员',
    onError: form.fail,
  });
  return (
    <ZodForm form={form} mutation={add} resetOnSuccess layout="inline">
      <Flex gap={8} wrap>
        <Form.Item name="name" rules={rules('name')}>
          <Input placeholder="姓名" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="fromOrg" rules={rules('fromOrg')}>
          <Input placeholder="单位（如：市直机关工委）" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="rating">
          <Select placeholder="评价" options={ratingOptions} allowClear style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="notes" rules={rules('notes')}>
          <Input placeholder="意见建议" style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          登记列席
        </Button>
      </Flex>
    </ZodForm>
  );
}
