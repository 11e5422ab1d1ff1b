import { type DuesBase, type DuesBaseInput, duesBaseInput } from '@hangbiao/shared/contracts/dues';
import type { JobPost } from '@hangbiao/shared/glossary';
import { fenOf, yuan } from '@hangbiao/shared/money';
import { monthlyDues } from '@hangbiao/shared/rules';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fieldRules, useZodForm, ZodForm } from '../../app/forms';
import { DialogFooter, FormDialog } from '../../components/form-dialog';
import { duesCategoryOptions, monthRequired, RuleText, suggestedCategory, toFen, YuanInput, yuanRule } from './dues-labels';
import { duesApi, refreshDues } from './dues-queries';

const rules = fieldRules(duesBaseInput);

export interface BaseTarget {
  memberId: string;
  name: string;
  jobPost: JobPost;
  joinedOn: string;
  /** The row to correct; without it a new base is set from a month on. */
  base?: DuesBase | undefined;
}

/** 核定党费基数: a new base from a month on, or a correction of one row; the amount is previewed with the shared rules. */
export function DuesBaseDialog({ target, onClose }: { target: BaseTarget | null; onClose: () => void }) {
  return (
    <FormDialog title={target ? `${target.base ? '更正' : '核定'}党费基数 · ${target.name}` : ''} open={target !== null} onClose={onClose} width={560}>
      {target && <BaseForm target={target} onClose={onClose} />}
    </FormDialog>
  );
}

interface Values {
  effectiveMonth?: Dayjs;
  category: DuesBaseInput['category'];
  baseFen?: string;
  fixedFen?: string;
  confirmedOn?: Dayjs;
  note?: string;
}

function request(values: Record<string, unknown>) {
  const v = values as unknown as Values;
  return {
    ...v,
    effectiveMonth: v.effectiveMonth?.format('YYYY-MM'),
    baseFen: toFen(v.baseFen),
    fixedFen: toFen(v.fixedFen),
  };
}

function Preview({ values }: { values: Values }) {
  const month = values.effectiveMonth ?? dayjs();
  const base = values.baseFen ? fenOf(values.baseFen) : null;
  const fixed = values.fixedFen ? fenOf(values.fixedFen) : null;
  try {
    const amount = monthlyDues(base, values.category, month.format('YYYY-MM-01'), { fixedFen: fixed });
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={`每月应交 ${yuan(amount.fen)} 元`}
        description={<RuleText rule={amount.rule.text} source={amount.rule.source} />}
      />
    );
  } catch {
    return null;
  }
}

function BaseForm({ target, onClose }: { target: BaseTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const form = useZodForm(duesBaseInput);
  const category = Form.useWatch('category', form.form) as Values['category'] | undefined;
  const watched = Form.useWatch([], form.form) as Values | undefined;
  const { base } = target;

  const save = useMutation({
    mutationFn: (input: DuesBaseInput) => {
      if (!base) return duesApi.setBase(target.memberId, input);
      // A correction keeps the row's month; the contract of an update has none.
      const { effectiveMonth: _month, ...fields } = input;
      return duesApi.updateBase(base.id, { ...fields, version: base.version });
    },
    onSuccess: async (saved) => {
      await refreshDues(client);
      void message.success(`已核定：每月 ${yuan(saved.monthlyFen)} 元`);
      onClose();
    },
    onError: form.fail,
  });

  const joined = dayjs(target.joinedOn).startOf('month');
  return (
    <ZodForm
      form={form}
      mutation={save}
      toInput={request}
      initialValues={
        base
          ? {
              effectiveMonth: dayjs(`${base.effectiveMonth}-01`),
              category: base.category,
              baseFen: base.baseFen === null ? undefined : yuan(base.baseFen),
              fixedFen: base.fixedFen === null ? undefined : yuan(base.fixedFen),
              confirmedOn: dayjs(),
              note: base.note ?? undefined,
            }
          : { effectiveMonth: dayjs().startOf('month'), category: suggestedCategory(target.jobPost), confirmedOn: dayjs() }
      }
    >
      {watched?.category && <Preview values={watched} />}
      <Form.Item name="effectiveMonth" label="自何月起执行" rules={[monthRequired]} extra="工资收入变化的，从按新标准领取工资的当月起（规定第十条）">
        <DatePicker picker="month" style={{ width: '100%' }} disabled={Boolean(base)} disabledDate={(d) => d.isBefore(joined, 'month')} />
      </Form.Item>
      <Form.Item name="category" label="交纳类别" rules={rules('category')}>
        <Select options={duesCategoryOptions} />
      </Form.Item>
      {(category === 'inService' || category === 'retired') && (
        <Form.Item
          name="baseFen"
          label={category === 'retired' ? '月离退休费（养老金）总额' : '月工资收入（税后，相对固定的经常性收入）'}
          rules={[{ required: true, message: '请填写计算基数' }, yuanRule]}
        >
          <YuanInput placeholder="如 5400.00" />
        </Form.Item>
      )}
      {category === 'farmer' && (
        <Form.Item name="fixedFen" label="每月交纳金额（0.20–1.00 元）" rules={[yuanRule]}>
          <YuanInput placeholder="如 0.50" />
        </Form.Item>
      )}
      <Form.Item name="confirmedOn" label="核定日期" rules={rules('confirmedOn')}>
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={rules('note')}>
        <Input maxLength={200} />
      </Form.Item>
      <DialogFooter onCancel={onClose} submitText={base ? '保存更正' : '核定'} loading={save.isPending} />
    </ZodForm>
  );
}
