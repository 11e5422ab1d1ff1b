import { addDays } from '@hangbiao/shared/dates';
import {
  type MemberEventKind,
  type MemberStatus,
  type TransferKind,
  type TransferReason,
  type TransferState,
  transferKinds,
  transferReasons,
} from '@hangbiao/shared/glossary';
import { transferDeadline } from '@hangbiao/shared/rules';
import { rosterMembers } from './members';
import { cityNames, personName, provinceName } from './names';
import { idEpoch, mixSeed, Rng, uuid7 } from './random';
import type { Dataset, MemberRow, Roster } from './rows';

/** A transfer as the server's `transfers` table takes it (version and timestamps left to their defaults). */
export interface TransferRow {
  id: string;
  committeeId: string;
  orgId: string;
  memberId: string | null;
  personName: string;
  kind: TransferKind;
  state: TransferState;
  reason: TransferReason;
  fromOrgId: string | null;
  toOrgId: string | null;
  outsideOrgName: string | null;
  letterNumber: string | null;
  issuedOn: string;
  arrivedOn: string | null;
  endedOn: string | null;
  deadline: string;
  endReason: string | null;
  note: string | null;
}

export interface MemberEventRow {
  id: string;
  committeeId: string;
  memberId: string;
  kind: MemberEventKind;
  occurredOn: string;
  fromOrgId: string | null;
  toOrgId: string | null;
  fromStatus: MemberStatus | null;
  toStatus: MemberStatus | null;
  note: string | null;
}

export interface TransferSet {
  transfers: TransferRow[];
  /** The registry history the finished transfers left: org changes, statuses and registrations. */
  memberEvents: MemberEventRow[];
  /** Members whose letter out came back: their status becomes `transferredOut` from that day. */
  transferredOut: { memberId: string; statusSince: string }[];
}

interface Step {
  state: TransferState;
  /** Issued this many days before the data set's today. */
  daysAgo: number;
  /** Finished (accepted, receipt back, registered, rejected or cancelled) this many days after issue. */
  endAfter?: number;
  endReason?: string;
  reason?: TransferReason;
}

// Pending ones on time, near their deadline and past it; finished ones of every ending (rules/transfers.ts sets the deadlines).
const internalSteps: Step[] = [
  { state: 'pending', daysAgo: 3 },
  { state: 'pending', daysAgo: 12 },
  { state: 'pending', daysAgo: 24, reason: 'residence' },
  { state: 'completed', daysAgo: 280, endAfter: 6 },
  { state: 'completed', daysAgo: 130, endAfter: 4 },
  { state: 'completed', daysAgo: 41, endAfter: 9, reason: 'residence' },
  { state: 'rejected', daysAgo: 62, endAfter: 5, endReason: '该同志工作单位未变动，请核实后重新发起' },
  { state: 'cancelled', daysAgo: 33, endAfter: 2, endReason: '工作调动暂缓' },
];
const outboundSteps: Step[] = [
  { state: 'pending', daysAgo: 18 },
  { state: 'pending', daysAgo: 111, reason: 'residence' },
  { state: 'pending', daysAgo: 152 },
  { state: 'completed', daysAgo: 190, endAfter: 36 },
  { state: 'completed', daysAgo: 300, endAfter: 52, reason: 'away' },
  { state: 'cancelled', daysAgo: 71, endAfter: 10, endReason: '本人未调离，介绍信收回' },
];
const inboundSteps: Step[] = [
  { state: 'pending', daysAgo: 20 },
  { state: 'pending', daysAgo: 81, reason: 'residence' },
  { state: 'completed', daysAgo: 150, endAfter: 21 },
  { state: 'rejected', daysAgo: 44, endAfter: 3, endReason: '介绍信抬头有误，请原党组织重新开具' },
];

const outsideBodies = ['市直机关工委', '市教育局党委', '市卫生健康委员会机关党委', '市交通运输局机关党委', '县直机关工委'];

/**
 * A handful of transfers of every kind and state among the data set's branches, with the member changes the
 * finished ones imply; the same data set always gives the same transfers.
 */
