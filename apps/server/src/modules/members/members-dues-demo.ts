import { type DuesOptions, duesBatches } from '@hangbiao/datagen/dues';
import type { Dataset } from '@hangbiao/datagen/rows';
import type { Db } from '../../db/client';
import { duesBases, duesPayments, duesReliefs } from './members-dues.tables';

// About 1,000 rows per statement keeps every insert well under PostgreSQL's 65,535 bind parameters.
const batchSize = 1000;

async function insertAll<T>(rows: readonly T[], insert: (rows: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += batchSize) await insert(rows.slice(i, i + batchSize));
}

/**
 * The generated dues of a data set's members (bases, approved reliefs, months of payments with realistic arrears),
 * loaded batch by batch inside the caller's transaction, after the members themselves.
 */
export async function loadDues(db: Db, dataset: Dataset, options: DuesOptions = {}) {
  const counts = { bases: 0, reliefs: 0, payments: 0 };
  for (const batch of duesBatches(dataset, options)) {
    await insertAll(batch.bases, (rows) => db.insert(duesBases).values(rows));
    await insertAll(batch.reliefs, (rows) => db.insert(duesReliefs).values(rows));
    await insertAll(batch.payments, (rows) => db.insert(duesPayments).values(rows));
    counts.bases += batch.bases.length;
    counts.reliefs += batch.reliefs.length;
    counts.payments += batch.payments.length;
  }
  return counts;
}
