import { addDays } from '../dates';
import { type ComplianceStatus, complianceStatuses, type MeetingKind, meetingKinds, type OrgKind, orgKinds, type RequirementPeriod } from '../glossary';
import { type Effective, ruleOn } from './effective';
import { thresholdRules } from './thresholds';

/**
 * How often an org must hold a kind of organisational life (DOMAIN.md §3). A requirement applies to the org kinds
 * listed and, where a condition is given, only to orgs meeting it; a later row for the same kind and org kind
 * replaces an earlier one from its date, and `min: 0` lifts the requirement.
 */
export interface MeetingRequirement extends Effective {
  kind: MeetingKind;
  orgKinds: readonly OrgKind[];
  /**
   * `hasCommittee`: a branch that must have a committee, i.e. has at least the full members of threshold rule
   * `branch.committeeSize` (7; counted from the registry as it stands). `unitTop`: the top org of a unit, whose
   * leading group studies as the unit's central group.
   */
  condition?: 'hasCommittee' | 'unitTop';
  period: RequirementPeriod;
  min: number;
  /** Months (1–12) the meeting is usually held in; one held at another time still counts, with a warning (一般). */
  usual?: { months: readonly number[]; note: string };
  /** Within this many days before the period ends (today included), an unmet requirement is due soon. */
  leadDays: number;
  /** For this many days after the period ends, a meeting held in it may still be recorded: overdue, not yet missed. */
  graceDays: number;
  /** The frequency is local practice, not fixed by a national text. */
  local?: boolean;
}

const branchRule = '中国共产党支部工作条例（试行）(2018)';
const branches: readonly OrgKind[] = ['branch', 'jointBranch'];
const month = { leadDays: 7, graceDays: 10 } as const;
const quarter = { leadDays: 20, graceDays: 15 } as const;
const year = { leadDays: 45, graceDays: 31 } as const;

export const meetingRequirements: readonly MeetingRequirement[] = [
  {
    kind: 'generalMeeting',
    orgKinds: branches,
    period: 'quarter',
    min: 1,
    ...quarter,
    effectiveFrom: '2018-10-28',
    source: `${branchRule} 第十一条：党员大会一般每季度召开1次`,
  },
  {
    kind: 'committeeMeeting',
    orgKinds: branches,
    condition: 'hasCommittee',
    period: 'month',
    min: 1,
    ...month,
    effectiveFrom: '2018-10-28',
    source: `${branchRule} 第十二条：党支部委员会会议一般每月召开1次；第八条：正式党员7人以上的党支部设立支部委员会`,
  },
  {
    kind: 'groupMeeting',
    orgKinds: ['group'],
    period: 'month',
    min: 1,
    ...month,
    effectiveFrom: '2018-10-28',
    source: `${branchRule} 第十三条：党小组会一般每月召开1次`,
  },
  {
    kind: 'partyLecture',
    orgKinds: branches,
    period: 'quarter',
    min: 1,
    ...quarter,
    local: true,
    effectiveFrom: '2018-10-28',
    source: `本地规定：党课每季度至少1次（${branchRule} 第十八条只规定党支部书记每年至少讲1次党课）`,
  },
  {
    kind: 'themeDay',
    orgKinds: branches,
    period: 'month',
    min: 1,
    ...month,
    effectiveFrom: '2018-10-28',
    source: `${branchRule} 第十九条：党支部每月相对固定1天开展主题党日`,
  },
  {
    kind: 'orgLifeMeeting',
    orgKinds: branches,
    period: 'year',
    min: 1,
    usual: { months: [10, 11, 12], note: '组织生活会一般安排在第四季度召开' },
    // Reminded from the start of the fourth quarter, when it is usually held.
    leadDays: 92,
    graceDays: year.graceDays,
    effectiveFrom: '2018-10-28',
    source: `${branchRule} 第二十条：党支部每年至少召开1次组织生活会，一般安排在第四季度`,
  },
  {
    kind: 'memberReview',
    orgKinds: branches,
    period: 'year',
    min: 1,
    ...year,
    effectiveFrom: '2018-10-28',
    source: `${branchRule} 第二十二条：党支部一般每年开展1次民主评议党员`,
  },
  {
    kind: 'heartTalk',
    orgKinds: branches,
    period: 'year',
    min: 1,
    ...year,
    effectiveFrom: '2018-10-28',
    source: `${branchRule} 第二十一条：谈心谈话每年一般不少于1次`,
  },
  {
    kind: 'centralGroupStudy',
    orgKinds: ['unitCommittee', 'generalBranch', 'branch'],
    condition: 'unitTop',
    period: 'year',
    min: 12,
    leadDays: 61,
    graceDays: year.graceDays,
    local: true,
    effectiveFrom: '2017-01-24',
    source: '中国共产党党委（党组）理论学习中心组学习规则 (2017，2024 修订)；次数为本地规定：每年不少于12次',
  },
];

