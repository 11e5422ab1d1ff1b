import { addMonths, monthOf, monthsBetween } from '@hangbiao/shared/dates';
import type { DuesCategory, DuesPaymentMethod, DuesReliefKind, MemberStatus } from '@hangbiao/shared/glossary';
import { duesLimit, monthlyDues } from '@hangbiao/shared/rules';
import { rosterMembers } from './members';
import { idEpoch, mixSeed, Rng, uuid7 } from './random';
import type { Dataset, MemberRow } from './rows';

// Rows as the server's dues tables take them (months as their first day); version and timestamps are left to defaults.

export interface DuesBaseRow {
  id: string;
  committeeId: string;
  orgId: string;
  memberId: string;
  effectiveMonth: string;
  category: DuesCategory;
  baseFen: number | null;
  fixedFen: number | null;
  monthlyFen: number;
  ruleKey: string;
  ruleText: string;
  ruleSource: string;
  confirmedOn: string;
}

export interface DuesReliefRow {
  id: string;
  committeeId: string;
  orgId: string;
  memberId: string;
  kind: DuesReliefKind;
  monthlyFen: number | null;
  fromMonth: string;
  toMonth: string | null;
  reason: string;
  decidedOn: string;
  approvedByOrgId: string;
  approvedOn: string;
}

export interface DuesPaymentRow {
  id: string;
  committeeId: string;
  orgId: string;
  memberId: string;
  month: string;
  expectedFen: number;
  paidFen: number;
  paidOn: string;
  method: DuesPaymentMethod;
}

export interface DuesBatch {
  bases: DuesBaseRow[];
  reliefs: DuesReliefRow[];
  payments: DuesPaymentRow[];
}

/** How long the generated payment history runs by default, ending with the data set's current month. */
export const duesHistoryMonths = 24;

export interface DuesOptions {
  /** Months of history, ending with the data set's current month. */
  months?: number;
  membersPerBatch?: number;
}

/** How members pay: most every month, some by the quarter with the branch's consent, some late, a few stop. */
type Habit = 'monthly' | 'quarterly' | 'late' | 'lapsing';
const habits: [Habit, number][] = [
  ['monthly', 0.86],
  ['quarterly', 0.05],
  ['late', 0.075],
  ['lapsing', 0.015],
];
const methods: [DuesPaymentMethod, number][] = [
  ['online', 0.42],
  ['deduction', 0.3],
  ['cash', 0.18],
  ['transfer', 0.1],
];

function weighted<T>(rng: Rng, mix: readonly [T, number][]): T {
  let roll = rng.next();
  for (const [value, weight] of mix) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (mix[0] as [T, number])[0];
}

const first = (month: string) => `${month}-01`;
/** The earlier and the later of two dates or months in ISO form. */
const earliest = (a: string, b: string) => [a, b].sort()[0] as string;
const latest = (a: string, b: string) => [a, b].sort()[1] as string;
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

/** A monthly after-tax salary or pension in fen, rounded to the yuan, as a city's organs pay them. */
function baseFenOf(rng: Rng, member: MemberRow): number {
  if (member.jobPost === 'retired') return rng.int(3_200, 6_800) * 100;
  const senior = member.rank && /局长|调研员|科长/.test(member.rank) ? rng.int(1_500, 4_500) : 0;
  return (rng.int(3_400, 7_600) + senior) * 100;
}

const categoryOf = (member: MemberRow): DuesCategory =>
  member.jobPost === 'retired' ? 'retired' : member.jobPost === 'student' ? 'fixedMinimum' : 'inService';

interface MemberPlan {
  bases: DuesBaseRow[];
  relief: DuesReliefRow | null;
  payments: DuesPaymentRow[];
}

class DuesPlanner {
  private readonly months: string[];
  private readonly current: string;
  /** The month this year's re-verification of bases began (a rule: January by default). */
  private readonly reverifiedFrom: string;

  constructor(
    private readonly today: string,
    private readonly parentOf: Map<string, string | null>,
    months: number,
  ) {
    this.current = monthOf(today);
    this.months = Array.from({ length: months }, (_, i) => addMonths(this.current, i - months + 1));
    const month = `${today.slice(0, 4)}-${String(duesLimit('reverifyMonth', today).value).padStart(2, '0')}`;
    this.reverifiedFrom = month <= this.current ? month : addMonths(month, -12);
  }

  /** The month `n` months before the current one, but not before the history starts. */
  private monthsAgo(n: number): string {
    return this.months[Math.max(0, this.months.length - 1 - n)] as string;
  }

