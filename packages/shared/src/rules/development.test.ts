import { afterEach, describe, expect, it } from 'vitest';
import type { StepData } from '../contracts/development';
import {
  type CaseState,
  checkStep,
  developmentStepDefinitions,
  effectOf,
  holidayCalendarCovers,
  isWorkingDay,
  nextDueOf,
  probationEndOf,
  type StepRecord,
  stepSchedule,
  workingDaysBetween,
  workingDaysEnd,
} from './index';

const full = (name: string) => ({ name, category: 'full' as const, underDiscipline: false });
const vote = { entitled: 9, present: 8, yes: 8, no: 0, abstain: 0, written: 0 };

/** A case that satisfies every rule, step by step; tests take a prefix of it. */
const path: StepRecord[] = [
  { step: 1, doneOn: '2023-03-01', data: {} },
  { step: 2, doneOn: '2023-03-20', data: {} },
  { step: 3, doneOn: '2023-09-05', data: {} },
  { step: 4, doneOn: '2023-09-10', data: {} },
  { step: 5, doneOn: '2023-09-12', data: { contacts: [full('联系人甲')] } },
  { step: 6, doneOn: '2024-03-05', data: {} },
  { step: 6, doneOn: '2024-09-01', data: {} },
  { step: 7, doneOn: '2024-09-15', data: {} },
  { step: 8, doneOn: '2024-09-20', data: { sponsors: [full('介绍人甲'), full('介绍人乙')] } },
  { step: 9, doneOn: '2024-10-20', data: { reviewPassed: true } },
  { step: 10, doneOn: '2024-10-09', data: { notice: { startOn: '2024-09-27', endOn: '2024-10-09' } } },
  { step: 11, doneOn: '2024-10-25', data: { training: { days: 3 } } },
  { step: 12, doneOn: '2024-11-01', data: {} },
  { step: 13, doneOn: '2024-11-10', data: {} },
  { step: 14, doneOn: '2024-11-15', data: {} },
  { step: 15, doneOn: '2024-11-20', data: { vote } },
  { step: 16, doneOn: '2024-12-01', data: {} },
  { step: 17, doneOn: '2024-12-20', data: { approved: true } },
  { step: 18, doneOn: '2024-12-25', data: {} },
  { step: 19, doneOn: '2024-12-25', data: {} },
  { step: 20, doneOn: '2025-01-10', data: {} },
  { step: 21, doneOn: '2025-06-01', data: {} },
  { step: 22, doneOn: '2025-11-01', data: {} },
  { step: 23, doneOn: '2025-11-21', data: { vote, outcome: 'convert' } },
  { step: 24, doneOn: '2025-12-10', data: { approved: true } },
  { step: 25, doneOn: '2025-12-20', data: {} },
];

/** The case just before `step` is recorded (its earlier records, and the status they lead to). */
function before(step: number, overrides: Partial<CaseState> = {}): CaseState {
  const index = path.findIndex((r) => r.step === step);
  const records = path.slice(0, index);
  const status = records.some((r) => r.step === 24) ? 'converted' : records.some((r) => r.step === 17) ? 'admitted' : 'active';
  return { birthDate: '1995-05-05', status, records, ...overrides };
}
const recordOf = (step: number) => path.find((r) => r.step === step) as StepRecord;
const rulesOf = (state: CaseState, step: number, data: StepData, on: string) => checkStep(state, step, data, on).map((f) => [f.rule, f.severity]);

