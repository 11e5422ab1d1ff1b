import { addDays } from '@hangbiao/shared/dates';
import type { Education, Ethnicity, JobPost, MemberStatus } from '@hangbiao/shared/glossary';
import { makeIdNumber } from '@hangbiao/shared/id-number';
import { personName } from './names';
import { idEpoch, Rng, uuid7 } from './random';
import type { Dataset, MemberRow, Roster } from './rows';

/**
 * An ID number unique among the first ten million members: the member's sequence fills the region code and
 * the three-digit suffix. Region codes starting 99 belong to no province, so none can be a real person's.
 */
function idNumberOf(seq: number, birthDate: string): string {
  return makeIdNumber(`99${String(Math.floor(seq / 1000) % 10_000).padStart(4, '0')}`, birthDate, seq % 1000);
}
const educationMix: [Education, number][] = [
  ['master', 0.12],
  ['doctorate', 0.01],
  ['bachelor', 0.62],
  ['associate', 0.17],
  ['technical', 0.04],
  ['highSchool', 0.03],
  ['belowHighSchool', 0.01],
];
// The north-east's largest minorities after the Han.
const ethnicityMix: [Ethnicity, number][] = [
  ['han', 0.93],
  ['manchu', 0.04],
  ['korean', 0.01],
  ['hui', 0.01],
  ['mongol', 0.01],
];
const jobPostMix: [JobPost, number][] = [
  ['civilServant', 0.62],
  ['referencedStaff', 0.14],
  ['institutionManager', 0.08],
  ['professional', 0.07],
  ['worker', 0.05],
  ['retired', 0.04],
];
const ranks = ['科员', '一级科员', '四级主任科员', '三级主任科员', '二级主任科员', '一级主任科员', '四级调研员', '副科长', '科长', '副局长'];
const statusMix: [MemberStatus, number][] = [
  ['active', 0.975],
  ['mobile', 0.012],
  ['lostContact', 0.004],
  ['suspended', 0.002],
  ['deceased', 0.007],
];

function weighted<T>(rng: Rng, mix: readonly [T, number][]): T {
  let roll = rng.next();
  for (const [value, weight] of mix) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (mix[0] as [T, number])[0];
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const clampBefore = (date: string, limit: string) => (date < limit ? date : addDays(limit, -1));

/** The rows of one roster, full members first; the same roster always yields the same rows. */
export function* rosterMembers(roster: Roster, committeeId: string, today: string, epoch: number): Generator<MemberRow> {
  const rng = new Rng(roster.seed);
  const total = roster.full + roster.probationary;
  const thisYear = yearOf(today);
  for (let i = 0; i < total; i++) {
    const seq = roster.firstSeq + i;
    const id = uuid7(epoch + seq, rng);
    const probationary = i >= roster.full;
    const jobPost = weighted(rng, jobPostMix);
    const age = jobPost === 'retired' ? rng.int(60, 78) : probationary ? rng.int(23, 35) : rng.int(24, 59);
    const birthDate = addDays(`${thisYear - age}-01-01`, rng.int(0, 364));
    const idNumber = idNumberOf(seq, birthDate);
    // Probationary members joined within the last year; full members at 20 or later, converted a year on.
    const joinedOn = probationary
      ? addDays(today, -rng.int(10, 360))
      : clampBefore(addDays(`${yearOf(birthDate) + rng.int(20, Math.max(21, age - 1))}-01-01`, rng.int(0, 364)), addDays(today, -400));
    const status = probationary ? 'active' : weighted(rng, statusMix);
    yield {
      id,
      committeeId,
      orgId: roster.orgId,
      name: personName(rng),
      gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
      ethnicity: weighted(rng, ethnicityMix),
      birthDate,
      idNumber,
      education: weighted(rng, educationMix),
      category: probationary ? 'probationary' : 'full',
      joinedOn,
      fullOn: probationary ? null : addDays(joinedOn, 365),
      jobPost,
      rank: jobPost === 'civilServant' || jobPost === 'referencedStaff' ? rng.pick(ranks) : null,
      phone: `1${rng.pick(['39', '58', '86', '35', '88'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
      status,
      statusSince: status === 'active' ? joinedOn : addDays(today, -rng.int(30, 700)),
    };
  }
}

/** All member rows of a data set in batches, generated lazily. */
export function* memberBatches(dataset: Dataset, batchSize = 1000): Generator<MemberRow[]> {
  const epoch = idEpoch(dataset.today);
  let batch: MemberRow[] = [];
  for (const roster of dataset.rosters) {
    for (const row of rosterMembers(roster, dataset.committeeId, dataset.today, epoch)) {
      batch.push(row);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
