import { shanghaiDate } from '@hangbiao/shared/dates';
import { type DuesCategory, type DuesPaymentMethod, duesCategories, duesPaymentMethods, type JobPost } from '@hangbiao/shared/glossary';
import { fenOf, yuan } from '@hangbiao/shared/money';
import { duesLimit } from '@hangbiao/shared/rules';
import type { FormRule } from 'antd';
import { Input, Tag, Tooltip, Typography } from 'antd';
import { optionsOf } from './member-labels';

/** Fen shown as yuan: 8100 → 81.00; null as a dash. */
export function Yuan({ fen, strong }: { fen: number | null | undefined; strong?: boolean }) {
  if (fen === null || fen === undefined) return <>—</>;
  return strong ? <Typography.Text strong>{yuan(fen)}</Typography.Text> : <>{yuan(fen)}</>;
}

const categoryColors: Record<DuesCategory, string> = { inService: 'red', retired: 'gold', fixedMinimum: 'blue', farmer: 'green' };
const categoryShort: Record<DuesCategory, string> = { inService: '在职', retired: '离退休', fixedMinimum: '定额', farmer: '农民' };

export function DuesCategoryTag({ category }: { category: DuesCategory }) {
  return (
    <Tooltip title={duesCategories.label(category)}>
      <Tag color={categoryColors[category]} variant="outlined">
        {categoryShort[category]}
      </Tag>
    </Tooltip>
  );
}

export const duesCategoryOptions = optionsOf(duesCategories);
export const methodOptions = optionsOf(duesPaymentMethods);
export const methodLabel = (method: DuesPaymentMethod | null | undefined) => (method ? duesPaymentMethods.label(method) : '—');

/** The category a member's job post suggests; the branch may choose another. */
export const suggestedCategory = (jobPost: JobPost): DuesCategory => (jobPost === 'retired' ? 'retired' : jobPost === 'student' ? 'fixedMinimum' : 'inService');

/** The rule that fixed an amount, its source on hover. */
export function RuleText({ rule, source }: { rule: string; source: string }) {
  return (
    <Tooltip title={`依据：${source}`}>
      <Typography.Text style={{ fontSize: 12 }}>{rule}</Typography.Text>
    </Tooltip>
  );
}

/** Consecutive unpaid months, amber from one and red from the lapse-alert rule's number (规定第十三条). */
export function UnpaidTag({ months }: { months: number }) {
  if (months === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const alertAt = duesLimit('lapseAlertMonths', shanghaiDate(new Date())).value;
  return <Tag color={months >= alertAt ? 'red' : 'orange'}>{months} 个月</Tag>;
}

/** A yuan amount typed as text; the form keeps the text and the request turns it into fen. */
export function YuanInput(props: { id?: string; value?: string; onChange?: (value: string) => void; placeholder?: string; 'aria-label'?: string }) {
  return <Input {...props} onChange={(e) => props.onChange?.(e.target.value)} prefix="¥" suffix="元" inputMode="decimal" style={{ maxWidth: 220 }} />;
}

/** A month picker's rule: its value is a date, which the contract checks as YYYY-MM once the form is sent. */
export const monthRequired: FormRule = { required: true, message: '请选择月份' };

export const yuanRule: FormRule = {
  validator: async (_rule, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    if (fenOf(String(value)) === null) throw new Error('请填写金额，最多两位小数');
  },
};

/** The fen of a typed yuan amount, or the text itself so the contract reports it. */
export const toFen = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? (fenOf(value) ?? value) : (value ?? undefined));
