import chineseDays from 'chinese-days';
import type { StepData } from '../contracts/development';
import { addDays, addMonthsToDate } from '../dates';
import { type DevelopmentStage, type DevelopmentStatus, type DevelopmentStep, developmentSteps } from '../glossary';
import { type Effective, ruleOn } from './effective';
import { judgeVote, type QuorumRule, type Share } from './quorum';

/**
 * 发展党员 (DOMAIN.md §2): the 25 canonical steps of 中国共产党发展党员工作细则 (2014) and the time rules over them.
 * The numbering is DOMAIN.md's: the two filings with the upper committee are part of steps 4 and 7, and the public
 * notice is step 10. Local extra sub-steps do not change these 25.
 */

// ── The steps ────────────────────────────────────────────────────

export type StepDataField = keyof StepData;

export interface StepDefinition {
  number: number;
  key: DevelopmentStep;
  /** The phase of the five the step belongs to, named by the stage a person is in or enters there. */
  phase: DevelopmentStage;
  /** Steps whose (latest) record must exist, dated on or before this one. */
  after: readonly number[];
  /** Recorded again each time it happens: half-yearly assessments, education, a second conversion round after an extension. */
  repeatable: boolean;
  /** Who acts: the applicant, the branch, or the upper committee with the power to approve (基层党委). */
  by: 'person' | 'branch' | 'upper';
  /** The data the step records besides its date, documents and note. */
  data: readonly StepDataField[];
}

const step = (
  number: number,
  phase: DevelopmentStage,
  by: StepDefinition['by'],
  after: readonly number[],
  data: readonly StepDataField[] = [],
  repeatable = false,
): StepDefinition => ({ number, key: developmentSteps.keys[number - 1] as DevelopmentStep, phase, after, repeatable, by, data });

export const developmentStepDefinitions: readonly StepDefinition[] = [
  step(1, 'applicant', 'person', []),
  step(2, 'applicant', 'branch', [1]),
  step(3, 'activist', 'branch', [1]),
  step(4, 'activist', 'branch', [3]),
  step(5, 'activist', 'branch', [4], ['contacts']),
  step(6, 'activist', 'branch', [5], [], true),
  step(7, 'candidate', 'branch', [6]),
  step(8, 'candidate', 'branch', [7], ['sponsors']),
  step(9, 'candidate', 'branch', [7], ['reviewPassed']),
  step(10, 'candidate', 'branch', [7], ['notice']),
  step(11, 'candidate', 'upper', [7], ['training']),
  // Step 9 is not listed: a missing or failed political review is refused under its own rule (第十六条).
  step(12, 'probationary', 'branch', [8, 10, 11]),
  step(13, 'probationary', 'upper', [12]),
  step(14, 'probationary', 'person', [13]),
  step(15, 'probationary', 'branch', [14], ['vote']),
  step(16, 'probationary', 'upper', [15]),
  step(17, 'probationary', 'upper', [16], ['approved', 'delayReason']),
  step(18, 'probationary', 'upper', [17]),
  step(19, 'full', 'branch', [17]),
  step(20, 'full', 'branch', [17]),
  step(21, 'full', 'branch', [17], [], true),
  step(22, 'full', 'person', [17], [], true),
  step(23, 'full', 'branch', [22], ['vote', 'outcome', 'extensionMonths'], true),
  step(24, 'full', 'upper', [23], ['approved'], true),
  step(25, 'full', 'branch', [24]),
];

/** The five phases' titles (细则 chapters 2–5), keyed like the stages. */
export const developmentPhases: Record<DevelopmentStage, string> = {
  applicant: '入党申请',
  activist: '入党积极分子的确定和培养教育',
  candidate: '发展对象的确定和考察',
  probationary: '预备党员的接收',
  full: '预备党员的教育考察和转正',
};

export function stepDefinition(number: number): StepDefinition {
  const def = developmentStepDefinitions[number - 1];
  if (!def) throw new RangeError(`No development step ${number}`);
  return def;
}

export const stepName = (number: number) => `第 ${number} 步「${developmentSteps.label(stepDefinition(number).key)}」`;

// ── The rules ────────────────────────────────────────────────────

