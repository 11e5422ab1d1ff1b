import { type MeetingOptions, meetingBatches } from '@hangbiao/datagen/meetings';
import type { Dataset } from '@hangbiao/datagen/rows';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/** A PostgreSQL array literal of text values, each quoted so commas, braces and quotes in names survive. */
function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

type Columns<T> = [column: string, type: string, value: (row: T) => string | null][];

/**
 * Inserts rows as one array parameter per column through unnest(): for the millions of generated attendance rows
 * this is about twice as fast as a multi-row VALUES insert on PGlite, and needs no bind-parameter batching.
 */
function insertUnnest<T>(table: string, columns: Columns<T>, rows: readonly T[]): SQL {
  const names = sql.raw(columns.map(([c]) => c).join(', '));
  const arrays = sql.join(
    columns.map(([, type, value]) => sql`${arrayLiteral(rows.map(value))}::${sql.raw(type)}[]`),
    sql`, `,
  );
  return sql`insert into ${sql.identifier(table)} (${names}) select * from unnest(${arrays})`;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;
const chunk = 5000;

/** The generated meetings and attendance of a data set, loaded batch by batch inside the caller's transaction. */
export async function loadMeetings(db: Db, dataset: Dataset, options: MeetingOptions) {
  let meetings = 0;
  let attendance = 0;
  for (const batch of meetingBatches(dataset, options, chunk)) {
    await db.execute(
      insertUnnest(
        'meetings',
        [
          ['id', 'uuid', (r) => r.id],
          ['committee_id', 'uuid', (r) => r.committeeId],
          ['org_id', 'uuid', (r) => r.orgId],
          ['kind', 'text', (r) => r.kind],
          ['status', 'text', (r) => r.status],
          ['title', 'text', (r) => r.title],
          ['starts_at', 'timestamptz', (r) => iso(r.startsAt)],
          ['ends_at', 'timestamptz', (r) => iso(r.endsAt)],
          ['held_on', 'date', (r) => r.heldOn],
          ['place', 'text', (r) => r.place],
          ['host_name', 'text', (r) => r.hostName],
          ['recorder_name', 'text', (r) => r.recorderName],
          ['first_topic', 'text', (r) => r.firstTopic],
          ['expected_count', 'int', (r) => String(r.expectedCount)],
          ['present_count', 'int', (r) => String(r.presentCount)],
        ],
        batch.meetings,
      ),
    );
    for (let i = 0; i < batch.attendance.length; i += chunk) {
      await db.execute(
        insertUnnest(
          'meeting_attendance',
          [
            ['id', 'uuid', (r) => r.id],
            ['committee_id', 'uuid', (r) => r.committeeId],
            ['meeting_id', 'uuid', (r) => r.meetingId],
            ['member_id', 'uuid', (r) => r.memberId],
            ['status', 'text', (r) => r.status],
            ['reason', 'text', (r) => r.reason],
            ['checked_in_at', 'timestamptz', (r) => iso(r.checkedInAt)],
          ],
          batch.attendance.slice(i, i + chunk),
        ),
      );
    }
    meetings += batch.meetings.length;
    attendance += batch.attendance.length;
  }
  return { meetings, attendance };
}