describe('working days for the public notice, by the State Council holiday calendar (chinese-days)', () => {
  it('skips the 2026 National Day holiday: 28 September to 9 October has 5 working days, 29 September to 8 October only 3', () => {
    expect(workingDaysBetween('2026-09-28', '2026-10-09')).toBe(5);
    expect(workingDaysBetween('2026-09-29', '2026-10-08')).toBe(3);
  });

  it('counts the make-up working Saturday 10 October 2026 and Sunday 20 September 2026 (调休上班)', () => {
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false);
    // Thursday 8 to Monday 12 October: Thu, Fri, the make-up Saturday and Monday.
    expect(workingDaysBetween('2026-10-08', '2026-10-12')).toBe(4);
  });

  it('skips the 2026 Spring Festival (15–23 February) and counts Saturday 14 February: 5 working days from 12 February end on the 25th', () => {
    expect(workingDaysBetween('2026-02-12', '2026-02-24')).toBe(4);
    expect(workingDaysEnd('2026-02-12', 5)).toBe('2026-02-25');
    expect(workingDaysEnd('2026-10-01', 1)).toBe('2026-10-08');
  });

  describe('in a time zone west of UTC', () => {
    const zone = process.env.TZ;
    afterEach(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });
    it('still reads the calendar date it was given', () => {
      process.env.TZ = 'America/Los_Angeles';
      expect(isWorkingDay('2026-10-10')).toBe(true);
      expect(isWorkingDay('2026-10-01')).toBe(false);
      expect(workingDaysBetween('2026-09-28', '2026-10-09')).toBe(5);
    });
  });

  it('knows which years the calendar covers', () => {
    expect(holidayCalendarCovers(2026)).toBe(true);
    expect(holidayCalendarCovers(2100)).toBe(false);
  });
});