export function demoTransfers(dataset: Dataset): TransferSet {
  const rng = new Rng(mixSeed(dataset.seed, 0x7472_6e73));
  const epoch = idEpoch(dataset.today);
  const orgById = new Map(dataset.orgs.map((o) => [o.id, o]));
  const rosters = rng.shuffled(dataset.rosters.filter((r) => !orgById.get(r.orgId)?.dissolvedOn && r.full >= 6));
  const set: TransferSet = { transfers: [], memberEvents: [], transferredOut: [] };
  if (rosters.length < 2) return set;

  let transferSeq = 0;
  let eventSeq = 0;
  const pools = new Map<string, Generator<MemberRow>>();
  /** The next active full member of a roster not yet in any transfer (the first few lead the branch and stay). */
  const take = (roster: Roster): MemberRow | undefined => {
    let pool = pools.get(roster.orgId);
    if (!pool) {
      pool = rosterMembers(roster, dataset.committeeId, dataset.today, epoch);
      for (let i = 0; i < 3; i++) pool.next();
      pools.set(roster.orgId, pool);
    }
    // Not for…of: leaving that loop would close the generator for the next call.
    for (let next = pool.next(); !next.done; next = pool.next()) if (next.value.status === 'active' && next.value.category === 'full') return next.value;
    return undefined;
  };
  let turn = 0;
  const nextRoster = () => rosters[turn++ % rosters.length] as Roster;
  const otherUnit = (roster: Roster) =>
    rosters.find((r) => orgById.get(r.orgId)?.unitId !== orgById.get(roster.orgId)?.unitId) ?? (rosters.find((r) => r !== roster) as Roster);
  const outsideOrg = () => `${provinceName}省${rng.pick(cityNames.slice(1))}${rng.pick(outsideBodies)}`;
  const letterNumber = (issuedOn: string) => `${rng.pick(['组转', '党转', '组介'])}〔${issuedOn.slice(0, 4)}〕${rng.int(1, 480)}号`;

  const event = (memberId: string, kind: MemberEventKind, occurredOn: string, values: Partial<MemberEventRow>) =>
    set.memberEvents.push({
      id: uuid7(epoch + eventSeq++, rng),
      committeeId: dataset.committeeId,
      memberId,
      kind,
      occurredOn,
      fromOrgId: null,
      toOrgId: null,
      fromStatus: null,
      toStatus: null,
      note: null,
      ...values,
    });

  const add = (
    kind: TransferKind,
    step: Step,
    values: Pick<TransferRow, 'orgId' | 'memberId' | 'personName' | 'fromOrgId' | 'toOrgId'> & Partial<TransferRow>,
  ) => {
    const issuedOn = addDays(dataset.today, -step.daysAgo);
    const row: TransferRow = {
      id: uuid7(epoch + transferSeq++, rng),
      committeeId: dataset.committeeId,
      kind,
      state: step.state,
      reason: step.reason ?? 'work',
      outsideOrgName: null,
      letterNumber: null,
      issuedOn,
      arrivedOn: null,
      endedOn: step.endAfter === undefined ? null : addDays(issuedOn, step.endAfter),
      deadline: transferDeadline(kind, issuedOn)?.deadline ?? issuedOn,
      endReason: step.endReason ?? null,
      note: null,
      ...values,
    };
    set.transfers.push(row);
    return row;
  };

  for (const step of internalSteps) {
    const from = nextRoster();
    const to = otherUnit(from);
    // A finished move leaves the member in the destination's roster; any other leaves them where they were.
    const member = take(step.state === 'completed' ? to : from);
    if (!member) continue;
    const row = add('internal', step, { orgId: from.orgId, memberId: member.id, personName: member.name, fromOrgId: from.orgId, toOrgId: to.orgId });
    if (step.state === 'completed' && row.endedOn)
      event(member.id, 'orgChanged', row.endedOn, {
        fromOrgId: from.orgId,
        toOrgId: to.orgId,
        note: `${transferKinds.label('internal')}（${transferReasons.label(row.reason)}）`,
      });
  }

  for (const step of outboundSteps) {
    const from = nextRoster();
    const member = take(from);
    if (!member) continue;
    const issuedOn = addDays(dataset.today, -step.daysAgo);
    const letter = { outsideOrgName: outsideOrg(), letterNumber: letterNumber(issuedOn) };
    const row = add('outbound', step, { orgId: from.orgId, memberId: member.id, personName: member.name, fromOrgId: from.orgId, toOrgId: null, ...letter });
    if (step.state === 'completed' && row.endedOn) {
      set.transferredOut.push({ memberId: member.id, statusSince: row.endedOn });
      event(member.id, 'statusChanged', row.endedOn, {
        fromOrgId: from.orgId,
        fromStatus: 'active',
        toStatus: 'transferredOut',
        note: `转往${letter.outsideOrgName}（介绍信 ${letter.letterNumber}）`,
      });
    }
  }

  for (const step of inboundSteps) {
    const to = nextRoster();
    const issuedOn = addDays(dataset.today, -step.daysAgo);
    const arrivedOn = addDays(issuedOn, rng.int(1, 3));
    const letter = { outsideOrgName: outsideOrg(), letterNumber: letterNumber(issuedOn), arrivedOn };
    // A registered arrival is already in the destination's roster; a pending or returned one is a name on a letter.
    const member = step.state === 'completed' ? take(to) : undefined;
    if (step.state === 'completed' && !member) continue;
    const row = add('inbound', step, {
      orgId: to.orgId,
      memberId: member?.id ?? null,
      personName: member?.name ?? personName(rng),
      fromOrgId: null,
      toOrgId: to.orgId,
      ...letter,
    });
    if (member && row.endedOn) event(member.id, 'registered', row.endedOn, { toOrgId: to.orgId, toStatus: 'active', note: `从${letter.outsideOrgName}转入` });
  }
  return set;
}
