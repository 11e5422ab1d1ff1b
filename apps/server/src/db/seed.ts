import { type GenerateOptions, generate } from '@hangbiao/datagen/generate';
import { memberBatches } from '@hangbiao/datagen/members';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { registryValues } from '../modules/members/members.service';
import { pinyinKeys } from '../platform/pinyin';
import type { Sealer } from '../platform/secrets';
import type { Db } from './client';
import { members, orgEvents, orgPosts, orgs, orgUnits, orgVersions, units } from './schema';

export interface SeedResult {
  committeeId: string;
  rootOrgId: string;
  sample: { unitCommitteeOrgId: string; branchOrgId: string; otherUnitCommitteeOrgId: string };
  counts: { units: number; orgs: number; members: number; posts: number; events: number };
}

// About 1,000 rows per statement keeps every insert well under PostgreSQL's 65,535 bind parameters.
const batchSize = 1000;

function* batches<T>(rows: readonly T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
}

/** Loads a generated committee (units, org tree, history, posts, members) in one transaction. */
export async function seed(db: Db, sealer: Sealer, options: Omit<GenerateOptions, 'members'>): Promise<SeedResult> {
  const data = generate({ ...options, today: options.today ?? shanghaiDate(new Date()) });
  let memberCount = 0;
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
  });
  return {
    committeeId: data.committeeId,
    rootOrgId: data.committeeId,
    sample: data.sample,
    counts: { units: data.units.length, orgs: data.orgs.length, members: memberCount, posts: data.orgPosts.length, events: data.orgEvents.length },
  };
}