/**
 * Orgs founded, dissolved or exempted during a period owe a share of it: the days they owed (existing and not
 * exempt) over the period's days. Below `minSharePercent` they owe nothing for the period; at or above it, the
 * minimum times that share, rounded up (a branch founded on 10 March owes March's meetings, one founded on
 * 20 March does not).
 */
export interface ProRatingRule extends Effective {
  minSharePercent: number;
}

export const proRatingRules: readonly ProRatingRule[] = [
  {
    minSharePercent: 50,
    effectiveFrom: '2017-01-01',
    source: '本系统约定（可按本地规定调整）：周期内存续不足一半的不作要求，达到一半的按存续天数折算并向上取整',
  },
];

// ── Calendar periods (Asia/Shanghai dates) ──────────────────────────────────────────────

/** A calendar month (`2026-03`), quarter (`2026-Q1`) or year (`2026`), with its first and last day. */
export interface CompliancePeriod {
  key: string;
  kind: RequirementPeriod;
  from: string;
  to: string;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date, by integer arithmetic (the matrix evaluates millions of cells). */
export function dayNumber(date: string): number {
  const y0 = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function monthSpan(y: number, first: number, months: number) {
  const last = first + months - 1;
  return { from: `${y}-${pad(first)}-01`, to: `${y}-${pad(last)}-${pad(lastDayOf(y, last))}` };
}

/** The period of `kind` that contains `date` (YYYY-MM-DD). */
export function periodOf(kind: RequirementPeriod, date: string): CompliancePeriod {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (kind === 'month') return { key: date.slice(0, 7), kind, ...monthSpan(y, m, 1) };
  if (kind === 'quarter') {
    const q = Math.ceil(m / 3);
    return { key: `${y}-Q${q}`, kind, ...monthSpan(y, q * 3 - 2, 3) };
  }
  return { key: String(y), kind, ...monthSpan(y, 1, 12) };
}

/** The period a key names: `2026-03`, `2026-Q1` or `2026`. */
export function periodOfKey(key: string): CompliancePeriod {
  if (/^\d{4}$/.test(key)) return periodOf('year', `${key}-01-01`);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) return periodOf('quarter', `${quarter[1]}-${pad(Number(quarter[2]) * 3)}-01`);
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) return periodOf('month', `${key}-01`);
  throw new Error(`not a period key: ${key}`);
}

/** The periods of `kind` whose last month lies in `fromMonth`..`toMonth` (YYYY-MM): each counted in the month it falls due. */
export function periodsEndingBetween(kind: RequirementPeriod, fromMonth: string, toMonth: string): CompliancePeriod[] {
  const periods: CompliancePeriod[] = [];
  let cursor = periodOf(kind, `${fromMonth}-01`);
  while (cursor.to.slice(0, 7) <= toMonth) {
    if (cursor.to.slice(0, 7) >= fromMonth) periods.push(cursor);
    cursor = periodOf(kind, addDays(cursor.to, 1));
  }
  return periods;
}

const quarterNames = ['', '一', '二', '三', '四'];

/** 2026年3月, 2026年第一季度, 2026年. */
export function periodLabel(period: Pick<CompliancePeriod, 'key' | 'kind'>): string {
  const y = period.key.slice(0, 4);
  if (period.kind === 'month') return `${y}年${Number(period.key.slice(5, 7))}月`;
  if (period.kind === 'quarter') return `${y}年第${quarterNames[Number(period.key.slice(6, 7))]}季度`;
  return `${y}年`;
}

// ── Which requirement binds an org in a period ───────────────────────────────────────────