  plan(rng: Rng, member: MemberRow, ids: () => string): MemberPlan {
    const start = latest(monthOf(member.joinedOn), this.months[0] as string);
    const category = categoryOf(member);
    const bases: DuesBaseRow[] = [];
    const addBase = (month: string, baseFen: number | null) => {
      const amount = monthlyDues(baseFen, category, first(month));
      // Bases are checked yearly; most older ones were confirmed in this year's round, some are still due.
      const confirmedOn = month < this.reverifiedFrom && rng.chance(0.85) ? day(this.reverifiedFrom, rng.int(5, 28)) : day(month, rng.int(1, 20));
      bases.push({
        id: ids(),
        committeeId: member.committeeId,
        orgId: member.orgId,
        memberId: member.id,
        effectiveMonth: first(month),
        category,
        baseFen,
        fixedFen: null,
        monthlyFen: amount.fen,
        ruleKey: amount.rule.key,
        ruleText: amount.rule.text,
        ruleSource: amount.rule.source,
        confirmedOn: earliest(confirmedOn, this.today),
      });
    };
    const salary = category === 'fixedMinimum' ? null : baseFenOf(rng, member);
    addBase(start, salary);
    // A pay rise (年度调资) in a January of the history for about a third of those paid a salary.
    const january = this.months.find((m) => m > start && m.endsWith('-01') && rng.chance(0.35));
    if (salary !== null && january) addBase(january, Math.round((salary * rng.between(1.02, 1.08)) / 100) * 100);
    const expectedAt = (month: string) => [...bases].reverse().find((b) => b.effectiveMonth <= first(month))?.monthlyFen ?? 0;

    let relief: DuesReliefRow | null = null;
    const approver = this.parentOf.get(member.orgId);
    if (approver && rng.chance(0.004)) {
      const from = latest(this.monthsAgo(rng.int(0, 17)), addMonths(start, 1));
      const kind: DuesReliefKind = rng.chance(0.5) ? 'exempt' : 'reduced';
      const decided = day(addMonths(from, -1), rng.int(5, 20));
      relief = {
        id: ids(),
        committeeId: member.committeeId,
        orgId: member.orgId,
        memberId: member.id,
        kind,
        monthlyFen: kind === 'reduced' ? 20 * rng.int(1, 5) : null,
        fromMonth: first(from),
        toMonth: null,
        reason: rng.pick(['家庭生活困难', '本人长期患病', '家庭成员重病']),
        decidedOn: decided,
        approvedByOrgId: approver,
        approvedOn: day(addMonths(from, -1), 25),
      };
    }
    const dueAt = (month: string) => (relief && first(month) >= relief.fromMonth ? (relief.monthlyFen ?? 0) : expectedAt(month));

    const payments: DuesPaymentRow[] = [];
    const habit = weighted(rng, habits);
    const method = weighted(rng, methods);
    const payDay = rng.int(3, 26);
    // Members who stopped: lapsing ones some months ago, and anyone lost, suspended or gone since their status date.
    // Stopped one to fifteen months ago: some of them long enough for the 6-months alert.
    const stopped = habit === 'lapsing' ? this.monthsAgo(rng.int(1, 15)) : null;
    const away: MemberStatus[] = ['lostContact', 'suspended', 'left', 'deceased'];
    const statusStop = away.includes(member.status) ? monthOf(member.statusSince) : null;
    for (const month of this.months) {
      if (month < start || (stopped && month >= stopped) || (statusStop && month >= statusStop)) continue;
      const due = dueAt(month);
      if (due === 0) continue;
      let paidMonth = month;
      // A quarter is paid in its first month (or the joining month), the later two months ahead.
      if (habit === 'quarterly') paidMonth = latest(quarterStart(month), start);
      if (habit === 'late' && rng.chance(0.3)) paidMonth = addMonths(month, rng.int(1, 4));
      const paidOn = day(paidMonth, payDay);
      if (paidOn > this.today) continue;
      payments.push({
        id: ids(),
        committeeId: member.committeeId,
        orgId: member.orgId,
        memberId: member.id,
        month: first(month),
        expectedFen: due,
        // Now and then a member gives more than is due (自愿多交).
        paidFen: rng.chance(0.01) ? due + 100 * rng.int(1, 50) : due,
        paidOn,
        method,
      });
    }
    return { bases, relief, payments };
  }
}

function quarterStart(month: string): string {
  return addMonths(month, -((Number(month.slice(5, 7)) - 1) % 3));
}

/**
 * Dues bases, a few approved reliefs and months of payments (24 by default, ending with the data set's current month)
 * for the members of a data set, in batches of about `membersPerBatch` members, generated lazily. The same data set
 * and options always yield the same rows; each branch draws from its own random stream.
 */
export function* duesBatches(dataset: Dataset, options: DuesOptions = {}): Generator<DuesBatch> {
  const { months = duesHistoryMonths, membersPerBatch = 500 } = options;
  const epoch = idEpoch(dataset.today);
  const planner = new DuesPlanner(dataset.today, new Map(dataset.orgs.map((o) => [o.id, o.parentId])), months);
  let batch: DuesBatch = { bases: [], reliefs: [], payments: [] };
  let members = 0;
  for (const roster of dataset.rosters) {
    const rng = new Rng(mixSeed(roster.seed, 0xd0e5));
    let i = 0;
    for (const member of rosterMembers(roster, dataset.committeeId, dataset.today, epoch)) {
      // Each member owns a block of id timestamps: up to 24 payments, 2 bases and a relief.
      let slot = (roster.firstSeq + i) * 32;
      const ids = () => uuid7(epoch + slot++, rng);
      i += 1;
      if (monthsBetween(monthOf(member.joinedOn), monthOf(dataset.today)) < 0) continue;
      const plan = planner.plan(rng, member, ids);
      batch.bases.push(...plan.bases);
      if (plan.relief) batch.reliefs.push(plan.relief);
      batch.payments.push(...plan.payments);
      members += 1;
      if (members === membersPerBatch) {
        yield batch;
        batch = { bases: [], reliefs: [], payments: [] };
        members = 0;
      }
    }
  }
  if (members > 0) yield batch;
}