describe('the order of the 25 steps (党章 第五条；发展党员工作细则)', () => {
  it('defines 25 steps in five phases', () => {
    expect(developmentStepDefinitions).toHaveLength(25);
    expect(developmentStepDefinitions.map((d) => d.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(new Set(developmentStepDefinitions.map((d) => d.phase)).size).toBe(5);
  });

  it('accepts every step of a case that keeps every rule', () => {
    for (const record of path) {
      const blocks = checkStep(before(record.step), record.step, record.data, record.doneOn).filter((f) => f.severity === 'block');
      expect(blocks, `step ${record.step}`).toEqual([]);
    }
  });

  it('refuses a step whose predecessor is missing or dated later, and a one-off step twice', () => {
    expect(rulesOf(before(7), 8, recordOf(8).data, '2024-09-20')).toContainEqual(['procedure.order', 'block']);
    expect(rulesOf(before(8), 8, recordOf(8).data, '2024-09-14')).toContainEqual(['procedure.order', 'block']);
    expect(rulesOf(before(9), 8, recordOf(8).data, '2024-09-21')).toContainEqual(['procedure.once', 'block']);
  });

  it('refuses any step once the case is stopped, and all but archiving once converted', () => {
    expect(rulesOf(before(4, { status: 'stopped' }), 4, {}, '2023-09-10')).toContainEqual(['procedure.closed', 'block']);
    expect(rulesOf(before(25), 21, {}, '2025-12-15')).toContainEqual(['procedure.closed', 'block']);
  });
});

describe('time rules of 发展党员工作细则 (2014)', () => {
  it('refuses an application at 17 and accepts it on the 18th birthday (党章 第一条；细则 第五条)', () => {
    const young = { birthDate: '2008-05-05', status: 'active' as const, records: [] };
    const [finding] = checkStep(young, 1, {}, '2026-05-04');
    expect(finding).toMatchObject({ rule: 'minAge', severity: 'block', source: expect.stringContaining('第五条') });
    expect(finding?.message).toContain('17 周岁');
    expect(checkStep(young, 1, {}, '2026-05-05')).toEqual([]);
  });

  it('warns when the talk comes more than a month after the application (细则 第七条)', () => {
    expect(rulesOf(before(2), 2, {}, '2023-04-02')).toEqual([['applicantTalk', 'warn']]);
    expect(rulesOf(before(2), 2, {}, '2023-04-01')).toEqual([]);
  });

  it('refuses a candidate decision less than a year after the activist decision (细则 第十三条)', () => {
    const findings = checkStep(before(7), 7, {}, '2024-09-09');
    expect(findings.map((f) => f.rule)).toContain('activistPeriod');
    expect(findings.find((f) => f.rule === 'activistPeriod')?.message).toContain('2024-09-10');
    expect(rulesOf(before(7), 7, {}, '2024-09-10')).toEqual([]);
  });

  it('warns when an activist went more than six months without an assessment', () => {
    const withoutSecond = before(7, { records: before(7).records.filter((r) => r.doneOn !== '2024-09-01') });
    expect(rulesOf(withoutSecond, 7, {}, '2024-09-15')).toEqual([['activistReview', 'warn']]);
  });

  it('refuses one contact too many or a probationary contact', () => {
    expect(rulesOf(before(5), 5, { contacts: [full('甲'), full('乙'), full('丙')] }, '2023-09-12')).toEqual([['contacts', 'block']]);
    expect(rulesOf(before(5), 5, { contacts: [{ ...full('甲'), category: 'probationary' }] }, '2023-09-12')).toEqual([['contacts', 'block']]);
  });

  it('refuses missing sponsors, a probationary sponsor and one under 留党察看 (党章 第五条；细则 第十四条)', () => {
    const state = before(8);
    expect(rulesOf(state, 8, {}, '2024-09-20')).toEqual([['sponsors.count', 'block']]);
    expect(rulesOf(state, 8, { sponsors: [full('甲')] }, '2024-09-20')).toEqual([['sponsors.count', 'block']]);
    expect(rulesOf(state, 8, { sponsors: [full('甲'), { ...full('乙'), category: 'probationary' }] }, '2024-09-20')).toEqual([['sponsors.full', 'block']]);
    expect(rulesOf(state, 8, { sponsors: [full('甲'), { ...full('乙'), underDiscipline: true }] }, '2024-09-20')).toEqual([['sponsors.discipline', 'block']]);
    expect(checkStep(state, 8, {}, '2024-09-20')[0]?.source).toContain('第十四条');
  });

  it('refuses the branch committee review without a passed political review (细则 第十六条)', () => {
    const records = before(12).records;
    const noReview = { ...before(12), records: records.filter((r) => r.step !== 9) };
    expect(rulesOf(noReview, 12, {}, '2024-11-01')).toEqual([['politicalReview', 'block']]);
    const failed = { ...before(12), records: records.map((r) => (r.step === 9 ? { ...r, data: { reviewPassed: false } } : r)) };
    expect(rulesOf(failed, 12, {}, '2024-11-01')).toEqual([['politicalReview', 'block']]);
    expect(checkStep(noReview, 12, {}, '2024-11-01')[0]?.source).toContain('第十六条');
  });

  it('refuses a public notice shorter than 5 working days across the National Day holiday (local rule)', () => {
    const short = { notice: { startOn: '2026-09-29', endOn: '2026-10-08' } };
    const [finding] = checkStep(before(10), 10, short, '2026-10-08');
    expect(finding).toMatchObject({ rule: 'publicNotice', severity: 'block', field: 'data.notice' });
    expect(finding?.message).toContain('只有 3 个工作日');
    // The fifth working day is the make-up Saturday.
    expect(finding?.message).toContain('应至少公示至 2026-10-10');
    expect(finding?.source).toContain('5 个工作日');
    expect(rulesOf(before(10), 10, { notice: { startOn: '2026-09-29', endOn: '2026-10-10' } }, '2026-10-10')).toEqual([]);
  });

  it('refuses a notice recorded before it ends, and warns when the calendar does not know the year', () => {
    expect(rulesOf(before(10), 10, { notice: { startOn: '2026-09-28', endOn: '2026-10-09' } }, '2026-10-08')).toEqual([['publicNotice', 'block']]);
    expect(rulesOf(before(10), 10, { notice: { startOn: '2100-03-01', endOn: '2100-03-05' } }, '2100-03-05')).toEqual([['publicNotice.calendar', 'warn']]);
  });

  it('refuses concentrated training under 3 days and under 24 class hours (细则 第十七条)', () => {
    expect(rulesOf(before(11), 11, { training: { days: 2, hours: 16 } }, '2024-10-25')).toEqual([['training', 'block']]);
    expect(rulesOf(before(11), 11, {}, '2024-10-25')).toEqual([['training', 'block']]);
    expect(rulesOf(before(11), 11, { training: { hours: 24 } }, '2024-10-25')).toEqual([]);
    expect(checkStep(before(11), 11, {}, '2024-10-25')[0]?.source).toContain('第十七条');
  });

  describe('votes of the branch general meeting (细则 第二十条、第二十一条)', () => {
    const on = '2024-11-20';
    it('refuses a vote without more than half of those entitled present', () => {
      expect(rulesOf(before(15), 15, { vote: { ...vote, entitled: 10, present: 5, yes: 5 } }, on)).toEqual([
        ['vote.quorum', 'block'],
        ['vote.pass', 'block'],
      ]);
    });

    it('refuses a motion whose yes votes are a majority of those present but not more than half of those entitled', () => {
      expect(rulesOf(before(15), 15, { vote: { ...vote, entitled: 10, present: 8, yes: 5, no: 3 } }, on)).toEqual([['vote.pass', 'block']]);
    });

    it('counts the written opinions of absent voters', () => {
      expect(rulesOf(before(15), 15, { vote: { entitled: 10, present: 6, yes: 6, no: 0, abstain: 0, written: 1 } }, on)).toEqual([]);
      expect(rulesOf(before(15), 15, { vote: { entitled: 10, present: 6, yes: 8, no: 0, abstain: 0, written: 1 } }, on)).toContainEqual([
        'vote.counts',
        'block',
      ]);
    });

    it('refuses a meeting without a recorded vote and warns when more are entitled than the branch has full members', () => {
      expect(rulesOf(before(15), 15, {}, on)).toEqual([['vote', 'block']]);
      expect(rulesOf(before(15, { branchFullMembers: 7 }), 15, { vote }, on)).toEqual([['vote.entitled', 'warn']]);
    });
  });

  it('warns when a candidate leaves the unit within three months (细则 第十九条)', () => {
    expect(rulesOf(before(15, { expectedLeaveOn: '2025-01-31' }), 15, { vote }, '2024-11-20')).toEqual([['leavingUnit', 'warn']]);
    expect(rulesOf(before(15, { expectedLeaveOn: '2025-03-01' }), 15, { vote }, '2024-11-20')).toEqual([]);
  });

  it('refuses an approval more than 3 months after the vote without a reason, and any after 6 months', () => {
    const state = before(17);
    expect(rulesOf(state, 17, { approved: true }, '2025-02-20')).toEqual([]);
    expect(rulesOf(state, 17, { approved: true }, '2025-02-21')).toEqual([['admissionApproval', 'block']]);
    expect(rulesOf(state, 17, { approved: true, delayReason: '党委换届' }, '2025-05-20')).toEqual([]);
    expect(rulesOf(state, 17, { approved: true, delayReason: '党委换届' }, '2025-05-21')).toEqual([['admissionApproval', 'block']]);
    expect(rulesOf(state, 17, {}, '2024-12-20')).toEqual([['procedure.data', 'block']]);
  });

  it('refuses a conversion vote before one year from the admission vote, not from the oath (党章 第七条；细则 第三十二条)', () => {
    const state = before(23);
    expect(probationEndOf(state)).toBe('2025-11-20');
    const [finding] = checkStep(state, 23, { vote, outcome: 'convert' }, '2025-11-19');
    expect(finding).toMatchObject({ rule: 'probation', severity: 'block', source: expect.stringContaining('第三十二条') });
    expect(rulesOf(state, 23, { vote, outcome: 'convert' }, '2025-11-20')).toEqual([]);
    expect(rulesOf(state, 23, { vote }, '2025-11-20')).toEqual([['probation', 'block']]);
  });

  it('extends probation by 6 to 12 months, once (细则 第三十二条)', () => {
    const state = before(23);
    expect(rulesOf(state, 23, { vote, outcome: 'extend', extensionMonths: 3 }, '2025-11-21')).toEqual([['extension', 'block']]);
    const extended: StepRecord[] = [
      ...state.records,
      { step: 23, doneOn: '2025-11-21', data: { vote, outcome: 'extend', extensionMonths: 6 } },
      { step: 24, doneOn: '2025-12-10', data: { approved: true } },
    ];
    const again = { ...state, records: extended };
    expect(probationEndOf(again)).toBe('2026-05-20');
    expect(rulesOf(again, 23, { vote, outcome: 'convert' }, '2026-05-19')).toEqual([['probation', 'block']]);
    expect(rulesOf(again, 23, { vote, outcome: 'extend', extensionMonths: 6 }, '2026-05-21')).toEqual([['extension', 'block']]);
    expect(rulesOf(again, 23, { vote, outcome: 'convert' }, '2026-05-21')).toEqual([]);
  });

  it('refuses an approval with no conversion vote waiting for it', () => {
    expect(rulesOf(before(25), 24, { approved: true }, '2025-12-15')).toContainEqual(['procedure.order', 'block']);
  });
});

describe('what a step changes', () => {
  it('admits on approval, joined on the general meeting’s date, with one year of probation from it', () => {
    expect(effectOf(before(17), recordOf(17))).toEqual({
      stage: 'probationary',
      status: 'admitted',
      admit: { joinedOn: '2024-11-20', probationEndsOn: '2025-11-20' },
    });
    expect(effectOf(before(17), { ...recordOf(17), data: { approved: false } })).toEqual({ status: 'stopped' });
  });

  it('converts on the day probation ended, extends it, or cancels it once the upper committee approves', () => {
    const withVote = (outcome: 'convert' | 'extend' | 'cancel') => ({
      ...before(24),
      records: [...before(23).records, { step: 23, doneOn: '2025-11-21', data: { vote, outcome, extensionMonths: 12 } }],
    });
    expect(effectOf(withVote('convert'), recordOf(24))).toEqual({ stage: 'full', status: 'converted', convert: { fullOn: '2025-11-20' } });
    expect(effectOf(withVote('extend'), recordOf(24))).toEqual({ extend: { months: 12, probationEndsOn: '2026-11-20' } });
    expect(effectOf(withVote('cancel'), recordOf(24))).toEqual({ status: 'cancelled', cancel: true });
    expect(effectOf(withVote('convert'), { ...recordOf(24), data: { approved: false } })).toEqual({});
  });
});

describe('due dates and overdue steps', () => {
  const statusOf = (state: CaseState, today: string, step: number) => stepSchedule(state, today)[step - 1];

  it('makes the talk due a month after the application and overdue after', () => {
    expect(statusOf(before(2), '2023-03-15', 2)).toMatchObject({ status: 'due', dueOn: '2023-04-01' });
    expect(statusOf(before(2), '2023-04-02', 2)).toMatchObject({ status: 'overdue', dueOn: '2023-04-01' });
    expect(statusOf(before(2), '2023-04-02', 3)).toMatchObject({ status: 'due', dueOn: null });
    expect(statusOf(before(2), '2023-04-02', 4)).toMatchObject({ status: 'notYet' });
  });

  it('asks for an activist assessment every six months and holds the candidate decision for a year', () => {
    const state = before(7);
    expect(statusOf(state, '2024-09-05', 6)).toMatchObject({ status: 'done', dueOn: '2025-03-01' });
    expect(statusOf(state, '2025-03-02', 6)).toMatchObject({ status: 'overdue', dueOn: '2025-03-01' });
    const young = { ...state, records: state.records.filter((r) => r.doneOn < '2024-09-01') };
    expect(statusOf(young, '2024-08-01', 7)).toMatchObject({ status: 'waiting', earliestOn: '2024-09-10' });
    expect(nextDueOf(stepSchedule(young, '2024-08-01'))).toEqual({ step: 6, dueOn: '2024-09-05' });
  });

  it('makes the approval overdue three months after the vote', () => {
    expect(statusOf(before(17), '2025-02-21', 17)).toMatchObject({ status: 'overdue', dueOn: '2025-02-20' });
  });

  it('opens the conversion vote when probation ends and asks for it again after an extension', () => {
    const state = before(23);
    expect(statusOf(state, '2025-11-10', 23)).toMatchObject({ status: 'waiting', earliestOn: '2025-11-20', dueOn: '2025-12-20' });
    expect(statusOf(state, '2025-12-21', 23)).toMatchObject({ status: 'overdue' });
    const extended = {
      ...state,
      records: [
        ...state.records,
        { step: 23, doneOn: '2025-11-21', data: { vote, outcome: 'extend' as const, extensionMonths: 6 } },
        { step: 24, doneOn: '2025-12-10', data: { approved: true } },
      ],
    };
    const schedule = stepSchedule(extended, '2026-01-10');
    expect(schedule[21]).toMatchObject({ status: 'due', dueOn: '2026-05-20' });
    expect(schedule[22]).toMatchObject({ status: 'waiting', earliestOn: '2026-05-20' });
    expect(schedule[23]).toMatchObject({ status: 'done' });
  });

  it('shows a converted case done but for its archiving', () => {
    const schedule = stepSchedule(before(25), '2025-12-15');
    expect(schedule.filter((s) => s.status !== 'done').map((s) => [s.number, s.status])).toEqual([[25, 'due']]);
  });
});
