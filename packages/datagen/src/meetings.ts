import { defaultMeetingTitle } from '@hangbiao/shared/contracts/orglife';
import { addDays, addMonths, monthOf } from '@hangbiao/shared/dates';
import type { AttendanceStatus, MeetingKind, MeetingStatus, MemberStatus } from '@hangbiao/shared/glossary';
import {
  attendingStatuses,
  type CompliancePeriod,
  conditionHolds,
  meetingRecordRuleFor,
  periodsEndingBetween,
  type RequirementSegment,
  requiredKindsOf,
  segmentOn,
} from '@hangbiao/shared/rules';
import { rosterMembers } from './members';
import { personName } from './names';
import { idEpoch, mixSeed, Rng, uuid7 } from './random';
import type { Dataset, MemberRow, OrgRow, Roster } from './rows';

// Rows as the server's orglife tables take them; columns with defaults (version, check-in token, agenda…) are left out.

export interface MeetingRow {
  id: string;
  committeeId: string;
  orgId: string;
  kind: MeetingKind;
  status: MeetingStatus;
  title: string;
  startsAt: Date;
  endsAt: Date;
  heldOn: string;
  place: string;
  hostName: string | null;
  recorderName: string | null;
  firstTopic: string | null;
  expectedCount: number;
  presentCount: number;
}

export interface AttendanceRow {
  id: string;
  committeeId: string;
  meetingId: string;
  memberId: string;
  status: AttendanceStatus;
  reason: string | null;
  checkedInAt: Date | null;
}

export interface MeetingBatch {
  meetings: MeetingRow[];
  attendance: AttendanceRow[];
}

export interface MeetingOptions {
  /** Months of history up to and including today's month (60 = five years). */
  months?: number;
  /**
   * Attendance rows only for meetings in this many months up to today; older meetings keep zero counters. Left out,
   * every meeting has its attendance (about 2 million rows for a city's five years).
   */
  attendanceMonths?: number;
}

/**
 * How an org keeps its organisational life: most hold every meeting, some miss one now and then, a few are
 * chronically late (meetings slip into the next period, so the earlier one is missed).
 */
type Habit = 'steady' | 'gappy' | 'late';
const habitMix: [Habit, number][] = [
  ['steady', 0.72],
  ['gappy', 0.2],
  ['late', 0.08],
];
const missRate: Record<Habit, number> = { steady: 0.02, gappy: 0.12, late: 0.25 };
const slipRate: Record<Habit, number> = { steady: 0, gappy: 0.03, late: 0.3 };
const presentRate: Record<Habit, number> = { steady: 0.94, gappy: 0.88, late: 0.82 };

const places = ['党员活动室', '三楼会议室', '机关会议室', '党建活动中心', '二楼小会议室'];
const leaveReasons = ['出差', '公务外出', '病假', '年休假', '参加培训', '事假'];
const firstTopics = ['学习习近平总书记近期重要讲话和重要指示批示精神', '传达学习上级党组织会议精神', '学习党的创新理论最新成果'];
const hours = [
  [9, 0],
  [14, 30],
  [15, 0],
  [16, 0],
] as const;
/** Months of the year an org-life meeting lands in: mostly the fourth quarter, December above all; some slip into January. */
const orgLifeMonths: [number, number][] = [
  [12, 0.46],
  [11, 0.22],
  [10, 0.12],
  [13, 0.1],
  [7, 0.05],
  [6, 0.05],
];
const plannedDays = 21;

function pick<T>(rng: Rng, mix: readonly [T, number][]): T {
  let roll = rng.next();
  for (const [value, weight] of mix) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (mix[0] as [T, number])[0];
}

const daysIn = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();

/** A weekday of `month` near day `day` (Saturday moves to Friday, Sunday to Monday). */
function workday(month: string, day: number): string {
  const date = `${month}-${String(Math.min(Math.max(1, day), daysIn(month))).padStart(2, '0')}`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 6) return addDays(date, date.endsWith('-01') ? 2 : -1);
  if (weekday === 0) return addDays(date, monthOf(addDays(date, 1)) === month ? 1 : -2);
  return date;
}

interface Plan {
  kind: MeetingKind;
  date: string;
}

interface OrgPeople {
  /** Members of the org's branch roster, in roster order (post holders first). */
  roster: MemberRow[];
  /** Who attends each kind: everyone expected, or those listed. */
  attendees: (kind: MeetingKind) => MemberRow[];
  host: string | null;
  recorder: string | null;
}

/** Everything fixed for a run: the data set, its members by org and the range of months. */
class MeetingMaker {
  private readonly epoch: number;
  private meetingSeq = 0;
  private attendanceSeq = 0;
  private readonly members = new Map<string, MemberRow[]>();
  private readonly byId = new Map<string, OrgRow>();
  private readonly rosters = new Map<string, Roster>();
  private readonly groups = new Map<string, string[]>();
  /** The branches of each unit's top org (the org at depth 1 they lie under). */
  private readonly branchesUnder = new Map<string, string[]>();
  private readonly committeeSize = new Map<string, number>();
  readonly from: string;
  readonly to: string;
  private readonly attendanceFrom: string;

