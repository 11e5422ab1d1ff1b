import { developmentData } from '@hangbiao/datagen/development';
import type { DuesOptions } from '@hangbiao/datagen/dues';
import { type GenerateOptions, generate } from '@hangbiao/datagen/generate';
import type { MeetingOptions } from '@hangbiao/datagen/meetings';
import { memberBatches } from '@hangbiao/datagen/members';
import type { Size } from '@hangbiao/datagen/rows';
import { demoTransfers } from '@hangbiao/datagen/transfers';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { sql } from 'drizzle-orm';
import { personValues, registryValues } from '../modules/members/members.service';
import { loadDues } from '../modules/members/members-dues-demo';
import { loadMeetings } from '../modules/orglife/orglife-demo';
import { refreshMissedRollup } from '../modules/orglife/orglife-missed.service';
import { pinyinKeys } from '../platform/pinyin';
import type { Sealer } from '../platform/secrets';
import type { Db } from './client';
import { developmentCases, developmentStepRecords, memberEvents, members, orgEvents, orgPosts, orgs, orgUnits, orgVersions, transfers, units } from './schema';

export interface SeedResult {
  committeeId: string;
  rootOrgId: string;
  sample: { unitCommitteeOrgId: string; branchOrgId: string; otherUnitCommitteeOrgId: string };
  counts: { units: number; orgs: number; members: number; posts: number; events: number; meetings: number; attendance: number };
}

export interface SeedOptions extends Omit<GenerateOptions, 'members'> {
  /**
   * Meetings of organisational life: by default the last 13 months with attendance for the last one, which keeps the
   * seed quick for tests; `{}` gives every meeting its attendance (the full demo and the bench); false, none.
   */
  meetings?: MeetingOptions | false;
  /** Months of Party dues: by default the last 3 (quick for tests); `demoDues` for the demo and the bench; false, none. */
  dues?: DuesOptions | false;
}

const testDues: DuesOptions = { months: 3 };

/**
 * A year of dues for the demo; two years (the generator's default) for the command-line seed and the bench, at city
 * size: a province's million members would make 24 million payments, so it is seeded without dues.
 */
export const demoDues: DuesOptions = { months: 12 };
export const fullDues = (size: Size): DuesOptions | false => (size === 'province' ? false : {});

const testMeetings: MeetingOptions = { months: 13, attendanceMonths: 1 };

/**
 * Meetings at full scale, for the command-line seed and the bench: a city's five years with every attendance row
 * (about 66,000 meetings and 1.1 million rows); a province's last 13 months without attendance (the compliance
 * matrix reads meetings only, and a province's five years of attendance would be a hundred million rows).
 */
export const fullMeetings = (size: Size): MeetingOptions => (size === 'province' ? { months: 13, attendanceMonths: 0 } : {});

/** The demo a person starts: five years of meetings, attendance for the last 6 months (all of it adds minutes on PGlite). */
export const demoMeetings: MeetingOptions = { months: 60, attendanceMonths: 6 };

// About 1,000 rows per statement keeps every insert well under PostgreSQL's 65,535 bind parameters.
const batchSize = 1000;

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
}

/** Loads a generated committee (units, org tree, history, posts, members) in one transaction. */
export async function seed(db: Db, sealer: Sealer, options: SeedOptions): Promise<SeedResult> {
  const { meetings: meetingOptions = testMeetings, dues: duesOptions = testDues, ...generateOptions } = options;
  const data = generate({ ...generateOptions, today: generateOptions.today ?? shanghaiDate(new Date()) });
  let memberCount = 0;
  let meetingCount = 0;
  let attendanceCount = 0;
  // Generated names repeat across a large registry: each is romanized once.
  const keysOf = new Map<string, ReturnType<typeof pinyinKeys>>();
  const pinyinOf = (name: string) => keysOf.get(name) ?? keysOf.set(name, pinyinKeys(name)).get(name);
  await db.transaction(async (tx) => {
    for (const rows of batches(data.units)) await tx.insert(units).values(rows);
    for (const rows of batches(data.orgs)) await tx.insert(orgs).values(rows);
    for (const rows of batches(data.orgUnits)) await tx.insert(orgUnits).values(rows);
    for (const rows of batches(data.orgVersions)) await tx.insert(orgVersions).values(rows);
    for (const rows of batches(data.orgEvents)) await tx.insert(orgEvents).values(rows);
    for (const rows of batches(data.orgPosts)) await tx.insert(orgPosts).values(rows);
    for (const rows of memberBatches(data, batchSize)) {
      await tx.insert(members).values(
        rows.map(({ id, committeeId, orgId, category, status, statusSince, ...fields }) => ({
          id,
          committeeId,
          orgId,
          category,
          status,
          statusSince,
          ...registryValues(sealer, fields, pinyinOf(fields.name)),
        })),
      );
      memberCount += rows.length;
    }
    // The registry's history: transfers in every state, and development cases at every stage linked to their members.
    const moved = demoTransfers(data);
    for (const rows of batches(moved.transfers)) await tx.insert(transfers).values(rows);
    for (const rows of batches(moved.memberEvents)) await tx.insert(memberEvents).values(rows);
    // One statement per batch: a province moves tens of thousands of members out.
    for (const rows of batches(moved.transferredOut)) {
      const ids = `{${rows.map((r) => r.memberId).join(',')}}`;
      const since = `{${rows.map((r) => r.statusSince).join(',')}}`;
      await tx.execute(sql`update members m set status = 'transferredOut', status_since = v.since
        from unnest(${ids}::uuid[], ${since}::date[]) as v(id, since) where m.id = v.id`);
    }
    const development = developmentData(data);
    for (const rows of batches(development.cases)) {
      await tx
        .insert(developmentCases)
        .values(rows.map(({ idNumber, phone, name, ...rest }) => ({ ...rest, ...personValues(sealer, { name, idNumber, phone }, pinyinOf(name)) })));
    }
    for (const rows of batches(development.steps)) await tx.insert(developmentStepRecords).values(rows);
    if (duesOptions) await loadDues(tx, data, duesOptions);
    if (meetingOptions) ({ meetings: meetingCount, attendance: attendanceCount } = await loadMeetings(tx, data, meetingOptions));
  });
  // Statistics for the planner at once: PGlite runs no autovacuum, and plans over freshly loaded tables go wrong by 100×.
  await db.execute(sql`analyze`);
  // The missed-requirements rollup judged now, as the server's job would within a minute of starting.
  await refreshMissedRollup(db, data.today);
  return {
    committeeId: data.committeeId,
    rootOrgId: data.committeeId,
    sample: data.sample,
    counts: {
      units: data.units.length,
      orgs: data.orgs.length,
      members: memberCount,
      posts: data.orgPosts.length,
      events: data.orgEvents.length,
      meetings: meetingCount,
      attendance: attendanceCount,
    },
  };
}
