import { type CaseDetail, caseStop } from '@hangbiao/shared/contracts/development';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { developmentApi, refreshAfterWrite } from './development-queries';

const rules = fieldRules(caseStop);

interface Props {
  detail: CaseDetail;
  open: boolean;
  onClose: () => void;
}

/** 终止发展程序 before admission: the applicant withdraws, leaves, or is found unfit. */
export function StopDialog({ detail, open, onClose }: Props) {
  return (
    <FormDialog title={`终止发展程序 · ${detail.name}`} open={open} onClose={onClose} width={520}>
      <StopForm detail={detail} onClose={onClose} />
    </FormDialog>
  );
}

function StopForm({ detail, onClose }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(caseStop);
  const stop = useMutation({
    mutationFn: (input: Parameters<typeof developmentApi.stop>[1]) => developmentApi.stop(detail.id, input),
    onSuccess: async (saved) => {
      await refreshAfterWrite(client, saved);
      void message.success('已终止');
      onClose();
    },
    onError: form.fail,
  });
  return (
    <ZodForm form={form} mutation={stop} toInput={(values) => ({ ...values, version: detail.version })} initialValues={{ stoppedOn: dayjs() }}>
      <Form.Item name="stoppedOn" label="终止日期" rules={rules('stoppedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(date) => date.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="reason" label="终止原因" rules={rules('reason')}>
        <Input.TextArea rows={3} maxLength={200} placeholder="如：本人撤回申请；调离本单位；经考察不具备条件" />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="终止" loading={stop.isPending} danger />
    </ZodForm>
  );
}
