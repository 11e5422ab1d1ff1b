import { availableParallelism } from 'node:os';
import { is, SQL } from 'drizzle-orm';
import type { Ctx } from '../../apps/server/src/platform/context';
import type { Check } from './format';
import type { LoadClient } from './load';
import type { RequestSpec } from './protocol';
import type { Steps } from './record';
import { cycle, type Summary, summarize } from './stats';
import type { SqlRunner, Target } from './target';

export const settings = {
  durationS: 5,
  connections: 10,
  /** Each login hashes with argon2id (19 MiB, 2 passes); more connections than cores only measures the queue. */
  loginConnections: availableParallelism(),
  ratioIterations: 300,
  ratioBudgetMs: 3000,
  warmupIterations: 30,
  firstScreenIterations: 100,
  pageSize: 20,
} as const;

export interface LoadResult {
  key: string;
  label: string;
  connections: number;
  latency: Summary;
  rps: number;
  errors: number;
  non2xx: number;
}

export interface RatioResult {
  key: string;
  label: string;
  sql: Summary;
  api: Summary;
  p50Ratio: number;
  p95Ratio: number;
}

/** What every scenario measures with: the load client, the target, and the count of failed requests so far. */
export interface Bench {
  client: LoadClient;
  target: Target;
  failures: { count: number };
}

// ── Requests ─────────────────────────────────────────────────────

export const get = (target: Target, path: string): RequestSpec => ({ method: 'GET', path, headers: { cookie: target.cookie } });

export async function fetchJson<T>(target: Target, path: string): Promise<T> {
  const response = await fetch(`${target.baseUrl}${path}`, { headers: { cookie: target.cookie } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A write as the signed-in admin, for set-up. */
export async function postJson<T>(target: Target, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie: target.cookie, 'x-csrf-token': target.csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

// ── The raw SQL a request wraps ──────────────────────────────────

/** What the raw side runs for one request: one Drizzle fragment, or the statements a service was recorded sending. */
export type SqlPlan = SQL | Steps;

const runPlan = (runner: SqlRunner, plan: SqlPlan) => (is(plan, SQL) ? runner.run(plan) : runner.replay(plan));

/**
 * Calls a service as the API's signed-in admin on a database that records every statement the service sends, so the
 * raw side replays exactly those statements (texts, parameters, transactions, what ran together) instead of a
 * hand-kept copy that could drift.
 */
export async function captured<T>(target: Target, service: (ctx: Ctx) => Promise<T>): Promise<{ result: T; plan: Steps }> {
  const recording = target.sql.record();
  try {
    const result = await service({ db: recording.db, read: recording.db, actor: target.actor, now: new Date(), ip: '127.0.0.1', config: target.config });
    return { result, plan: recording.steps };
  } finally {
    await recording.close();
  }
}

// ── Measuring ────────────────────────────────────────────────────

export interface RatioCase {
  key: string;
  label: string;
  /** The raw SQL each request wraps once its session is cached. */
  variants: { sql: SqlPlan; api: RequestSpec }[];
  /** Fewer for a slow request: the SQL side's time budget bounds the count anyway. */
  iterations?: number;
  warmup?: number;
}

/** Each variant's raw SQL alone, `runs` times in a row: which variant a ratio case's slow tail comes from. */
export async function timeVariants(bench: Bench, ratioCase: RatioCase, runs = 3): Promise<number[][]> {
  const timings: number[][] = [];
  for (const variant of ratioCase.variants) timings.push(await timeSql(bench.target.sql, Array(runs).fill(variant.sql), Number.POSITIVE_INFINITY));
  return timings;
}

/** Sequential raw SQL, stopping at the iteration cap or the time budget, whichever comes first. */
async function timeSql(runner: SqlRunner, iterations: SqlPlan[], budgetMs: number): Promise<number[]> {
  const deadline = performance.now() + budgetMs;
  const timings: number[] = [];
  for (const plan of iterations) {
    if (performance.now() > deadline) break;
    const started = performance.now();
    await runPlan(runner, plan);
    timings.push(performance.now() - started);
  }
  return timings;
}

/** Sequential API iterations after a warm-up of the first few; returns the measured timings. */
export async function timeApi(bench: Bench, iterations: RequestSpec[][], warmup: number = settings.warmupIterations): Promise<number[]> {
  const run = async (slice: RequestSpec[][]) => {
    const sample = await bench.client.run({ type: 'sequential', baseUrl: bench.target.baseUrl, iterations: slice });
    bench.failures.count += sample.errors + sample.non2xx;
    return sample.latenciesMs;
  };
  await run(iterations.slice(0, warmup));
  return run(iterations);
}

/** API and raw SQL timed alike: one at a time, the same iterations, the same count, nothing else running. */
export async function measureRatio(bench: Bench, ratioCase: RatioCase): Promise<RatioResult> {
  const warmup = ratioCase.warmup ?? settings.warmupIterations;
  const iterations = cycle(ratioCase.variants, ratioCase.iterations ?? settings.ratioIterations);
  const sqlIterations = iterations.map((v) => v.sql);
  await timeSql(bench.target.sql, sqlIterations.slice(0, warmup), Number.POSITIVE_INFINITY);
  const sqlTimes = await timeSql(bench.target.sql, sqlIterations, settings.ratioBudgetMs);
  const apiTimes = await timeApi(
    bench,
    iterations.slice(0, sqlTimes.length).map((v) => [v.api]),
    warmup,
  );
  const sqlSummary = summarize(sqlTimes);
  const apiSummary = summarize(apiTimes);
  return {
    key: ratioCase.key,
    label: ratioCase.label,
    sql: sqlSummary,
    api: apiSummary,
    p50Ratio: apiSummary.p50 / sqlSummary.p50,
    p95Ratio: apiSummary.p95 / sqlSummary.p95,
  };
}

export interface LoadScenario {
  key: string;
  label: string;
  connections: number;
  requests: RequestSpec[];
}

export async function measureLoad(bench: Bench, scenario: LoadScenario): Promise<LoadResult> {
  const sample = await bench.client.run({
    type: 'load',
    baseUrl: bench.target.baseUrl,
    connections: scenario.connections,
    durationS: settings.durationS,
    requests: scenario.requests,
  });
  bench.failures.count += sample.errors + sample.non2xx;
  return {
    key: scenario.key,
    label: scenario.label,
    connections: scenario.connections,
    latency: summarize(sample.latenciesMs),
    rps: sample.latenciesMs.length / sample.elapsedS,
    errors: sample.errors,
    non2xx: sample.non2xx,
  };
}

/** Sequentially timed steps with no raw SQL beside them (a page's requests in a row). */
export interface Timing {
  key: string;
  label: string;
  latency: Summary;
}

/** What one area's scenarios measured on one database, and its targets judged. */
export interface AreaResult {
  load: LoadResult[];
  ratios: RatioResult[];
  timings: Timing[];
  /** The area's own tables, formatted for the console. */
  sections: string[];
  checks: Check[];
  /** What was measured differently from the target's wording, and why. */
  notes: string[];
}
