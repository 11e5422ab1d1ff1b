import { type DuesLedgerRow, type DuesPaymentsInput, duesPaymentItem } from '@hangbiao/shared/contracts/dues';
import { addMonths } from '@hangbiao/shared/dates';
import { yuan } from '@hangbiao/shared/money';
import { type DuesCadence, duesCadenceRules, ruleOn } from '@hangbiao/shared/rules';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import { z } from 'zod';
import { useZodForm, ZodForm, zodRule } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { methodOptions } from './dues-labels';
import { duesApi, refreshDues } from './dues-queries';

const cadences = duesCadenceRules.map((r) => r.cadence);
const entry = z.strictObject({
  paidOn: duesPaymentItem.shape.paidOn,
  method: duesPaymentItem.shape.method,
  cadence: z.enum(cadences as [DuesCadence, ...DuesCadence[]]),
});
type Entry = z.infer<typeof entry>;

const cadenceLabel = (cadence: DuesCadence, date: string) => {
  const rule = ruleOn(duesCadenceRules, date, (r) => r.cadence === cadence);
  return rule?.months === 1 ? '按月交纳' : `按季度交纳（${rule?.months} 个月${rule?.needsBranchConsent ? '，须经党支部同意' : ''}）`;
};

/** The months a payment covers: the ledger's month, or its whole calendar quarter. */
function monthsOf(month: string, cadence: DuesCadence): string[] {
  if (cadence === 'monthly') return [month];
  const first = addMonths(month, -((Number(month.slice(5, 7)) - 1) % 3));
  return [first, addMonths(first, 1), addMonths(first, 2)];
}

/** 标记已交: the selected members paid what is due, on one day by one method; all are written or none. */
export function DuesPayDialog({
  orgId,
  month,
  rows,
  open,
  onClose,
}: {
  orgId: string;
  month: string;
  rows: DuesLedgerRow[];
  open: boolean;
  onClose: () => void;
}) {
  return (
    <FormDialog title={`登记党费交纳 · ${month}`} open={open} onClose={onClose} width={520}>
      <PayForm orgId={orgId} month={month} rows={rows} onClose={onClose} />
    </FormDialog>
  );
}

function PayForm({ orgId, month, rows, onClose }: { orgId: string; month: string; rows: DuesLedgerRow[]; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(entry);
  const payable = rows.filter((r) => r.expectedFen !== null && r.expectedFen > 0 && !r.payment);
  const skipped = rows.length - payable.length;

  const save = useMutation({
    mutationFn: (values: Entry) => {
      const input: DuesPaymentsInput = {
        orgId,
        items: payable.flatMap((r) =>
          monthsOf(month, values.cadence).map((m) => ({
            memberId: r.memberId,
            month: m,
            paidFen: r.expectedFen ?? 0,
            paidOn: values.paidOn,
            method: values.method,
          })),
        ),
      };
      return duesApi.recordPayments(input);
    },
    onSuccess: async (result) => {
      await refreshDues(client);
      void message.success(`已登记 ${result.items.length} 笔，共 ${yuan(result.items.reduce((n, p) => n + p.paidFen, 0))} 元`);
      onClose();
    },
    onError: form.fail,
  });

  const today = dayjs().format('YYYY-MM-DD');
  return (
    <ZodForm form={form} mutation={save} initialValues={{ paidOn: dayjs(), method: 'cash', cadence: 'monthly' }}>
      <Alert
        type={payable.length ? 'info' : 'warning'}
        showIcon
        style={{ marginBottom: 16 }}
        title={`${payable.length} 人按应交金额登记，合计每月 ${yuan(payable.reduce((n, r) => n + (r.expectedFen ?? 0), 0))} 元`}
        description={skipped ? `另有 ${skipped} 人已交、免交或尚未核定基数，不在此次登记之列。` : undefined}
      />
      <Form.Item name="paidOn" label="交纳日期" rules={[zodRule(entry.shape.paidOn)]}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="method" label="交纳方式" rules={[zodRule(entry.shape.method)]}>
        <Select options={methodOptions} />
      </Form.Item>
      <Form.Item name="cadence" label="交纳周期">
        <Radio.Group options={cadences.map((value) => ({ value, label: cadenceLabel(value, today) }))} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText="登记" loading={save.isPending} />
    </ZodForm>
  );
}
