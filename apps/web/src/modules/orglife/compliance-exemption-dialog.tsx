import { type ExemptionCreate, exemptionCreate } from '@hangbiao/shared/contracts/compliance';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { complianceKeys, exemptionApi } from './compliance-queries';
import { kindOptions } from './meeting-labels';

const rules = fieldRules(exemptionCreate);
const allKinds = 'all';
const month = (value: unknown) => (value ? (value as Dayjs).format('YYYY-MM') : undefined);

/** Records an exemption approved by the level above, for one kind of meeting or all of them, over whole months. */
export function ComplianceExemptionDialog({ orgId, open, onClose }: { orgId: string; open: boolean; onClose: () => void }) {
  return (
    <FormDialog title="登记组织生活豁免" open={open} onClose={onClose}>
      <ExemptionForm orgId={orgId} onClose={onClose} />
    </FormDialog>
  );
}

function ExemptionForm({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(exemptionCreate);
  const save = useMutation({
    mutationFn: (input: ExemptionCreate) => exemptionApi.create(input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: complianceKeys.all });
      void message.success('已登记豁免');
      onClose();
    },
    onError: form.fail,
  });
  return (
    <ZodForm
      form={form}
      mutation={save}
      initialValues={{ kind: allKinds }}
      toInput={(values) => ({
        ...values,
        orgId,
        kind: values.kind === allKinds ? null : values.kind,
        from: month(values.from),
        to: month(values.to),
      })}
    >
      <Form.Item name="kind" label="豁免的组织生活" required>
        <Select options={[{ value: allKinds, label: '全部组织生活' }, ...kindOptions]} />
      </Form.Item>
      <Form.Item name="from" label="起始月份" rules={[{ required: true, message: '请选择起始月份' }]}>
        <DatePicker picker="month" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="to" label="截止月份" rules={[{ required: true, message: '请选择截止月份' }]}>
        <DatePicker picker="month" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label="豁免原因" rules={rules('reason')}>
        <Input.TextArea rows={3} maxLength={500} placeholder="如：机构改革期间支部调整，暂停组织生活" />
      </Form.Item>
      <Form.Item name="approvedBy" label="审批单位或审批人" rules={rules('approvedBy')}>
        <Input maxLength={100} placeholder="如：市直机关工委组织部（2026年2月10日批复）" />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="登记" loading={save.isPending} />
    </ZodForm>
  );
}