/** What the evaluator needs to know of an org. */
export interface ComplianceOrg {
  kind: OrgKind;
  establishedOn: string;
  /** The day it ceased to exist (its last day is the day before), or null. */
  dissolvedOn: string | null;
  /** Full members in the registry now; decides `hasCommittee`. */
  fullMembers: number;
  /** The top org of a unit (directly under the working committee, with a unit); decides `unitTop`. */
  unitTop: boolean;
}

/**
 * The rules that judge one kind of meeting for one kind of org over a stretch of dates: the requirement, the
 * committee threshold (for `hasCommittee`) and the pro-rating share, all constant from `from` up to `to`
 * (exclusive; null while current). The evaluator and the SQL of the missed-requirements indicator both read these.
 */
export interface RequirementSegment {
  kind: MeetingKind;
  orgKind: OrgKind;
  from: string;
  to: string | null;
  /** Where the unbroken run of segments this one belongs to began: the requirement binds from then on. */
  since: string;
  sinceDay: number;
  requirement: MeetingRequirement;
  /** For `hasCommittee`: full members from which a branch must have a committee. */
  minFullMembers: number | null;
  minSharePercent: number;
}

const committeeThreshold = (date: string) => ruleOn(thresholdRules, date, (r) => r.key === 'branch.committeeSize')?.whenFullMembersAtLeast;

function buildSegments(): RequirementSegment[] {
  const segments: RequirementSegment[] = [];
  const named = [...new Set(meetingRequirements.flatMap((r) => r.orgKinds))];
  for (const kind of meetingKinds.keys) {
    for (const orgKind of named) {
      const rows = meetingRequirements.filter((r) => r.kind === kind && r.orgKinds.includes(orgKind));
      if (rows.length === 0) continue;
      const needsThreshold = rows.some((r) => r.condition === 'hasCommittee');
      const starts = [
        ...rows.map((r) => r.effectiveFrom),
        ...proRatingRules.map((r) => r.effectiveFrom),
        ...(needsThreshold ? thresholdRules.filter((r) => r.key === 'branch.committeeSize').map((r) => r.effectiveFrom) : []),
      ];
      const breaks = [...new Set(starts)].sort();
      let since: string | null = null;
      breaks.forEach((from, i) => {
        const requirement = ruleOn(rows, from, () => true);
        const share = ruleOn(proRatingRules, from, () => true);
        const threshold = requirement?.condition === 'hasCommittee' ? committeeThreshold(from) : undefined;
        // A committee requirement before any threshold rule cannot tell which branches it binds.
        if (!requirement || requirement.min === 0 || !share || (requirement.condition === 'hasCommittee' && threshold === undefined)) {
          since = null;
          return;
        }
        since ??= from;
        segments.push({
          kind,
          orgKind,
          from,
          to: breaks[i + 1] ?? null,
          since,
          sinceDay: dayNumber(since),
          requirement,
          minFullMembers: threshold ?? null,
          minSharePercent: share.minSharePercent,
        });
      });
    }
  }
  return segments;
}

export const requirementSegments: readonly RequirementSegment[] = buildSegments();

const segmentIndex = new Map<string, RequirementSegment[]>();
for (const segment of requirementSegments) {
  const key = `${segment.kind}/${segment.orgKind}`;
  segmentIndex.set(key, [...(segmentIndex.get(key) ?? []), segment]);
}

/** The segment judging `kind` for orgs of `orgKind` on `date`: a period is judged by the rules in force on its last day. */
export function segmentOn(kind: MeetingKind, orgKind: OrgKind, date: string): RequirementSegment | undefined {
  return segmentIndex.get(`${kind}/${orgKind}`)?.find((s) => s.from <= date && (s.to === null || date < s.to));
}

/** Whether the segment's condition holds for the org. */
export function conditionHolds(segment: RequirementSegment, org: Pick<ComplianceOrg, 'fullMembers' | 'unitTop'>): boolean {
  if (segment.requirement.condition === 'hasCommittee') return org.fullMembers >= (segment.minFullMembers ?? 0);
  if (segment.requirement.condition === 'unitTop') return org.unitTop;
  return true;
}

const requiredKinds = new Map(orgKinds.keys.map((orgKind) => [orgKind, meetingKinds.keys.filter((kind) => segmentIndex.has(`${kind}/${orgKind}`))]));