interface RuleParams {
  minAge: { years: number };
  applicantTalk: { months: number };
  activistPeriod: { months: number };
  activistReview: { months: number };
  contacts: { min: number; max: number };
  sponsors: { count: number };
  politicalReview: Record<never, never>;
  publicNotice: { workingDays: number };
  training: { days: number; hours: number };
  leavingUnit: { months: number };
  /** The general meeting's quorum rule as 细则 states it for admission and conversion votes. */
  vote: Omit<QuorumRule, keyof Effective>;
  admissionApproval: { months: number; monthsWithReason: number };
  probation: { months: number };
  extension: { minMonths: number; maxMonths: number; times: number };
  conversionDiscussion: { days: number };
  conversionApproval: { months: number };
  procedure: Record<never, never>;
}
export type DevelopmentRuleKey = keyof RuleParams;

export type DevelopmentRule = {
  [K in DevelopmentRuleKey]: Effective & { key: K; severity: 'block' | 'warn' } & RuleParams[K];
}[DevelopmentRuleKey];

const charter = '中国共产党章程';
const rules2014 = '中国共产党发展党员工作细则 (2014)';
/** The 1982 Charter set age 18, two full-member sponsors and one year of probation; later revisions kept them. */
const charterFrom = '1982-09-06';
const rulesFrom = '2014-06-10';

export const developmentRules: readonly DevelopmentRule[] = [
  { key: 'minAge', years: 18, severity: 'block', effectiveFrom: charterFrom, source: `${charter} 第一条；${rules2014} 第五条` },
  { key: 'applicantTalk', months: 1, severity: 'warn', effectiveFrom: rulesFrom, source: `${rules2014} 第七条` },
  { key: 'activistPeriod', months: 12, severity: 'block', effectiveFrom: rulesFrom, source: `${rules2014} 第十三条` },
  { key: 'activistReview', months: 6, severity: 'warn', effectiveFrom: rulesFrom, source: `${rules2014} 第二章（党支部每半年对入党积极分子进行一次考察）` },
  { key: 'contacts', min: 1, max: 2, severity: 'block', effectiveFrom: rulesFrom, source: `${rules2014} 第二章（指定一至两名正式党员作培养联系人）` },
  { key: 'sponsors', count: 2, severity: 'block', effectiveFrom: charterFrom, source: `${charter} 第五条；${rules2014} 第十四条` },
  { key: 'politicalReview', severity: 'block', effectiveFrom: rulesFrom, source: `${rules2014} 第十六条` },
  // Local practice (DOMAIN.md §2): commonly 5 working days, some places 7 days; a locality adds its own row.
  { key: 'publicNotice', workingDays: 5, severity: 'block', effectiveFrom: rulesFrom, source: '本地规定：发展对象公示不少于 5 个工作日' },
  { key: 'training', days: 3, hours: 24, severity: 'block', effectiveFrom: rulesFrom, source: `${rules2014} 第十七条` },
  { key: 'leavingUnit', months: 3, severity: 'warn', effectiveFrom: rulesFrom, source: `${rules2014} 第十九条` },
  {
    key: 'vote',
    kind: 'generalMeeting',
    voters: 'fullMembers',
    quorum: [1, 2],
    passing: [1, 2],
    text: '有表决权的到会人数必须超过应到会有表决权人数的半数，赞成人数超过应到会有表决权的正式党员的半数才能通过',
    severity: 'block',
    effectiveFrom: rulesFrom,
    source: `${rules2014} 第二十条、第二十一条、第三十三条`,
  },
  {
    key: 'admissionApproval',
    months: 3,
    monthsWithReason: 6,
    severity: 'block',
    effectiveFrom: rulesFrom,
    source: `${rules2014} 第四章（上级党组织审批接收预备党员）`,
  },
  { key: 'probation', months: 12, severity: 'block', effectiveFrom: charterFrom, source: `${charter} 第七条；${rules2014} 第三十二条` },
  { key: 'extension', minMonths: 6, maxMonths: 12, times: 1, severity: 'block', effectiveFrom: rulesFrom, source: `${rules2014} 第三十二条` },
  // The Charter says "及时"; how soon is local practice.
  { key: 'conversionDiscussion', days: 30, severity: 'warn', effectiveFrom: charterFrom, source: `${charter} 第七条（预备期满应当及时讨论）；期限为本地规定` },
  { key: 'conversionApproval', months: 3, severity: 'warn', effectiveFrom: rulesFrom, source: `${rules2014} 第五章（上级党组织审批转正）` },
  { key: 'procedure', severity: 'block', effectiveFrom: charterFrom, source: `${charter} 第五条；${rules2014}（发展党员程序）` },
];