  constructor(
    private readonly dataset: Dataset,
    options: MeetingOptions,
  ) {
    this.epoch = idEpoch(dataset.today) + 200_000_000;
    const months = options.months ?? 60;
    this.to = monthOf(dataset.today);
    this.from = addMonths(this.to, -(months - 1));
    this.attendanceFrom = options.attendanceMonths === undefined ? '0000-01-01' : `${addMonths(this.to, -(options.attendanceMonths - 1))}-01`;
    for (const roster of dataset.rosters) this.rosters.set(roster.orgId, roster);
    for (const org of dataset.orgs) {
      this.byId.set(org.id, org);
      if (org.kind === 'group' && org.parentId) this.groups.set(org.parentId, [...(this.groups.get(org.parentId) ?? []), org.id]);
      const top = org.path.split('/')[2];
      if ((org.kind === 'branch' || org.kind === 'jointBranch') && top) this.branchesUnder.set(top, [...(this.branchesUnder.get(top) ?? []), org.id]);
    }
    for (const post of dataset.orgPosts) {
      if (post.endedOn || post.post === 'groupLeader') continue;
      this.committeeSize.set(post.orgId, (this.committeeSize.get(post.orgId) ?? 0) + 1);
    }
  }

  private rosterOf(orgId: string): MemberRow[] {
    const cached = this.members.get(orgId);
    if (cached) return cached;
    const roster = this.rosters.get(orgId);
    const rows = roster ? [...rosterMembers(roster, this.dataset.committeeId, this.dataset.today, idEpoch(this.dataset.today))] : [];
    this.members.set(orgId, rows);
    return rows;
  }

  private fullMembers(org: OrgRow): number {
    const roster = this.rosters.get(org.id);
    // Without rosters (members: false), a branch with committee posts is one with a committee.
    if (!roster) return (this.committeeSize.get(org.id) ?? 0) > 2 ? 7 : 0;
    return roster.full;
  }

  private people(org: OrgRow): OrgPeople {
    const branch = org.kind === 'group' ? this.byId.get(org.parentId ?? '') : org;
    const roster = branch ? this.rosterOf(branch.id) : [];
    let members = roster;
    if (org.kind === 'group' && branch) {
      const groups = this.groups.get(branch.id) ?? [org.id];
      const g = groups.indexOf(org.id);
      members = roster.filter((_, i) => i % groups.length === g);
    }
    if (org.kind === 'unitCommittee' || org.kind === 'generalBranch') {
      // The leading group studying as a central group: the first members of the unit's branches stand in for it.
      members = (this.branchesUnder.get(org.id) ?? []).flatMap((b) => this.rosterOf(b).slice(0, 2)).slice(0, 11);
    }
    const committee = roster.slice(0, Math.max(1, this.committeeSize.get(branch?.id ?? '') ?? 1));
    return {
      roster: members,
      host: members[0]?.name ?? null,
      recorder: members[1]?.name ?? null,
      attendees: (kind) => (kind === 'committeeMeeting' ? committee : kind === 'heartTalk' ? committee.slice(0, 3) : members),
    };
  }

