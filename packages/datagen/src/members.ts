import { personName } from './names';
import { idEpoch, Rng, uuid7 } from './random';
import type { Dataset, MemberRow, Roster } from './rows';

/** The rows of one roster, full members first; the same roster always yields the same rows. */
export function* rosterMembers(roster: Roster, committeeId: string, epoch: number): Generator<MemberRow> {
  const rng = new Rng(roster.seed);
  const total = roster.full + roster.probationary;
  for (let i = 0; i < total; i++) {
    const id = uuid7(epoch + roster.firstSeq + i, rng);
    yield { id, committeeId, orgId: roster.orgId, name: personName(rng), category: i < roster.full ? 'full' : 'probationary' };
  }
}

/** All member rows of a data set in batches, generated lazily. */
export function* memberBatches(dataset: Dataset, batchSize = 1000): Generator<MemberRow[]> {
  const epoch = idEpoch(dataset.today);
  let batch: MemberRow[] = [];
  for (const roster of dataset.rosters) {
    for (const row of rosterMembers(roster, dataset.committeeId, epoch)) {
      batch.push(row);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
