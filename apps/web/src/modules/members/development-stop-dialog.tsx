import { type CaseDetail, caseStop, stepWithdrawal } from '@hangbiao/shared/contracts/development';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input } from 'antd';
import dayjs from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { developmentApi, refreshAfterWrite } from './development-queries';

const rules = fieldRules(caseStop);
const withdrawalRules = fieldRules(stepWithdrawal);

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

/** 撤销最后一步: takes back the step recorded last (a wrong date or a mistaken entry), to record it again. */
export function WithdrawStepDialog({ detail, open, onClose }: Props) {
  return (
    <FormDialog title={`撤销最后记录的步骤 · ${detail.name}`} open={open} onClose={onClose} width={520}>
      <WithdrawStepForm detail={detail} onClose={onClose} />
    </FormDialog>
  );
}

function WithdrawStepForm({ detail, onClose }: Omit<Props, 'open'>) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(stepWithdrawal);
  const withdraw = useMutation({
    mutationFn: (input: Parameters<typeof developmentApi.withdrawStep>[1]) => developmentApi.withdrawStep(detail.id, input),
    onSuccess: async (saved) => {
      await refreshAfterWrite(client, saved);
      void message.success('已撤销，可重新记录该步骤');
      onClose();
    },
    onError: form.fail,
  });
  return (
    <ZodForm form={form} mutation={withdraw} toInput={(values) => ({ ...values, version: detail.version })}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="撤销最近记录的一个步骤，撤销后可重新记录。已变更党员名册的步骤（接收预备党员、转正、延长预备期、取消资格）不能撤销。"
      />
      <Form.Item name="reason" label="撤销原因" rules={withdrawalRules('reason')}>
        <Input.TextArea rows={3} maxLength={200} placeholder="如：日期登记有误；误记了步骤" />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="撤销" loading={withdraw.isPending} danger />
    </ZodForm>
  );
}