  /** The meetings an org holds over the range, as kinds and days, following its habit. */
  private plans(org: OrgRow, habit: Habit, rng: Rng): Plan[] {
    const themeDay = rng.int(5, 25);
    const facts = {
      kind: org.kind,
      establishedOn: org.establishedOn,
      dissolvedOn: org.dissolvedOn,
      fullMembers: this.fullMembers(org),
      unitTop: org.depth === 1 && org.unitId !== null,
    };
    const plans: Plan[] = [];
    const lastDay = addDays(this.dataset.today, plannedDays);
    const within = (date: string) => date >= org.establishedOn && (!org.dissolvedOn || date < org.dissolvedOn) && date <= lastDay;
    for (const kind of requiredKindsOf(org.kind)) {
      for (const periodKind of ['month', 'quarter', 'year'] as const) {
        for (const period of periodsEndingBetween(periodKind, this.from, addMonths(this.to, 12))) {
          const segment = segmentOn(kind, org.kind, period.to);
          if (!segment || segment.requirement.period !== periodKind || !conditionHolds(segment, facts)) continue;
          if (rng.chance(missRate[habit])) continue;
          for (const date of this.daysFor(segment, period, habit, themeDay, rng)) if (within(date) && date >= `${this.from}-01`) plans.push({ kind, date });
        }
      }
    }
    return plans.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  private daysFor(segment: RequirementSegment, period: CompliancePeriod, habit: Habit, themeDay: number, rng: Rng): string[] {
    const first = monthOf(period.from);
    const months = segment.requirement.period === 'month' ? 1 : segment.requirement.period === 'quarter' ? 3 : 12;
    const slip = rng.chance(slipRate[habit]);
    const kind = segment.requirement.kind;
    if (kind === 'themeDay') return [workday(slip ? addMonths(first, 1) : first, themeDay)];
    if (kind === 'orgLifeMeeting' || kind === 'memberReview') {
      const month = pick(rng, orgLifeMonths);
      const at = addMonths(first, month - 1 + (slip && month < 13 ? 1 : 0));
      return [workday(at, rng.int(8, 28))];
    }
    const count = segment.requirement.min + (rng.chance(0.12) ? 1 : 0) - (segment.requirement.min > 4 && habit !== 'steady' ? rng.int(0, 3) : 0);
    const days: string[] = [];
    for (let i = 0; i < count; i++) {
      // Spread over the period; late habits crowd its end and sometimes slip past it.
      const slot = Math.floor((i * months) / Math.max(1, count));
      const month = addMonths(first, habit === 'late' && months === 3 ? 2 : slot);
      const day = habit === 'late' ? rng.int(18, 31) : rng.int(3, 28);
      days.push(workday(slip ? addMonths(month, 1) : month, day));
    }
    return days;
  }

  /** The meetings and attendance of one org. */
  make(org: OrgRow, index: number): MeetingBatch {
    const rng = new Rng(mixSeed(this.dataset.seed, 0x6f726c00 + index));
    const habit = pick(rng, habitMix);
    const plans = this.plans(org, habit, rng);
    const batch: MeetingBatch = { meetings: [], attendance: [] };
    if (plans.length === 0) return batch;
    const who = this.people(org);
    const presence = presentRate[habit];
    for (const plan of plans) {
      const [hour, minute] = rng.pick(hours);
      const startsAt = new Date(`${plan.date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);
      const endsAt = new Date(startsAt.getTime() + (plan.kind === 'committeeMeeting' || plan.kind === 'heartTalk' ? 60 : 120) * 60_000);
      const future = plan.date > this.dataset.today;
      const status: MeetingStatus = future ? 'planned' : rng.chance(0.01) ? 'cancelled' : 'held';
      const id = uuid7(this.epoch + this.meetingSeq++, rng);
      const meeting: MeetingRow = {
        id,
        committeeId: this.dataset.committeeId,
        orgId: org.id,
        kind: plan.kind,
        status,
        title: defaultMeetingTitle(plan.kind, plan.date),
        startsAt,
        endsAt,
        heldOn: plan.date,
        place: rng.pick(places),
        hostName: who.host ?? personName(rng),
        recorderName: who.recorder,
        firstTopic: status === 'held' && meetingRecordRuleFor(plan.kind, plan.date)?.firstTopicRequired ? rng.pick(firstTopics) : null,
        expectedCount: 0,
        presentCount: 0,
      };
      if (status === 'held' && plan.date >= this.attendanceFrom) this.attend(meeting, who.attendees(plan.kind), presence, rng, batch.attendance);
      batch.meetings.push(meeting);
    }
    return batch;
  }

  /** Attendance rows of a held meeting; its counters are set from exactly these rows. */
  private attend(meeting: MeetingRow, people: MemberRow[], presence: number, rng: Rng, out: AttendanceRow[]) {
    const attending = new Set<MemberStatus>(attendingStatuses);
    const recent = meeting.heldOn >= addDays(this.dataset.today, -365);
    for (const member of people) {
      if (!attending.has(member.status) || member.joinedOn > meeting.heldOn) continue;
      const roll = rng.next();
      const status: AttendanceStatus = roll < presence ? 'present' : roll < presence + (1 - presence) * 0.8 ? 'leave' : 'absent';
      out.push({
        id: uuid7(this.epoch + 100_000_000 + this.attendanceSeq++, rng),
        committeeId: meeting.committeeId,
        meetingId: meeting.id,
        memberId: member.id,
        status,
        reason: status === 'leave' ? rng.pick(leaveReasons) : null,
        checkedInAt: status === 'present' && recent ? new Date(meeting.startsAt.getTime() - rng.int(0, 20) * 60_000) : null,
      });
      meeting.expectedCount += 1;
      if (status === 'present') meeting.presentCount += 1;
    }
  }
}

/**
 * A data set's meetings and attendance, org by org, in batches of about `batchSize` meetings: the 2 million
 * attendance rows of a city's five years are never in memory at once. The same data set and options always give
 * the same rows.
 */
export function* meetingBatches(dataset: Dataset, options: MeetingOptions = {}, batchSize = 1000): Generator<MeetingBatch> {
  const maker = new MeetingMaker(dataset, options);
  let batch: MeetingBatch = { meetings: [], attendance: [] };
  for (const [index, org] of dataset.orgs.entries()) {
    if (requiredKindsOf(org.kind).length === 0) continue;
    const made = maker.make(org, index);
    batch.meetings.push(...made.meetings);
    batch.attendance.push(...made.attendance);
    if (batch.meetings.length >= batchSize) {
      yield batch;
      batch = { meetings: [], attendance: [] };
    }
  }
  if (batch.meetings.length > 0) yield batch;
}
