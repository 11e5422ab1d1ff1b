import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeetingKind, OrgKind } from '../glossary';
import {
  type ComplianceOrg,
  complianceRate,
  dayNumber,
  describeCell,
  type ExemptionSpan,
  emptyCounts,
  evaluateCell,
  periodOf,
  periodOfKey,
  periodsEndingBetween,
  requiredKindsOf,
  segmentOn,
} from './orglife';

const branch: ComplianceOrg = { kind: 'branch', establishedOn: '2010-01-01', dissolvedOn: null, fullMembers: 20, unitTop: false };
const none = { held: 0, heldInUsualMonths: 0, planned: 0 };

function cell(kind: MeetingKind, key: string, today: string, o: Partial<ComplianceOrg> = {}, tally = none, exemptions: ExemptionSpan[] = []) {
  const org = { ...branch, ...o };
  const period = periodOfKey(key);
  return evaluateCell(segmentOn(kind, org.kind, period.to), org, period, tally, exemptions, today);
}
const held = (n: number, inUsual = n) => ({ held: n, heldInUsualMonths: inUsual, planned: 0 });

describe('calendar periods', () => {
  it('names months, quarters and years with their first and last days', () => {
    expect(periodOf('month', '2026-02-14')).toEqual({ key: '2026-02', kind: 'month', from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('quarter', '2026-03-31')).toEqual({ key: '2026-Q1', kind: 'quarter', from: '2026-01-01', to: '2026-03-31' });
    expect(periodOf('quarter', '2026-04-01').key).toBe('2026-Q2');
    expect(periodOf('year', '2024-12-31')).toEqual({ key: '2024', kind: 'year', from: '2024-01-01', to: '2024-12-31' });
    expect(periodOfKey('2024-02').to).toBe('2024-02-29');
    expect(periodOfKey('2026-Q4')).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(() => periodOfKey('2026-13')).toThrow();
  });

  it('lists the periods that fall due within a month range', () => {
    expect(periodsEndingBetween('quarter', '2026-02', '2026-07').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2']);
    expect(periodsEndingBetween('year', '2026-01', '2026-11')).toEqual([]);
    expect(periodsEndingBetween('year', '2022-01', '2026-12').map((p) => p.key)).toEqual(['2022', '2023', '2024', '2025', '2026']);
    expect(periodsEndingBetween('month', '2025-11', '2026-02').map((p) => p.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('counts days like the calendar does (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), (n) => {
        const date = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(dayNumber(date)).toBe(n);
      }),
    );
  });
});

describe('which requirements bind which orgs (支部工作条例 2018 第十一条至第二十二条)', () => {
  it('asks branches for the three meetings and one lecture, groups for group meetings, unit tops for central-group study', () => {
    expect(requiredKindsOf('branch')).toEqual([
      'generalMeeting',
      'committeeMeeting',
      'partyLecture',
      'themeDay',
      'orgLifeMeeting',
      'memberReview',
      'heartTalk',
      'centralGroupStudy',
    ]);
    expect(requiredKindsOf('group')).toEqual(['groupMeeting']);
    expect(requiredKindsOf('committee')).toEqual([]);
  });

  it('asks a branch committee to meet monthly only when the branch has 7 full members (第八条, threshold branch.committeeSize)', () => {
    expect(cell('committeeMeeting', '2026-03', '2026-05-01', { fullMembers: 7 }).status).toBe('missed');
    expect(cell('committeeMeeting', '2026-03', '2026-05-01', { fullMembers: 6 }).status).toBe('notApplicable');
  });

  it('asks for central-group study (≥12 a year, local) only of a unit’s top org', () => {
    const top = { kind: 'unitCommittee' as OrgKind, unitTop: true };
    expect(cell('centralGroupStudy', '2025', '2026-03-01', top, held(11)).status).toBe('missed');
    expect(cell('centralGroupStudy', '2025', '2026-03-01', top, held(12)).status).toBe('met');
    expect(cell('centralGroupStudy', '2025', '2026-03-01', { ...top, unitTop: false }).status).toBe('notApplicable');
  });

  it('applies no requirement before the regulation took effect on 2018-10-28, and pro-rates its first quarter', () => {
    expect(cell('themeDay', '2018-09', '2019-06-01').status).toBe('notApplicable');
    // 28 October to 31 December is 65 of Q4's 92 days: at least half, so one general meeting was owed.
    expect(cell('generalMeeting', '2018-Q4', '2019-06-01')).toMatchObject({ status: 'missed', required: 1, owedDays: 65 });
    // October 2018 had 4 days of the regulation: less than half the month.
    expect(cell('themeDay', '2018-10', '2019-06-01').status).toBe('notApplicable');
  });
});

describe('where a cell stands on a day (lead 7 days, grace 10 days for monthly meetings)', () => {
  const march = (today: string, tally = none) => cell('committeeMeeting', '2026-03', today, {}, tally).status;

  it('is pending before the last 7 days of March, due soon within them, overdue until 10 April, missed after', () => {
    expect(march('2026-02-15')).toBe('pending');
    expect(march('2026-03-24')).toBe('pending');
    expect(march('2026-03-25')).toBe('dueSoon');
    expect(march('2026-03-31')).toBe('dueSoon');
    expect(march('2026-04-01')).toBe('overdue');
    expect(march('2026-04-10')).toBe('overdue');
    expect(march('2026-04-11')).toBe('missed');
  });

  it('is met as soon as the meeting is held, whatever the day', () => {
    for (const today of ['2026-03-02', '2026-03-28', '2026-04-05', '2027-01-01']) expect(march(today, held(1))).toBe('met');
  });

  it('does not count planned meetings but shows them', () => {
    const outcome = cell('committeeMeeting', '2026-03', '2026-03-28', {}, { held: 0, heldInUsualMonths: 0, planned: 1 });
    expect(outcome).toMatchObject({ status: 'dueSoon', planned: 1 });
    expect(describeCell('committeeMeeting', periodOfKey('2026-03'), outcome)).toBe(
      '支部委员会会议 2026年3月：应开 1 次，实开 0 次，另有计划 1 次（临期，2026-03-31 截止）',
    );
  });

  it('explains an overdue cell with the day it can still be made good', () => {
    const outcome = cell('committeeMeeting', '2026-03', '2026-04-03');
    expect(describeCell('committeeMeeting', periodOfKey('2026-03'), outcome)).toBe(
      '支部委员会会议 2026年3月：应开 1 次，实开 0 次（逾期待补，2026-04-10 前可补录）',
    );
  });

  it('reminds of the org-life meeting from the fourth quarter, when it is usually held (第二十条)', () => {
    expect(cell('orgLifeMeeting', '2026', '2026-09-30').status).toBe('pending');
    expect(cell('orgLifeMeeting', '2026', '2026-10-01').status).toBe('dueSoon');
    expect(cell('orgLifeMeeting', '2026', '2027-01-31').status).toBe('overdue');
    expect(cell('orgLifeMeeting', '2026', '2027-02-01').status).toBe('missed');
  });

  it('counts an org-life meeting held outside the fourth quarter, with a warning (一般 = warn only)', () => {
    const june = cell('orgLifeMeeting', '2025', '2026-03-01', {}, held(1, 0));
    expect(june).toMatchObject({ status: 'met', warning: '组织生活会一般安排在第四季度召开' });
    expect(cell('orgLifeMeeting', '2025', '2026-03-01', {}, held(1, 1)).warning).toBeNull();
  });
});

describe('pro-rating for orgs founded or dissolved mid-period (at least half the period owes, rounded up)', () => {
  it('owes nothing for March when founded on 20 March (12 of 31 days), and one meeting when founded on 10 March (22 days)', () => {
    expect(cell('themeDay', '2026-03', '2026-05-01', { establishedOn: '2026-03-20' })).toMatchObject({ status: 'notApplicable', required: 0 });
    expect(cell('themeDay', '2026-03', '2026-05-01', { establishedOn: '2026-03-10' })).toMatchObject({ status: 'missed', required: 1, owedDays: 22 });
  });

  it('owes a share of a yearly minimum of 12, rounded up: founded 1 July owes 7', () => {
    const top = { kind: 'unitCommittee' as OrgKind, unitTop: true, establishedOn: '2025-07-01' };
    expect(cell('centralGroupStudy', '2025', '2026-03-01', top)).toMatchObject({ required: 7, owedDays: 184 });
  });

  it('counts a dissolved org up to the day before its dissolution', () => {
    // Dissolved on 16 March: its last day was the 15th, 15 of 31 days.
    expect(cell('themeDay', '2026-03', '2026-05-01', { dissolvedOn: '2026-03-16' }).status).toBe('notApplicable');
    expect(cell('themeDay', '2026-03', '2026-05-01', { dissolvedOn: '2026-03-17' })).toMatchObject({ status: 'missed', owedDays: 16 });
    expect(cell('themeDay', '2026-04', '2026-05-30', { dissolvedOn: '2026-03-17' }).status).toBe('notApplicable');
  });

  it('owes the whole period exactly at half: 2026-Q1 has 90 days, founded on 15 February leaves 45', () => {
    expect(cell('generalMeeting', '2026-Q1', '2026-06-01', { establishedOn: '2026-02-15' })).toMatchObject({ status: 'missed', required: 1 });
    expect(cell('generalMeeting', '2026-Q1', '2026-06-01', { establishedOn: '2026-02-16' }).status).toBe('notApplicable');
  });
});

describe('exemptions', () => {
  const spring: ExemptionSpan = { kind: 'themeDay', from: '2026-03-01', to: '2026-03-31' };

  it('exempts a whole month for the exempted kind only', () => {
    expect(cell('themeDay', '2026-03', '2026-05-01', {}, none, [spring])).toMatchObject({ status: 'exempt', exemptDays: 31, required: 0 });
    expect(cell('committeeMeeting', '2026-03', '2026-05-01', {}, none, [spring]).status).toBe('missed');
  });

  it('exempts every kind when the exemption names none', () => {
    const all: ExemptionSpan = { kind: null, from: '2026-01-01', to: '2026-06-30' };
    expect(cell('committeeMeeting', '2026-03', '2026-05-01', {}, none, [all]).status).toBe('exempt');
    expect(cell('generalMeeting', '2026-Q2', '2026-08-01', {}, none, [all]).status).toBe('exempt');
  });

  it('leaves a year still owed when less than half of it is exempt, and lifts it when more is', () => {
    const half = { kind: 'memberReview' as const, from: '2026-01-01', to: '2026-06-30' };
    expect(cell('memberReview', '2026', '2027-03-01', {}, none, [half])).toMatchObject({ status: 'missed', required: 1, exemptDays: 181 });
    const most = { kind: 'memberReview' as const, from: '2026-01-01', to: '2026-07-31' };
    expect(cell('memberReview', '2026', '2027-03-01', {}, none, [most]).status).toBe('exempt');
  });

  it('is never needed for a period the org did not owe anyway', () => {
    expect(cell('themeDay', '2026-03', '2026-05-01', { establishedOn: '2026-03-25' }, none, [spring]).status).toBe('notApplicable');
  });
});

describe('compliance rate', () => {
  it('is met over met, overdue and missed cells; pending, due-soon, exempt and not-applicable cells are not judged', () => {
    expect(complianceRate({ ...emptyCounts(), met: 6, overdue: 1, missed: 1, pending: 5, dueSoon: 3, exempt: 2, notApplicable: 9 })).toBe(0.75);
    expect(complianceRate({ ...emptyCounts(), pending: 4 })).toBeNull();
  });
});
