import type { StepData, StepDocument } from '@hangbiao/shared/contracts/development';
import { addDays, addMonthsToDate } from '@hangbiao/shared/dates';
import type { DevelopmentStage, DevelopmentStatus, Education, Ethnicity, Gender, JobPost } from '@hangbiao/shared/glossary';
import { makeIdNumber } from '@hangbiao/shared/id-number';
import {
  type CaseState,
  developmentRuleOn,
  effectOf,
  nextDueOf,
  probationEndOf,
  type StepRecord,
  stepDefinition,
  stepSchedule,
  workingDaysEnd,
} from '@hangbiao/shared/rules';
import { rosterMembers } from './members';
import { personName } from './names';
import { idEpoch, mixSeed, Rng, uuid7 } from './random';
import type { Dataset, MemberRow, Roster } from './rows';
import { demoTransfers } from './transfers';

/** A development case in plain text: the server seals the ID number and phone and adds pinyin keys when loading it. */
export interface DevelopmentCaseRow {
  id: string;
  committeeId: string;
  orgId: string;
  name: string;
  gender: Gender;
  ethnicity: Ethnicity;
  birthDate: string;
  idNumber: string;
  education: Education;
  jobPost: JobPost;
  phone: string | null;
  appliedOn: string;
  stage: DevelopmentStage;
  status: DevelopmentStatus;
  memberId: string | null;
  probationEndsOn: string | null;
  nextDueOn: string | null;
  nextDueStep: number | null;
  closedOn: string | null;
}

export interface DevelopmentStepRow {
  id: string;
  committeeId: string;
  caseId: string;
  seq: number;
  step: number;
  doneOn: string;
  orgId: string;
  documents: StepDocument[];
  note: null;
  data: StepData;
}

export interface DevelopmentSet {
  cases: DevelopmentCaseRow[];
  steps: DevelopmentStepRow[];
}

/**
 * When each step is done, in days from the general meeting's vote (step 15), on a timetable that keeps every rule:
 * a talk within the month, a year and more as an activist with assessments under six months apart, the notice
 * of five working days, approval within three months. Steps 22–25 follow the end of probation instead.
 */
const before15: Record<number, number> = { 1: -630, 2: -611, 3: -442, 4: -437, 5: -435, 7: -66, 8: -61, 9: -56, 11: -40, 12: -19, 13: -10, 14: -5 };
const assessments = [-260, -90];
const noticeStart = -54;
const after15: Record<number, number> = { 16: 11, 17: 30, 18: 35, 19: 35, 20: 51, 21: 193 };
const afterProbation: Record<number, number> = { 22: -19, 23: 1, 24: 20, 25: 30 };

const documents: Record<number, string> = {
  1: '入党申请书',
  2: '谈话记录',
  4: '支委会会议记录',
  7: '发展对象备案表',
  9: '政治审查报告',
  10: '公示材料',
  11: '培训结业证书',
  14: '入党志愿书',
  15: '支部大会记录',
  17: '上级党委审批意见',
  22: '转正申请书',
  23: '支部大会记录',
  24: '上级党委审批意见',
};

/**
 * The records of a case whose general meeting voted on `vote`, up to `today` and up to step `last`. A member
 * already in the registry as probationary was approved: the talk and approval are then dated today at the latest.
 */
function timetable(vote: string, today: string, voters: number, sponsors: MemberRow[], last = 25): StepRecord[] {
  const dated: { step: number; doneOn: string; data: StepData }[] = [];
  const person = (m: MemberRow) => ({ memberId: m.id, name: m.name, category: m.category, underDiscipline: false });
  const tally = { entitled: voters, present: Math.max(1, voters - 1), yes: Math.max(1, voters - 1), no: 0, abstain: 0, written: 0 };
  for (let step = 1; step <= 21; step++) {
    if (step === 6) {
      for (const days of assessments) dated.push({ step, doneOn: addDays(vote, days), data: {} });
      continue;
    }
    if (step === 10) {
      const startOn = addDays(vote, noticeStart);
      const rule = developmentRuleOn('publicNotice', startOn);
      const endOn = workingDaysEnd(startOn, rule?.workingDays ?? 5);
      dated.push({ step, doneOn: endOn, data: { notice: { startOn, endOn } } });
      continue;
    }
    const days = before15[step] ?? after15[step] ?? 0;
    const data: StepData =
      step === 5
        ? { contacts: sponsors.slice(0, 1).map(person) }
        : step === 8
          ? { sponsors: sponsors.map(person) }
          : step === 9
            ? { reviewPassed: true }
            : step === 11
              ? { training: { days: 3 } }
              : step === 15
                ? { vote: tally }
                : step === 17
                  ? { approved: true }
                  : {};
    const doneOn = addDays(vote, days);
    dated.push({ step, doneOn: (step === 16 || step === 17) && vote <= today && doneOn > today ? today : doneOn, data });
  }
  const probationEnds = addMonthsToDate(vote, developmentRuleOn('probation', vote)?.months ?? 12);
  for (const [step, days] of Object.entries(afterProbation)) {
    const n = Number(step);
    const data: StepData = n === 23 ? { vote: tally, outcome: 'convert' } : n === 24 ? { approved: true } : {};
    dated.push({ step: n, doneOn: addDays(probationEnds, days), data });
  }
  return dated.filter((r) => r.step <= last && r.doneOn <= today);
}