/** The meeting kinds any requirement names for an org kind, in glossary order. */
export function requiredKindsOf(orgKind: OrgKind): readonly MeetingKind[] {
  return requiredKinds.get(orgKind) ?? [];
}

// ── Evaluating one cell ─────────────────────────────────────────────────────────────────

/** Meetings of one kind in one period: held ones count; planned ones are shown, not counted. */
export interface MeetingTally {
  held: number;
  /** Held in the requirement's usual months. */
  heldInUsualMonths: number;
  planned: number;
}

/** An approved exemption from one kind (or, with null, every kind) over inclusive dates. */
export interface ExemptionSpan {
  kind: MeetingKind | null;
  from: string;
  to: string;
}

export interface CellOutcome {
  status: ComplianceStatus;
  /** Meetings owed in the period after pro-rating; 0 when not applicable or exempt. */
  required: number;
  held: number;
  planned: number;
  periodDays: number;
  /** Days the org existed in the period and was not exempt. */
  owedDays: number;
  exemptDays: number;
  /** The period's last day, and the last day meetings held in it may still be recorded. */
  dueOn: string;
  correctableUntil: string;
  warning: string | null;
}

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0) + 1);

/** An org's existence as day numbers: its first day and its last (Infinity while it exists). */
export interface OrgDays {
  firstDay: number;
  lastDay: number;
}

export const orgDaysOf = (org: Pick<ComplianceOrg, 'establishedOn' | 'dissolvedOn'>): OrgDays => ({
  firstDay: dayNumber(org.establishedOn),
  lastDay: org.dissolvedOn ? dayNumber(org.dissolvedOn) - 1 : Number.POSITIVE_INFINITY,
});

/** An exemption as day numbers. */
export interface ExemptionDays {
  kind: MeetingKind | null;
  firstDay: number;
  lastDay: number;
}

export const exemptionDaysOf = (e: ExemptionSpan): ExemptionDays => ({ kind: e.kind, firstDay: dayNumber(e.from), lastDay: dayNumber(e.to) });

/** What `judgeCell` decides; `usualMissed` marks a met requirement held only outside its usual months. */
export interface CellJudgement {
  status: ComplianceStatus;
  required: number;
  owedDays: number;
  exemptDays: number;
  usualMissed: boolean;
}

export const newJudgement = (): CellJudgement => ({ status: 'notApplicable', required: 0, owedDays: 0, exemptDays: 0, usualMissed: false });

function settle(out: CellJudgement, status: ComplianceStatus, required: number, owedDays: number, exemptDays: number, usualMissed: boolean) {
  out.status = status;
  out.required = required;
  out.owedDays = owedDays;
  out.exemptDays = exemptDays;
  out.usualMissed = usualMissed;
  return out;
}

/**
 * The decision of `evaluateCell` on day numbers, without formatting any date and written into `out`: the
 * compliance matrix judges a province's million cells with it, one result object reused. `start`..`end` is the
 * period, `today` the day it is judged on.
 */
export function judgeCell(
  segment: RequirementSegment | undefined,
  org: Pick<ComplianceOrg, 'fullMembers' | 'unitTop'> & OrgDays,
  start: number,
  end: number,
  held: number,
  heldInUsualMonths: number,
  exemptions: readonly ExemptionDays[],
  today: number,
  out: CellJudgement = newJudgement(),
): CellJudgement {
  if (!segment || !conditionHolds(segment, org)) return settle(out, 'notApplicable', 0, 0, 0, false);
  const requirement = segment.requirement;
  const periodDays = end - start + 1;
  const activeFrom = Math.max(start, org.firstDay, segment.sinceDay);
  const activeTo = Math.min(end, org.lastDay);
  const activeDays = Math.max(0, activeTo - activeFrom + 1);
  let exemptDays = 0;
  for (const e of exemptions) {
    if (e.kind === null || e.kind === requirement.kind) exemptDays += overlap(activeFrom, activeTo, e.firstDay, e.lastDay);
  }
  const owedDays = Math.max(0, activeDays - exemptDays);
  const share = segment.minSharePercent;
  if (activeDays * 100 < periodDays * share) return settle(out, 'notApplicable', 0, activeDays, 0, false);
  if (owedDays * 100 < periodDays * share) return settle(out, 'exempt', 0, owedDays, exemptDays, false);
  const required = Math.ceil((requirement.min * owedDays) / periodDays);
  if (held >= required) return settle(out, 'met', required, owedDays, exemptDays, Boolean(requirement.usual) && heldInUsualMonths === 0);
  const status: ComplianceStatus =
    today > end + requirement.graceDays
      ? 'missed'
      : today > end
        ? 'overdue'
        : today >= start && end - today + 1 <= requirement.leadDays
          ? 'dueSoon'
          : 'pending';
  return settle(out, status, required, owedDays, exemptDays, false);
}

