import { defaultMeetingTitle, meetingCreate } from '@hangbiao/shared/contracts/orglife';
import { shanghaiDate } from '@hangbiao/shared/dates';
import type { MeetingKind } from '@hangbiao/shared/glossary';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { kindOptions } from './meeting-labels';
import { meetingApi, meetingKeys } from './orglife-queries';

const rules = fieldRules(meetingCreate);

/** 安排会议: only the org, kind, start and place; the title follows from the kind and date, the end from a usual length. */
export function MeetingPlanDialog({ open, onClose, orgId }: { open: boolean; onClose: () => void; orgId?: string | undefined }) {
  return (
    <FormDialog title="安排会议" open={open} onClose={onClose} width={520}>
      <MeetingPlanForm onClose={onClose} orgId={orgId} />
    </FormDialog>
  );
}

function MeetingPlanForm({ onClose, orgId }: { onClose: () => void; orgId?: string | undefined }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const form = useZodForm(meetingCreate);
  const kind = Form.useWatch('kind', form.form) as MeetingKind | undefined;
  const startsAt = Form.useWatch('startsAt', form.form) as Dayjs | undefined;

  const plan = useMutation({
    mutationFn: meetingApi.plan,
    onSuccess: async (meeting) => {
      await client.invalidateQueries({ queryKey: meetingKeys.all });
      void message.success(`已安排“${meeting.title}”`);
      onClose();
      void navigate(`/orglife/meetings/${meeting.id}`);
    },
    onError: form.fail,
  });

  const toInput = (values: Record<string, unknown>) => ({ ...values, startsAt: dayjs.isDayjs(values.startsAt) ? values.startsAt.format() : values.startsAt });

  return (
    <ZodForm form={form} mutation={plan} toInput={toInput} initialValues={{ orgId, kind: 'themeDay', startsAt: dayjs().add(1, 'hour').startOf('hour') }}>
      <Form.Item name="orgId" label="党组织" rules={[{ required: true, message: '请选择党组织' }]}>
        <OrgPicker />
      </Form.Item>
      <Form.Item name="kind" label="会议类型" rules={rules('kind')}>
        <Select options={kindOptions} />
      </Form.Item>
      <Form.Item name="startsAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]} extra="会议时长默认 2 小时，可在会议页修改">
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="place" label="地点" rules={rules('place')}>
        <Input placeholder="如：三楼党员活动室" maxLength={100} />
      </Form.Item>
      <Form.Item name="title" label="会议名称" rules={rules('title')}>
        <Input placeholder={kind && startsAt ? defaultMeetingTitle(kind, shanghaiDate(startsAt.toDate())) : '按日期和会议类型自动生成'} maxLength={100} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="安排" loading={plan.isPending} />
    </ZodForm>
  );
}