/** The stage, status and deadlines the rules give a case after its records, as the server keeps them. */
function standing(birthDate: string, records: StepRecord[], today: string) {
  let state: CaseState = { birthDate, status: 'active', records: [] };
  let stage: DevelopmentStage = 'applicant';
  let closedOn: string | null = null;
  for (const record of records) {
    const effect = effectOf(state, record);
    stage = effect.stage ?? stage;
    if (effect.status === 'converted') closedOn = record.doneOn;
    state = { ...state, status: effect.status ?? state.status, records: [...state.records, record] };
  }
  const next = nextDueOf(stepSchedule(state, today));
  return { stage, status: state.status, probationEndsOn: probationEndOf(state), nextDueOn: next?.dueOn ?? null, nextDueStep: next?.step ?? null, closedOn };
}

/** The unit committee above a branch: the upper committee whose steps (pre-review, talk, approval) it records. */
function upperOf(dataset: Dataset, orgId: string): string {
  const path = dataset.orgs.find((o) => o.id === orgId)?.path ?? '';
  const lineage = new Set(path.split('/').filter(Boolean));
  const above = dataset.orgs.filter((o) => lineage.has(o.id) && o.id !== orgId && (o.kind === 'unitCommittee' || o.kind === 'committee'));
  return above.sort((a, b) => b.depth - a.depth)[0]?.id ?? orgId;
}

/**
 * Development cases for the demo: in some branches people at every stage — applicants, activists and
 * candidates not yet in the registry, and the branch's probationary members and a few recently converted
 * ones with the whole record that led there. The same data set always gives the same cases.
 */
export function developmentData(dataset: Dataset, share = 0.25): DevelopmentSet {
  const { today, committeeId } = dataset;
  const epoch = idEpoch(today);
  const transferred = new Set(demoTransfers(dataset).transfers.map((t) => t.memberId));
  const cases: DevelopmentCaseRow[] = [];
  const steps: DevelopmentStepRow[] = [];
  let seq = 0;

  const add = (
    roster: Roster,
    rng: Rng,
    person: Omit<DevelopmentCaseRow, 'committeeId' | 'orgId' | 'appliedOn' | keyof ReturnType<typeof standing>>,
    records: StepRecord[],
  ) => {
    const first = records[0];
    if (!first) return;
    const upper = upperOf(dataset, roster.orgId);
    cases.push({ ...person, committeeId, orgId: roster.orgId, appliedOn: first.doneOn, ...standing(person.birthDate, records, today) });
    records.forEach((record, i) => {
      const name = documents[record.step];
      steps.push({
        id: uuid7(epoch + 50_000_000 + seq, rng),
        committeeId,
        caseId: person.id,
        seq: i + 1,
        step: record.step,
        doneOn: record.doneOn,
        orgId: stepDefinition(record.step).by === 'upper' ? upper : roster.orgId,
        documents: name ? [{ name }] : [],
        note: null,
        data: record.data,
      });
      seq += 1;
    });
  };

  for (const roster of dataset.rosters) {
    const rng = new Rng(mixSeed(roster.seed, 0x646576));
    if (!rng.chance(share) || roster.full < 3) continue;
    const people = [...rosterMembers(roster, committeeId, today, epoch)];
    const sponsors = people.filter((m) => m.category === 'full' && m.status === 'active').slice(0, 2);
    const voters = people.filter((m) => m.category === 'full' && m.status !== 'deceased').length;
    const fromMember = (m: MemberRow) => ({
      id: uuid7(epoch + 40_000_000 + cases.length, rng),
      name: m.name,
      gender: m.gender,
      ethnicity: m.ethnicity,
      birthDate: m.birthDate,
      idNumber: m.idNumber,
      education: m.education,
      jobPost: m.jobPost,
      phone: m.phone,
      memberId: m.id,
    });

    // The branch's probationary members, and one member converted within the last two years.
    for (const m of people.filter((p) => p.category === 'probationary' && !transferred.has(p.id)))
      add(roster, rng, fromMember(m), timetable(m.joinedOn, today, voters, sponsors));
    const converted = people.find(
      (p) =>
        p.category === 'full' &&
        p.status === 'active' &&
        !transferred.has(p.id) &&
        p.fullOn === addMonthsToDate(p.joinedOn, 12) &&
        p.joinedOn > addDays(today, -1000),
    );
    if (converted) add(roster, rng, fromMember(converted), timetable(converted.joinedOn, today, voters, sponsors));

    // Applicants, activists and candidates on schedule, and some stalled at a step while its deadlines pass.
    for (let n = rng.int(1, 3); n > 0; n--) {
      const stalled = rng.chance(0.5);
      const vote = addDays(today, stalled ? rng.int(-200, 600) : rng.int(5, 620));
      const last = stalled ? rng.int(1, 14) : 14;
      const age = rng.int(23, 35);
      const birthDate = addDays(`${Number(today.slice(0, 4)) - age}-01-01`, rng.int(0, 364));
      const idNumber = makeIdNumber(`98${String(cases.length % 10_000).padStart(4, '0')}`, birthDate, cases.length % 1000);
      add(
        roster,
        rng,
        {
          id: uuid7(epoch + 40_000_000 + cases.length, rng),
          name: personName(rng),
          gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
          ethnicity: 'han',
          birthDate,
          idNumber,
          education: rng.pick(['bachelor', 'master', 'associate'] as const),
          jobPost: rng.pick(['civilServant', 'referencedStaff', 'professional'] as const),
          phone: `1${rng.pick(['39', '58', '86'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
          memberId: null,
        },
        timetable(vote, today, voters, sponsors, last),
      );
    }
  }
  return { cases, steps };
}