/**
 * Where one requirement stands for one org and period on `today`:
 * - `notApplicable`: no requirement binds the org then, or it existed for less than the pro-rating share of the period;
 * - `exempt`: it existed long enough, but exemptions leave less than that share owed;
 * - `met`: held meetings reach the (pro-rated) minimum — whenever that is, even before the period ends;
 * - `pending`: not met, the period has not started or its last `leadDays` have not begun;
 * - `dueSoon`: not met, within the last `leadDays` days of the period;
 * - `overdue`: not met, the period has ended but meetings held in it may still be recorded (`graceDays`);
 * - `missed`: not met and the grace days are over too.
 */
export function evaluateCell(
  segment: RequirementSegment | undefined,
  org: ComplianceOrg,
  period: CompliancePeriod,
  tally: MeetingTally,
  exemptions: readonly ExemptionSpan[],
  today: string,
): CellOutcome {
  const start = dayNumber(period.from);
  const end = dayNumber(period.to);
  const j = judgeCell(
    segment,
    { ...org, ...orgDaysOf(org) },
    start,
    end,
    tally.held,
    tally.heldInUsualMonths,
    exemptions.map(exemptionDaysOf),
    dayNumber(today),
  );
  const requirement = segment?.requirement;
  const closed = j.status === 'notApplicable' || j.status === 'exempt';
  return {
    status: j.status,
    required: j.required,
    held: tally.held,
    planned: tally.planned,
    periodDays: end - start + 1,
    owedDays: j.owedDays,
    exemptDays: j.exemptDays,
    dueOn: period.to,
    correctableUntil: requirement && !closed ? addDays(period.to, requirement.graceDays) : period.to,
    warning: j.usualMissed ? (requirement?.usual?.note ?? null) : null,
  };
}

/** One line for a cell, e.g. 「支部委员会会议 2026年3月：应开 1 次，实开 0 次（逾期待补，2026-04-10 前可补录）」. */
export function describeCell(kind: MeetingKind, period: Pick<CompliancePeriod, 'key' | 'kind'>, outcome: CellOutcome): string {
  const head = `${meetingKinds.label(kind)} ${periodLabel(period)}`;
  if (outcome.status === 'notApplicable') return `${head}：不适用（该期间无此要求，或组织存续不足半个周期）`;
  if (outcome.status === 'exempt') return `${head}：已豁免（豁免 ${outcome.exemptDays} 天）`;
  const prorated = outcome.owedDays < outcome.periodDays ? `，按应参加 ${outcome.owedDays}/${outcome.periodDays} 天折算` : '';
  const planned = outcome.planned > 0 ? `，另有计划 ${outcome.planned} 次` : '';
  const state =
    outcome.status === 'dueSoon'
      ? `临期，${outcome.dueOn} 截止`
      : outcome.status === 'overdue'
        ? `逾期待补，${outcome.correctableUntil} 前可补录`
        : complianceStatuses.label(outcome.status);
  const warning = outcome.warning ? `；${outcome.warning}` : '';
  return `${head}：应开 ${outcome.required} 次，实开 ${outcome.held} 次${planned}${prorated}（${state}）${warning}`;
}

// ── Summaries ─────────────────────────────────────────────────────────────────────────────

export type ComplianceCounts = Record<ComplianceStatus, number>;

export const emptyCounts = (): ComplianceCounts => ({ met: 0, pending: 0, dueSoon: 0, overdue: 0, missed: 0, exempt: 0, notApplicable: 0 });

/**
 * The compliance rate: met over decided-or-due cells (met, overdue, missed). Cells still pending or due soon are
 * not yet judged, and exempt or not applicable ones owe nothing. Null when nothing is judged.
 */
export function complianceRate(counts: ComplianceCounts): number | null {
  const judged = counts.met + counts.overdue + counts.missed;
  return judged === 0 ? null : counts.met / judged;
}
