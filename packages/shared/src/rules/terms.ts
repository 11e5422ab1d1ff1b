import type { OrgKind } from '../glossary';
import { type Effective, ruleOn } from './effective';

export interface TermRule extends Effective {
  orgKind: OrgKind;
  years: number;
  /** How long before the term ends the renewal (换届) is flagged as due soon. */
  reminderDays: number;
}

const regulation2019 = '党和国家机关基层组织工作条例 (2019) 第十二条';
const branchRule2018 = '中国共产党支部工作条例（试行）(2018) 第十四条';

export const termRules: readonly TermRule[] = [
  { orgKind: 'unitCommittee', years: 5, reminderDays: 90, effectiveFrom: '2019-04-01', source: regulation2019 },
  { orgKind: 'generalBranch', years: 3, reminderDays: 60, effectiveFrom: '2019-04-01', source: regulation2019 },
  { orgKind: 'branch', years: 3, reminderDays: 60, effectiveFrom: '2018-10-28', source: branchRule2018 },
  { orgKind: 'jointBranch', years: 3, reminderDays: 60, effectiveFrom: '2018-10-28', source: branchRule2018 },
];

/** The term rule in force when a term started; terms run by the rule they began under. */
export function termRuleFor(kind: OrgKind, termStart: string): TermRule | undefined {
  return ruleOn(termRules, termStart, (r) => r.orgKind === kind);
}

/** The date a term that started on `termStart` is due for renewal (YYYY-MM-DD). */
export function termEndOf(rule: TermRule, termStart: string): string {
  const [y, m, d] = termStart.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + rule.years, m - 1, d));
  // 29 February plus whole years lands on 1 March in a common year; the term ends on 28 February.
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  return end.toISOString().slice(0, 10);
}