/** The row of rule `key` in force on `date`, or undefined when none was (records older than the rule are not judged by it). */
export function developmentRuleOn<K extends DevelopmentRuleKey>(key: K, date: string): Extract<DevelopmentRule, { key: K }> | undefined {
  return ruleOn(developmentRules, date, (r) => r.key === key) as Extract<DevelopmentRule, { key: K }> | undefined;
}

// ── Working days (公示) ───────────────────────────────────────────

// chinese-days reads the weekday and the date from local time, so dates go in as local midnight.
const localDate = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
};

/** A working day by the State Council's holiday arrangement: holidays are off, make-up weekend days (调休上班) are on. */
export function isWorkingDay(date: string): boolean {
  return chineseDays.isWorkday(localDate(date));
}

/** Working days from `from` to `to`, both included. */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n += 1;
  return n;
}

/** The day on which a period starting on `from` has run `n` working days. */
export function workingDaysEnd(from: string, n: number): string {
  let d = from;
  for (let left = isWorkingDay(d) ? n - 1 : n; left > 0 || !isWorkingDay(d); ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

const covered = new Map<number, boolean>();
/** Whether the calendar has the State Council's arrangement for a year; without it only weekends are known to be off. */
export function holidayCalendarCovers(year: number): boolean {
  let known = covered.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(localDate(`${year}-01-01`), localDate(`${year}-12-31`), false).length > 0;
    covered.set(year, known);
  }
  return known;
}

// ── A case and its records ───────────────────────────────────────

export interface StepRecord {
  step: number;
  doneOn: string;
  data: StepData;
}

export interface CaseState {
  birthDate: string;
  status: DevelopmentStatus;
  /** Every recorded step, in the order recorded. */
  records: readonly StepRecord[];
  /** When the person is expected to leave the unit (调离), if known. */
  expectedLeaveOn?: string | null;
  /** Full members in the branch's registry, when known: the most who can be entitled to vote. */
  branchFullMembers?: number;
}

export interface DevelopmentFinding {
  rule: string;
  severity: 'block' | 'warn';
  message: string;
  source: string;
  /** The field of the step input at fault (e.g. `data.sponsors`), for forms. */
  field?: string;
}

const latest = (records: readonly StepRecord[], n: number) => records.findLast((r) => r.step === n);

interface ConversionRound {
  vote: StepRecord;
  approval?: StepRecord;
}

/** Each conversion vote (step 23) with the approval (step 24) that answered it, in order. */
function conversionRounds(records: readonly StepRecord[]): ConversionRound[] {
  const rounds: ConversionRound[] = [];
  for (const record of records) {
    if (record.step === 23) rounds.push({ vote: record });
    const open = rounds.at(-1);
    if (record.step === 24 && open && !open.approval) open.approval = record;
  }
  return rounds;
}

const approvedExtensions = (records: readonly StepRecord[]) =>
  conversionRounds(records).filter((r) => r.approval?.data.approved && r.vote.data.outcome === 'extend');

/** The day probation ends: one year from the general meeting's vote (step 15), not from the oath, plus approved extensions. */
export function probationEndOf(state: Pick<CaseState, 'records'>): string | null {
  const vote = latest(state.records, 15);
  if (!vote || !latest(state.records, 17)?.data.approved) return null;
  const rule = developmentRuleOn('probation', vote.doneOn);
  if (!rule) return null;
  return approvedExtensions(state.records).reduce(
    (end, round) => addMonthsToDate(end, round.vote.data.extensionMonths ?? 0),
    addMonthsToDate(vote.doneOn, rule.months),
  );
}

/** Whole years of age on a date. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

const shareText = ([n, d]: Share) => (n === 1 && d === 2 ? '半数' : `${n}/${d}`);

// ── Checking a step before it is recorded ────────────────────────

/**
 * What the rules say about recording `step` done on `on` with `data`: refusals (`block`) and warnings (`warn`),
 * each citing its rule. An empty list means the step may be recorded as it is.
 */
export function checkStep(state: CaseState, number: number, data: StepData, on: string): DevelopmentFinding[] {
  const def = stepDefinition(number);
  const findings: DevelopmentFinding[] = [];
  const flag: Flag = (rule, id, message, field) => {
    if (rule) findings.push({ rule: id, severity: rule.severity, message, source: rule.source, ...(field && { field }) });
  };
  const records = state.records;
  const procedure = developmentRuleOn('procedure', on);
  const name = stepName(number);

  // The order of the 25 steps.
  const closed = state.status === 'stopped' || state.status === 'cancelled' || (state.status === 'converted' && number !== 25);
  if (closed) flag(procedure, 'procedure.closed', `该发展程序已结束（${state.status === 'converted' ? '已转正' : '已终止'}），不能再记录${name}`);
  if (!def.repeatable && latest(records, number)) flag(procedure, 'procedure.once', `${name}已记录，不能重复记录`);
  for (const before of def.after) {
    const done = latest(records, before);
    if (!done) flag(procedure, 'procedure.order', `须先完成${stepName(before)}，才能记录${name}`);
    else if (done.doneOn > on) flag(procedure, 'procedure.order', `${name}的日期不能早于${stepName(before)}的日期 ${done.doneOn}`, 'doneOn');
  }

  switch (number) {
    case 1: {
      const rule = developmentRuleOn('minAge', on);
      if (rule && ageOn(state.birthDate, on) < rule.years)
        flag(rule, 'minAge', `申请入党须年满 ${rule.years} 周岁，申请人在 ${on} 仅 ${ageOn(state.birthDate, on)} 周岁`, 'doneOn');
      break;
    }
    case 2: {
      const applied = latest(records, 1);
      const rule = developmentRuleOn('applicantTalk', on);
      if (applied && rule && on > addMonthsToDate(applied.doneOn, rule.months))
        flag(
          rule,
          'applicantTalk',
          `党组织应在收到入党申请书后 ${rule.months} 个月内派人谈话（应于 ${addMonthsToDate(applied.doneOn, rule.months)} 前）`,
          'doneOn',
        );
      break;
    }
    case 5: {
      const rule = developmentRuleOn('contacts', on);
      const contacts = data.contacts ?? [];
      if (rule && (contacts.length < rule.min || contacts.length > rule.max))
        flag(rule, 'contacts', `应指定 ${rule.min} 至 ${rule.max} 名正式党员作培养联系人（当前 ${contacts.length} 名）`, 'data.contacts');
      for (const c of contacts)
        if (c.category !== 'full') flag(rule, 'contacts', `培养联系人须为正式党员：${c.name ?? '所选党员'}不是正式党员`, 'data.contacts');
      break;
    }
    case 6:
      checkReviews(state, on, flag);
      break;
    case 7: {
      const decided = latest(records, 4);
      const rule = developmentRuleOn('activistPeriod', on);
      const earliest = decided && rule ? addMonthsToDate(decided.doneOn, rule.months) : undefined;
      if (rule && earliest && on < earliest)
        flag(rule, 'activistPeriod', `入党积极分子须经过一年以上培养教育和考察（自 ${decided?.doneOn} 起），${earliest} 起方可确定为发展对象`, 'doneOn');
      checkReviews(state, on, flag);
      break;
    }
    case 8: {
      const rule = developmentRuleOn('sponsors', on);
      const sponsors = data.sponsors ?? [];
      if (rule && sponsors.length !== rule.count)
        flag(rule, 'sponsors.count', `发展对象应当有 ${rule.count} 名正式党员作入党介绍人（当前 ${sponsors.length} 名）`, 'data.sponsors');
      for (const s of sponsors) {
        if (s.category !== 'full') flag(rule, 'sponsors.full', `入党介绍人须为正式党员：${s.name ?? '所选党员'}不是正式党员`, 'data.sponsors');
        if (s.underDiscipline)
          flag(rule, 'sponsors.discipline', `受留党察看处分、尚未恢复党员权利的党员不能作入党介绍人：${s.name ?? '所选党员'}`, 'data.sponsors');
      }
      break;
    }
    case 9: {
      const rule = developmentRuleOn('politicalReview', on);
      if (data.reviewPassed === undefined) flag(rule, 'politicalReview', '须填写政治审查结论', 'data.reviewPassed');
      else if (!data.reviewPassed && rule)
        findings.push({
          rule: 'politicalReview',
          severity: 'warn',
          message: '政治审查不合格的，不能发展入党',
          source: rule.source,
          field: 'data.reviewPassed',
        });
      break;
    }
    case 10:
      checkNotice(data, on, flag);
      break;
    case 11: {
      const rule = developmentRuleOn('training', on);
      const { days = 0, hours = 0 } = data.training ?? {};
      if (rule && days < rule.days && hours < rule.hours)
        flag(rule, 'training', `集中培训时间一般不少于 ${rule.days} 天或 ${rule.hours} 个学时（当前 ${days} 天、${hours} 学时）`, 'data.training');
      break;
    }
    case 12: {
      const review = latest(records, 9);
      const rule = developmentRuleOn('politicalReview', on);
      if (!review) flag(rule, 'politicalReview', `未经政治审查的，不能发展入党：须先完成${stepName(9)}`);
      else if (!review.data.reviewPassed) flag(rule, 'politicalReview', '政治审查不合格的，不能发展入党');
      else if (review.doneOn > on) flag(procedure, 'procedure.order', `${name}的日期不能早于${stepName(9)}的日期 ${review.doneOn}`, 'doneOn');
      checkLeaving(state, on, flag);
      break;
    }
    case 15:
      checkVote(state, data, on, flag);
      checkLeaving(state, on, flag);
      break;
    case 17: {
      const vote = latest(records, 15);
      const rule = developmentRuleOn('admissionApproval', on);
      if (data.approved === undefined) flag(procedure, 'procedure.data', '须填写上级党委的审批结果（批准或不批准）', 'data.approved');
      if (vote && rule) {
        const limit = addMonthsToDate(vote.doneOn, rule.months);
        const outer = addMonthsToDate(vote.doneOn, rule.monthsWithReason);
        if (on > outer)
          flag(
            rule,
            'admissionApproval',
            `上级党委应在支部大会通过后 ${rule.months} 个月内审批，特殊情况最长不超过 ${rule.monthsWithReason} 个月（至 ${outer}）`,
            'doneOn',
          );
        else if (on > limit && !data.delayReason)
          flag(rule, 'admissionApproval', `超过 ${rule.months} 个月（${limit}）审批的，须说明特殊情况`, 'data.delayReason');
      }
      break;
    }
    case 23:
      checkConversionVote(state, data, on, flag);
      break;
    case 24: {
      const round = conversionRounds(records).at(-1);
      if (data.approved === undefined) flag(procedure, 'procedure.data', '须填写上级党委的审批结果（批准或不批准）', 'data.approved');
      if (!round || round.approval) flag(procedure, 'procedure.order', `没有待审批的转正决议：须先记录${stepName(23)}`);
      else {
        const rule = developmentRuleOn('conversionApproval', on);
        if (rule && on > addMonthsToDate(round.vote.doneOn, rule.months))
          flag(
            rule,
            'conversionApproval',
            `上级党委应在支部大会讨论转正后 ${rule.months} 个月内审批（应于 ${addMonthsToDate(round.vote.doneOn, rule.months)} 前）`,
            'doneOn',
          );
      }
      break;
    }
    case 25:
      if (state.status !== 'converted') flag(procedure, 'procedure.order', '预备党员转正后方可归档');
      break;
  }
  return findings;
}

type Flag = <K extends DevelopmentRuleKey>(rule: Extract<DevelopmentRule, { key: K }> | undefined, id: string, message: string, field?: string) => void;

/** An activist is assessed every six months: warns of a gap longer than that before this date. */
function checkReviews(state: CaseState, on: string, flag: Flag) {
  const decided = latest(state.records, 4);
  const rule = developmentRuleOn('activistReview', on);
  if (!decided || !rule) return;
  const dates = [decided.doneOn, ...state.records.filter((r) => r.step === 6 && r.doneOn <= on).map((r) => r.doneOn)].sort();
  const gap = dates.find((d, i) => addMonthsToDate(d, rule.months) < (dates[i + 1] ?? on));
  if (gap) flag(rule, 'activistReview', `党支部应每 ${rule.months} 个月对入党积极分子考察一次：${gap} 之后 ${rule.months} 个月内没有考察记录`);
}

function checkNotice(data: StepData, on: string, flag: Flag) {
  const rule = developmentRuleOn('publicNotice', on);
  const notice = data.notice;
  if (!notice) {
    flag(rule, 'publicNotice', '须填写公示的起止日期', 'data.notice');
    return;
  }
  if (!rule) return;
  const days = workingDaysBetween(notice.startOn, notice.endOn);
  if (days < rule.workingDays)
    flag(
      rule,
      'publicNotice',
      `公示期不少于 ${rule.workingDays} 个工作日：${notice.startOn} 至 ${notice.endOn} 只有 ${days} 个工作日（节假日不计，调休上班日计入），应至少公示至 ${workingDaysEnd(notice.startOn, rule.workingDays)}`,
      'data.notice',
    );
  if (on < notice.endOn) flag(rule, 'publicNotice', `公示期满（${notice.endOn}）后方可记录公示结果`, 'doneOn');
  const unknown = [Number(notice.startOn.slice(0, 4)), Number(notice.endOn.slice(0, 4))].filter((y) => !holidayCalendarCovers(y));
  if (unknown.length)
    flag(
      { ...rule, severity: 'warn' },
      'publicNotice.calendar',
      `节假日安排中尚无 ${[...new Set(unknown)].join('、')} 年的数据，工作日仅按周末计算，请核对国务院节假日安排`,
      'data.notice',
    );
}

function checkLeaving(state: CaseState, on: string, flag: Flag) {
  const rule = developmentRuleOn('leavingUnit', on);
  if (rule && state.expectedLeaveOn && state.expectedLeaveOn >= on && state.expectedLeaveOn <= addMonthsToDate(on, rule.months))
    flag(rule, 'leavingUnit', `发展对象预计于 ${state.expectedLeaveOn} 调离本单位：未来 ${rule.months} 个月内将离开工作单位的，一般不办理接收预备党员的手续`);
}

/** The general meeting's quorum rule (DOMAIN.md §3): more than half of those entitled to vote present, "yes" more than half of them. */
function checkVote(state: CaseState, data: StepData, on: string, flag: Flag) {
  const rule = developmentRuleOn('vote', on);
  const vote = data.vote;
  if (!vote) {
    flag(rule, 'vote', '须填写支部党员大会的表决情况（应到、实到、赞成、反对、弃权）', 'data.vote');
    return;
  }
  if (!rule) return;
  const judged = judgeVote(rule, { ...vote, presentVoters: vote.present });
  for (const problem of judged.impossible) flag(rule, 'vote.counts', problem.message, 'data.vote');
  if (!judged.quorum)
    flag(
      rule,
      'vote.quorum',
      `有表决权的到会人数（${vote.present}）须超过应到会有表决权人数（${vote.entitled}）的${shareText(rule.quorum)}，会议不能表决`,
      'data.vote',
    );
  if (!judged.passed)
    flag(rule, 'vote.pass', `赞成人数（${vote.yes}）须超过应到会有表决权的正式党员（${vote.entitled}）的${shareText(rule.passing)}，决议未获通过`, 'data.vote');
  if (state.branchFullMembers !== undefined && vote.entitled > state.branchFullMembers)
    flag(
      { ...rule, severity: 'warn' },
      'vote.entitled',
      `应到会有表决权人数（${vote.entitled}）多于本支部在册正式党员（${state.branchFullMembers}）：预备党员没有表决权`,
      'data.vote',
    );
}

function checkConversionVote(state: CaseState, data: StepData, on: string, flag: Flag) {
  const probation = developmentRuleOn('probation', on);
  const end = probationEndOf(state);
  const pending = conversionRounds(state.records).at(-1);
  if (pending && !pending.approval) flag(developmentRuleOn('procedure', on), 'procedure.order', `上一次转正决议（${pending.vote.doneOn}）尚待上级党委审批`);
  if (end && on < end) flag(probation, 'probation', `预备期一年，自支部大会通过之日算起，至 ${end} 期满；期满后方可讨论转正`, 'doneOn');
  if (!data.outcome) flag(probation, 'probation', '须选择支部大会的决议：按期转正、延长预备期或取消预备党员资格', 'data.outcome');
  checkVote(state, data, on, flag);
  if (data.outcome === 'extend') {
    const rule = developmentRuleOn('extension', on);
    const months = data.extensionMonths;
    if (rule && (months === undefined || months < rule.minMonths || months > rule.maxMonths))
      flag(rule, 'extension', `延长预备期不能少于 ${rule.minMonths} 个月，最长不超过 ${rule.maxMonths} 个月`, 'data.extensionMonths');
    if (rule && approvedExtensions(state.records).length >= rule.times) flag(rule, 'extension', `预备期只能延长 ${rule.times} 次`, 'data.outcome');
  }
}

// ── What a recorded step changes ─────────────────────────────────

export interface StepEffect {
  stage?: DevelopmentStage;
  status?: DevelopmentStatus;
  /** Becomes a probationary member, joined on the general meeting's approval (step 15). */
  admit?: { joinedOn: string; probationEndsOn: string };
  /** Becomes a full member on the day probation ended (党龄 counts from then). */
  convert?: { fullOn: string };
  extend?: { months: number; probationEndsOn: string };
  cancel?: true;
}

/** The change recording `record` makes to a case in `state` (before the record is added). */
export function effectOf(state: CaseState, record: StepRecord): StepEffect {
  const after = { ...state, records: [...state.records, record] };
  switch (record.step) {
    case 4:
      return { stage: 'activist' };
    case 7:
      return { stage: 'candidate' };
    case 17: {
      const end = probationEndOf(after);
      const vote = latest(state.records, 15);
      if (!record.data.approved || !end || !vote) return { status: 'stopped' };
      return { stage: 'probationary', status: 'admitted', admit: { joinedOn: vote.doneOn, probationEndsOn: end } };
    }
    case 24: {
      const round = conversionRounds(after.records).at(-1);
      const end = probationEndOf(state);
      if (!record.data.approved || !round || !end) return {};
      switch (round.vote.data.outcome) {
        case 'convert':
          return { stage: 'full', status: 'converted', convert: { fullOn: end } };
        case 'extend': {
          const months = round.vote.data.extensionMonths ?? 0;
          return { extend: { months, probationEndsOn: addMonthsToDate(end, months) } };
        }
        case 'cancel':
          return { status: 'cancelled', cancel: true };
        default:
          return {};
      }
    }
    default:
      return {};
  }
}

// ── Where each step stands today ─────────────────────────────────

export type StepStatus = 'done' | 'due' | 'overdue' | 'waiting' | 'notYet';

export interface ScheduledStep {
  number: number;
  key: DevelopmentStep;
  phase: DevelopmentStage;
  status: StepStatus;
  /** The deadline of a step that is due (or of the next half-yearly assessment). */
  dueOn: string | null;
  /** The first day a waiting step may be done. */
  earliestOn: string | null;
  /** The rule behind `dueOn` or `earliestOn`. */
  source: string | null;
}

interface Timing {
  done: boolean;
  dueOn?: string;
  earliestOn?: string;
  source?: string;
}

/** When a step falls due, as the time rules say, and whether a repeatable one counts as done for now. */
function timingOf(def: StepDefinition, state: CaseState): Timing {
  const { records } = state;
  const last = latest(records, def.number);
  const from = (n: number) => latest(records, n)?.doneOn;
  const done = !!last;
  const deadline = <K extends DevelopmentRuleKey>(
    rule: Extract<DevelopmentRule, { key: K }> | undefined,
    date: (r: Extract<DevelopmentRule, { key: K }>) => string,
  ) => (rule ? { dueOn: date(rule), source: rule.source } : {});
  switch (def.number) {
    case 2: {
      const applied = from(1);
      return { done, ...(applied && deadline(developmentRuleOn('applicantTalk', applied), (r) => addMonthsToDate(applied, r.months))) };
    }
    case 6: {
      const since = last?.doneOn ?? from(4);
      const assessing = !!from(4) && !from(7);
      return { done, ...(assessing && since && deadline(developmentRuleOn('activistReview', since), (r) => addMonthsToDate(since, r.months))) };
    }
    case 7: {
      const decided = from(4);
      const rule = decided ? developmentRuleOn('activistPeriod', decided) : undefined;
      return { done, ...(decided && rule && { earliestOn: addMonthsToDate(decided, rule.months), source: rule.source }) };
    }
    case 17: {
      const voted = from(15);
      return { done, ...(voted && deadline(developmentRuleOn('admissionApproval', voted), (r) => addMonthsToDate(voted, r.months))) };
    }
    case 22: {
      // After an approved extension the person applies again.
      const extended = approvedExtensions(records).at(-1)?.approval?.doneOn;
      const again = !!last && (!extended || last.doneOn > extended);
      const end = probationEndOf(state);
      return { done: again, ...(end && !again && deadline(developmentRuleOn('probation', end), () => end)) };
    }
    case 23: {
      const end = probationEndOf(state);
      const voted = !!last && !!end && last.doneOn >= end;
      if (!end || voted) return { done: voted };
      const rule = developmentRuleOn('conversionDiscussion', end);
      return { done: false, earliestOn: end, ...(rule ? { dueOn: addDays(end, rule.days), source: rule.source } : {}) };
    }
    case 24: {
      const round = conversionRounds(records).at(-1);
      const pending = round && !round.approval ? round : undefined;
      return {
        done: done && !pending,
        ...(pending && deadline(developmentRuleOn('conversionApproval', pending.vote.doneOn), (r) => addMonthsToDate(pending.vote.doneOn, r.months))),
      };
    }
    default:
      return { done };
  }
}

/** Each of the 25 steps as of `today`: done, due (with its deadline), overdue, waiting for its earliest date, or not yet. */
export function stepSchedule(state: CaseState, today: string): ScheduledStep[] {
  const { records } = state;
  const round = conversionRounds(records).at(-1);
  const pending = !!round && !round.approval;
  const open = state.status === 'active' || state.status === 'admitted';
  const assessing = open && !!latest(records, 4) && !latest(records, 7);

  return developmentStepDefinitions.map((def) => {
    const { done, dueOn, earliestOn, source } = timingOf(def, state);
    const ready =
      (open || (state.status === 'converted' && def.number === 25)) &&
      def.after.every((n) => latest(records, n)) &&
      (def.number !== 23 || !pending) &&
      (def.number !== 24 || pending);
    const status: StepStatus = (() => {
      // A half-yearly assessment stays done until the next one falls due.
      if (def.number === 6 && done && assessing) return dueOn && today > dueOn ? 'overdue' : 'done';
      if (done) return 'done';
      if (!ready) return 'notYet';
      if (earliestOn && today < earliestOn) return 'waiting';
      if (dueOn && today > dueOn) return 'overdue';
      return 'due';
    })();
    const dated = status !== 'notYet' && (status !== 'done' || (def.number === 6 && assessing));
    return {
      number: def.number,
      key: def.key,
      phase: def.phase,
      status,
      dueOn: dated ? (dueOn ?? null) : null,
      earliestOn: dated ? (earliestOn ?? null) : null,
      source: dated ? (source ?? null) : null,
    };
  });
}

/** The nearest deadline of the steps that have one: what lists sort by and the board flags once it has passed. */
export function nextDueOf(schedule: readonly ScheduledStep[]): { step: number; dueOn: string } | null {
  let next: { step: number; dueOn: string } | null = null;
  for (const s of schedule) {
    if (s.dueOn && (!next || s.dueOn < next.dueOn)) next = { step: s.number, dueOn: s.dueOn };
  }
  return next;
}
