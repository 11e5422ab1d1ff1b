import { memberPage } from '@hangbiao/shared/contracts/members';
import { type Attendee, attendanceCorrection, type MeetingDetail } from '@hangbiao/shared/contracts/orglife';
import { attendanceStatuses } from '@hangbiao/shared/glossary';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api } from '../../app/api';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { useCan } from '../../app/session';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { useDebounced } from '../../components/use-debounced';
import { AttendanceTag, rateText, timeText } from './meeting-labels';
import { meetingApi } from './orglife-queries';
import { useMeetingChange } from './use-meeting-change';

const rules = fieldRules(attendanceCorrection);
const statusOptions = attendanceStatuses.keys.map((value) => ({ value, label: attendanceStatuses.label(value) }));

/** 出勤: expected attendees with their status, reasons and check-in times; an administrator corrects, adds and removes. */
export function MeetingAttendanceTab({ meeting }: { meeting: MeetingDetail }) {
  const [correcting, setCorrecting] = useState<Attendee | null>(null);
  const remove = useMeetingChange(meeting.id, (memberId: string) => meetingApi.removeAttendee(meeting.id, memberId), { success: '已移出应到人员' });
  const writable = meeting.canWrite && meeting.status !== 'cancelled';
  const leave = meeting.attendance.filter((a) => a.status === 'leave').length;

  const columns: ColumnsType<Attendee> = [
    { title: '姓名', dataIndex: 'name' },
    {
      title: '类别',
      render: (_, a) => (
        <Space size={4}>
          {a.category === 'probationary' ? '预备党员' : '正式党员'}
          {meeting.voteRule && !a.hasVote && <Tag>无表决权</Tag>}
        </Space>
      ),
    },
    { title: '出勤', render: (_, a) => <AttendanceTag status={a.status} meetingStatus={meeting.status} /> },
    { title: '事由', render: (_, a) => a.reason ?? '—' },
    { title: '签到', render: (_, a) => (a.checkedInAt ? `扫码 ${timeText(a.checkedInAt)}` : a.status === 'present' ? '管理员登记' : '—') },
    ...(writable
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, a: Attendee) => (
              <Space>
                <Button size="small" onClick={() => setCorrecting(a)}>
                  更正
                </Button>
                <Popconfirm title={`将 ${a.name} 移出应到人员？`} onConfirm={() => remove.mutate(a.memberId)}>
                  <Button size="small" type="text" danger>
                    移出
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text data-testid="attendance-summary">
          应到 {meeting.expectedCount} 人，实到 {meeting.presentCount} 人，请假 {leave} 人，出勤率 {rateText(meeting.presentCount, meeting.expectedCount)}
        </Typography.Text>
        {writable && <AddAttendee meeting={meeting} />}
      </Flex>
      <Table<Attendee> size="small" rowKey="memberId" columns={columns} dataSource={meeting.attendance} pagination={false} data-testid="attendance-table" />
      {correcting && <CorrectionDialog meeting={meeting} attendee={correcting} onClose={() => setCorrecting(null)} />}
    </Flex>
  );
}

function CorrectionDialog({ meeting, attendee, onClose }: { meeting: MeetingDetail; attendee: Attendee; onClose: () => void }) {
  return (
    <FormDialog title={`更正出勤 · ${attendee.name}`} open onClose={onClose} width={420}>
      <CorrectionForm meeting={meeting} attendee={attendee} onClose={onClose} />
    </FormDialog>
  );
}

function CorrectionForm({ meeting, attendee, onClose }: { meeting: MeetingDetail; attendee: Attendee; onClose: () => void }) {
  const form = useZodForm(attendanceCorrection);
  const status = Form.useWatch('status', form.form);
  const correct = useMeetingChange(meeting.id, (input: Parameters<typeof meetingApi.correct>[2]) => meetingApi.correct(meeting.id, attendee.memberId, input), {
    success: '已更正出勤',
    onError: form.fail,
    onDone: onClose,
  });
  return (
    <ZodForm form={form} mutation={correct} initialValues={{ status: attendee.status, reason: attendee.reason ?? undefined }}>
      <Form.Item name="status" label="出勤情况" rules={rules('status')}>
        <Radio.Group options={statusOptions} optionType="button" />
      </Form.Item>
      {status !== 'present' && (
        <Form.Item name="reason" label="事由" rules={rules('reason')}>
          <Input placeholder="如：出差、病假" maxLength={200} />
        </Form.Item>
      )}
      <DialogFooter onCancel={onClose} submitText="保存" loading={correct.isPending} />
    </ZodForm>
  );
}

/** Adds a member of the meeting's org to its expected attendees (e.g. the members of a central study group). */
function AddAttendee({ meeting }: { meeting: MeetingDetail }) {
  const can = useCan();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['members', 'pick', meeting.orgId, q],
    queryFn: () => api.get('/api/members', memberPage, { under: meeting.orgId, q, pageSize: 20 }),
    enabled: can('members.read') && q.length > 0,
  });
  const listed = new Set(meeting.attendance.map((a) => a.memberId));
  const add = useMeetingChange(meeting.id, (memberId: string) => meetingApi.correct(meeting.id, memberId, { status: 'absent' }), { success: '已加入应到人员' });
  if (!can('members.read')) return null;
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      value={null}
      placeholder="添加应到人员（输入姓名或拼音）"
      style={{ width: 260 }}
      loading={found.isFetching}
      notFoundContent={q ? '没有匹配的党员' : '输入姓名搜索本组织党员'}
      options={(found.data?.items ?? []).filter((m) => !listed.has(m.id)).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }))}
      onChange={(memberId: string | null) => {
        if (memberId) add.mutate(memberId);
        setSearch('');
      }}
    />
  );
}
