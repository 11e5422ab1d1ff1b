import { type MeetingDetail, meetingUpdate, orglifeLimits } from '@hangbiao/shared/contracts/orglife';
import { Button, Checkbox, DatePicker, Flex, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fieldRules, ListField, useZodForm, ZodForm, zodRule } from '../../app/forms';
import { meetingApi } from './orglife-queries';
import { useMeetingChange } from './use-meeting-change';

const rules = fieldRules(meetingUpdate);
const rectificationShape = meetingUpdate.shape.rectifications.unwrap().element.shape;
const when = { format: 'YYYY-MM-DD HH:mm', showTime: { format: 'HH:mm', minuteStep: 5 as const } };

/** The record of the meeting (会议记录): who ran and wrote it, the agenda, the first topic, the discussion and, by kind, the theme, speaker or rectification list. */
export function MeetingRecordForm({ meeting }: { meeting: MeetingDetail }) {
  // A fresh form for each saved version, so its initial values are the record as it now is.
  return <RecordForm key={meeting.version} meeting={meeting} />;
}

function RecordForm({ meeting }: { meeting: MeetingDetail }) {
  const form = useZodForm(meetingUpdate);
  const save = useMeetingChange(meeting.id, (input: Parameters<typeof meetingApi.update>[1]) => meetingApi.update(meeting.id, input), {
    success: '会议记录已保存',
    onError: form.fail,
  });
  const readOnly = !meeting.canWrite || meeting.status === 'cancelled';

  const toInput = (values: Record<string, unknown>) => ({
    ...values,
    version: meeting.version,
    startsAt: (values.startsAt as Dayjs | undefined)?.format(),
    endsAt: (values.endsAt as Dayjs | undefined)?.format(),
    agenda: String(values.agenda ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    hostName: values.hostName ?? null,
    recorderName: values.recorderName ?? null,
    firstTopic: values.firstTopic ?? null,
    minutes: values.minutes ?? null,
    theme: values.theme ?? null,
    speakerName: values.speakerName ?? null,
    rectifications: values.rectifications ?? [],
  });

  return (
    <ZodForm
      form={form}
      mutation={save}
      toInput={toInput}
      disabled={readOnly}
      initialValues={{
        startsAt: dayjs(meeting.startsAt),
        endsAt: dayjs(meeting.endsAt),
        place: meeting.place ?? undefined,
        hostName: meeting.hostName ?? undefined,
        recorderName: meeting.recorderName ?? undefined,
        agenda: meeting.agenda.join('\n'),
        firstTopic: meeting.firstTopic ?? undefined,
        minutes: meeting.minutes ?? undefined,
        theme: meeting.theme ?? undefined,
        speakerName: meeting.speakerName ?? undefined,
        speakerIsLeadingCadre: meeting.speakerIsLeadingCadre,
        rectifications: meeting.rectifications.map((r) => ({ ...r, dueOn: r.dueOn ? dayjs(r.dueOn) : undefined })),
      }}
      data-testid="meeting-record-form"
    >
      <Flex gap={12} wrap>
        <Form.Item name="startsAt" label="开始时间" style={{ minWidth: 200 }}>
          <DatePicker {...when} allowClear={false} />
        </Form.Item>
        <Form.Item name="endsAt" label="结束时间" style={{ minWidth: 200 }}>
          <DatePicker {...when} allowClear={false} />
        </Form.Item>
        <Form.Item name="place" label="地点" rules={rules('place')} style={{ minWidth: 220, flex: 1 }}>
          <Input maxLength={orglifeLimits.place} />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item name="hostName" label="主持人" rules={rules('hostName')} style={{ minWidth: 200, flex: 1 }}>
          <Input maxLength={orglifeLimits.person} />
        </Form.Item>
        <Form.Item name="recorderName" label="记录人" rules={rules('recorderName')} style={{ minWidth: 200, flex: 1 }}>
          <Input maxLength={orglifeLimits.person} />
        </Form.Item>
      </Flex>
      <Form.Item name="agenda" label="议程" extra="每行一项">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} placeholder={'学习习近平总书记最新重要讲话精神\n讨论接收预备党员'} />
      </Form.Item>
      <Form.Item
        name="firstTopic"
        label="第一议题"
        required={meeting.firstTopicRequired}
        extra={meeting.firstTopicRequired ? '此类会议须以第一议题开篇，标记“已召开”前须填写' : undefined}
        rules={rules('firstTopic')}
      >
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder="学习的内容" />
      </Form.Item>
      {meeting.kind === 'themeDay' && (
        <Form.Item name="theme" label="活动主题" rules={rules('theme')}>
          <Input maxLength={orglifeLimits.title} />
        </Form.Item>
      )}
      {meeting.kind === 'partyLecture' && (
        <Flex gap={12} align="center" wrap>
          <Form.Item name="speakerName" label="授课人" rules={rules('speakerName')} style={{ minWidth: 220 }}>
            <Input maxLength={orglifeLimits.person} />
          </Form.Item>
          <Form.Item name="speakerIsLeadingCadre" valuePropName="checked" label=" ">
            <Checkbox>授课人为领导干部</Checkbox>
          </Form.Item>
        </Flex>
      )}
      <Form.Item name="minutes" label="讨论要点" extra="发言要点，包括不同意见" rules={rules('minutes')}>
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} />
      </Form.Item>
      {meeting.kind === 'orgLifeMeeting' && (
        <ListField name="rectifications" label="整改清单" newRow={{}} addText="添加整改事项" max={orglifeLimits.rectifications}>
          {(field) => (
            <Flex gap={8} wrap style={{ flex: 1 }}>
              <Form.Item name={[field.name, 'content']} rules={[zodRule(rectificationShape.content)]} style={{ flex: 2, minWidth: 200, marginBottom: 0 }}>
                <Input placeholder="问题及整改措施" />
              </Form.Item>
              <Form.Item name={[field.name, 'owner']} style={{ width: 120, marginBottom: 0 }}>
                <Input placeholder="责任人" />
              </Form.Item>
              <Form.Item name={[field.name, 'dueOn']} style={{ width: 150, marginBottom: 0 }}>
                <DatePicker placeholder="完成时限" />
              </Form.Item>
            </Flex>
          )}
        </ListField>
      )}
      {!readOnly && (
        <Flex justify="end">
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存会议记录
          </Button>
        </Flex>
      )}
    </ZodForm>
  );
}
