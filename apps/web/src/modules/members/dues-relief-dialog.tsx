import { type DuesRelief, type DuesReliefInput, duesReliefInput } from '@hangbiao/shared/contracts/dues';
import { duesReliefKinds } from '@hangbiao/shared/glossary';
import { yuan } from '@hangbiao/shared/money';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { monthRequired, toFen, YuanInput, yuanRule } from './dues-labels';
import { duesApi, refreshDues } from './dues-queries';
import { optionsOf } from './member-labels';

const rules = fieldRules(duesReliefInput);

export interface ReliefTarget {
  memberId: string;
  name: string;
  /** The orgs above the member's, nearest first. */
  approvers: { id: string; name: string }[];
  relief?: DuesRelief | undefined;
}

/** 少交、免交党费: the branch's decision and the approval one level up (规定第七条), for a span of months. */
export function DuesReliefDialog({ target, onClose }: { target: ReliefTarget | null; onClose: () => void }) {
  return (
    <FormDialog title={target ? `少交、免交党费 · ${target.name}` : ''} open={target !== null} onClose={onClose} width={560}>
      {target && <ReliefForm target={target} onClose={onClose} />}
    </FormDialog>
  );
}

const month = (value: unknown) => (dayjs.isDayjs(value) ? (value as Dayjs).format('YYYY-MM') : value);

function ReliefForm({ target, onClose }: { target: ReliefTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(duesReliefInput);
  const kind = Form.useWatch('kind', form.form) as DuesReliefInput['kind'] | undefined;
  const { relief } = target;

  const save = useMutation({
    mutationFn: (input: DuesReliefInput) =>
      relief ? duesApi.updateRelief(relief.id, { ...input, version: relief.version }) : duesApi.grantRelief(target.memberId, input),
    onSuccess: async () => {
      await refreshDues(client);
      void message.success('已登记');
      onClose();
    },
    onError: form.fail,
  });

  return (
    <ZodForm
      form={form}
      mutation={save}
      toInput={(values) => ({ ...values, fromMonth: month(values.fromMonth), toMonth: month(values.toMonth), monthlyFen: toFen(values.monthlyFen) })}
      initialValues={
        relief
          ? {
              ...relief,
              monthlyFen: relief.monthlyFen === null ? undefined : yuan(relief.monthlyFen),
              fromMonth: dayjs(`${relief.fromMonth}-01`),
              toMonth: relief.toMonth ? dayjs(`${relief.toMonth}-01`) : undefined,
              decidedOn: dayjs(relief.decidedOn),
              approvedOn: dayjs(relief.approvedOn),
            }
          : { kind: 'reduced', fromMonth: dayjs(), decidedOn: dayjs(), approvedOn: dayjs(), approvedByOrgId: target.approvers[0]?.id }
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title="交纳党费确有困难的，经党支部研究，报上一级党委批准后，可以少交或者免交（规定第七条）。" />
      <Form.Item name="kind" label="方式" rules={rules('kind')}>
        <Radio.Group options={optionsOf(duesReliefKinds)} />
      </Form.Item>
      {kind === 'reduced' && (
        <Form.Item name="monthlyFen" label="每月交纳金额" rules={[{ required: true, message: '请填写金额' }, yuanRule]}>
          <YuanInput />
        </Form.Item>
      )}
      <Form.Item name="fromMonth" label="起始月份" rules={[monthRequired]}>
        <DatePicker picker="month" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="toMonth" label="截止月份（不填为长期）">
        <DatePicker picker="month" style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label="困难情况" rules={rules('reason')}>
        <Input.TextArea rows={2} maxLength={200} />
      </Form.Item>
      <Form.Item name="decidedOn" label="党支部研究日期" rules={rules('decidedOn')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="approvedByOrgId" label="批准的上级党组织" rules={rules('approvedByOrgId')}>
        <Select options={target.approvers.map((o) => ({ value: o.id, label: o.name }))} />
      </Form.Item>
      <Form.Item name="approvedOn" label="批准日期" rules={rules('approvedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="登记" loading={save.isPending} />
    </ZodForm>
  );
}
