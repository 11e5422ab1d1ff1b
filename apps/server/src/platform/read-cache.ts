import { sql } from 'drizzle-orm';
import { preparedRowsOf } from '../db/client';
import { requireActor } from './access';
import type { Ctx } from './context';

/**
 * Results of hot reads (org tree, lists, figures), kept per node and keyed by the generation of the
 * actor's committees: triggers bump it in the transaction of every change to the data these reads
 * show (migration 0003), so an entry is only ever served for the exact committed state it was read
 * from. One small query replaces the read itself; that matters most on PGlite, which runs one query
 * at a time.
 */
/**
 * Each kind of entry has its own bounds, so the cache stays within tens of MB: many small reads, or a few whole
 * record sets (a figure's records, paged in memory). Larger results (a province's whole tree) are read each time.
 */
const bounds = {
  reads: { maxEntries: 2_000, maxRows: 5_000 },
  recordSets: { maxEntries: 16, maxRows: 30_000 },
} as const;
type Bucket = keyof typeof bounds;
/** Per database: a process may serve several (tests, the bench), and their committees can share ids. */
const cacheOf = new WeakMap<object, Record<Bucket, Map<string, Promise<unknown>>>>();

export async function cachedRead<T>(ctx: Ctx, key: string, read: () => Promise<T>, bucket: Bucket = 'reads'): Promise<T> {
  if (!ctx.config.READ_CACHE) return read();
  const committees = [...new Set(requireActor(ctx).roles.map((r) => r.committeeId))].sort();
  const [row] = await preparedRowsOf<{ generation: string }>(
    ctx.read,
    sql`select coalesce(sum(generation), 0)::text as generation from read_generations where committee_id in ${committees}`,
  );
  const entryKey = `${committees.join(',')}@${row?.generation}|${key}`;
  let buckets = cacheOf.get(ctx.read);
  if (!buckets) {
    buckets = { reads: new Map(), recordSets: new Map() };
    cacheOf.set(ctx.read, buckets);
  }
  const entries = buckets[bucket];
  const { maxEntries, maxRows } = bounds[bucket];
  const kept = entries.get(entryKey);
  if (kept) return kept as Promise<T>;
  // The promise is kept, not its value: requests for the same read at the same time (a page's figure and its
  // records) wait for one read instead of each running it.
  const value = read();
  if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  entries.set(entryKey, value);
  const forget = () => entries.get(entryKey) === value && entries.delete(entryKey);
  value.then((v) => Array.isArray(v) && v.length > maxRows && forget(), forget);
  return value;
}
