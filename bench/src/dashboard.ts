import { indicators } from '../../apps/server/src/modules/indicators/indicators.catalog';
import type { IndicatorDefinition } from '../../packages/shared/src/contracts/indicators';
import { shanghaiDate } from '../../packages/shared/src/dates';
import { type Check, ms, table } from './format';
import { type AreaResult, type Bench, fetchJson, get, type Timing } from './measure';
import type { RequestSpec, Sample } from './protocol';
import { type Summary, summarize } from './stats';
import type { Target } from './target';

/** A browser opens six connections to a host; the overview's requests go out that many at a time. */
const browserConnections = 6;
const warmLoads = 20;
const drillDownPasses = 10;

/**
 * The requests the committee overview (apps/web/src/modules/indicators/dashboard-page.tsx) sends on its first load for
 * a year: its headline cards share the cuts of its charts, so each figure is asked for once.
 */
function overviewPaths(year: number): string[] {
  const y = `from=${year}-01-01&to=${year}-12-31`;
  return [
    `orgs.count?${y}&groupBy=kind`,
    `members.count?${y}&groupBy=unit`,
    `orglife.meetings.count?${y}&groupBy=month`,
    `orglife.attendance.rate?${y}&groupBy=month`,
    `orglife.compliance.missed?${y}&groupBy=unit&thenBy=month`,
    `orgs.renewalsOverdue?${y}`,
    `dues.paid?${y}`,
    `dues.arrears?${y}`,
    `transfers.overdue?${y}`,
    `development.overdue?${y}`,
    `orglife.meetings.count?from=${year - 4}-01-01&to=${year}-12-31&groupBy=year`,
    `orglife.attendance.rate?${y}&groupBy=unit`,
  ].map((p) => `/api/indicators/${p}`);
}

async function burst(bench: Bench, requests: RequestSpec[], concurrency: number): Promise<Sample> {
  const sample = await bench.client.run({ type: 'burst', baseUrl: bench.target.baseUrl, concurrency, requests });
  bench.failures.count += sample.errors + sample.non2xx;
  return sample;
}

async function sequential(bench: Bench, iterations: RequestSpec[][]): Promise<number[]> {
  const sample = await bench.client.run({ type: 'sequential', baseUrl: bench.target.baseUrl, iterations });
  bench.failures.count += sample.errors + sample.non2xx;
  return sample.latenciesMs;
}

interface Overview {
  /** Each request alone, the first for its year: the figure computed from the tables. */
  perIndicator: { path: string; ms: number }[];
  /** The whole first load, six at a time. */
  coldTotalMs: number;
  coldSlowestMs: number;
  /** Loads again, the figures unchanged since. */
  warmTotals: Summary;
  warmSlowest: Summary;
}

/**
 * Cold is the first request for a figure after the server started (nothing of the indicators read before): one
 * year's requests one at a time for the figure of each, then the current year's as the page sends them.
 */
async function overview(bench: Bench, year: number): Promise<Overview> {
  const { target } = bench;
  const previous = overviewPaths(year - 1);
  const times = await sequential(
    bench,
    previous.map((path) => [get(target, path)]),
  );
  const perIndicator = previous.map((path, i) => ({ path, ms: times[i] ?? Number.NaN }));
  const page = overviewPaths(year).map((path) => get(target, path));
  const cold = await burst(bench, page, browserConnections);
  const totals: number[] = [];
  const slowest: number[] = [];
  for (let i = 0; i < warmLoads; i++) {
    const warm = await burst(bench, page, browserConnections);
    totals.push(warm.elapsedS * 1000);
    slowest.push(Math.max(...warm.latenciesMs));
  }
  return {
    perIndicator,
    coldTotalMs: cold.elapsedS * 1000,
    coldSlowestMs: Math.max(...cold.latenciesMs),
    warmTotals: summarize(totals),
    warmSlowest: summarize(slowest),
  };
}

interface DrillDowns {
  cold: Summary;
  all: Summary;
  /** Per indicator: the first visit of page 1, the slowest first visit of pages 2–5, and page 1 visited again. */
  perIndicator: { key: string; first: number; laterPages: number; again: Summary }[];
}

/**
 * A drill-down page as the browser loads it: the figure cut by its first dimension and a page of its records, sent
 * together. Each indicator's first five pages once (the first visit of each), then page one again and again.
 */
async function drillDowns(bench: Bench, year: number, catalog: IndicatorDefinition[]): Promise<DrillDowns> {
  const { target } = bench;
  const y = `from=${year}-01-01&to=${year}-12-31`;
  const pageOf = (d: IndicatorDefinition, page: number) => {
    const cut = d.dimensions[0] ? `&groupBy=${d.dimensions[0].key}` : '';
    return [get(target, `/api/indicators/${d.key}?${y}${cut}`), get(target, `/api/indicators/${d.key}/records?page=${page}&pageSize=20&${y}`)];
  };
  const load = async (d: IndicatorDefinition, page: number) => (await burst(bench, pageOf(d, page), 2)).elapsedS * 1000;
  const visits = new Map<string, { first: number[]; again: number[] }>(catalog.map((d) => [d.key, { first: [], again: [] }]));
  for (const d of catalog) for (let page = 1; page <= 5; page++) visits.get(d.key)?.first.push(await load(d, page));
  for (let pass = 0; pass < drillDownPasses; pass++) for (const d of catalog) visits.get(d.key)?.again.push(await load(d, 1));
  const all = [...visits.values()];
  return {
    cold: summarize(all.flatMap((v) => v.first)),
    all: summarize(all.flatMap((v) => [...v.first, ...v.again])),
    perIndicator: [...visits].map(([key, v]) => ({
      key,
      first: v.first[0] ?? Number.NaN,
      laterPages: Math.max(...v.first.slice(1)),
      again: summarize(v.again),
    })),
  };
}

const shortPath = (path: string) => decodeURIComponent(path.replace('/api/indicators/', '').replace(/from=\d{4}-01-01&to=\d{4}-12-31&?/, ''));

function format(result: Overview, drill: DrillDowns): string {
  const perIndicator = table(
    ['overview figure, cold, one at a time', 'ms'],
    result.perIndicator.map((r) => [shortPath(r.path), ms(r.ms)]),
  );
  const page = table(
    ['overview page load (12 requests, 6 at a time)', 'total ms', 'slowest request ms'],
    [
      ['cold: first load after start', ms(result.coldTotalMs), ms(result.coldSlowestMs)],
      [`warm p50 (${warmLoads} loads)`, ms(result.warmTotals.p50), ms(result.warmSlowest.p50)],
      [`warm p95 (${warmLoads} loads)`, ms(result.warmTotals.p95), ms(result.warmSlowest.p95)],
    ],
  );
  const pages = table(
    ['drill-down page (figure + records page)', 'n', 'p50 ms', 'p95 ms', 'p99 ms'],
    [
      ['first visit of pages 1–5 of each indicator', String(drill.cold.n), ms(drill.cold.p50), ms(drill.cold.p95), ms(drill.cold.p99)],
      ['every visit', String(drill.all.n), ms(drill.all.p50), ms(drill.all.p95), ms(drill.all.p99)],
    ],
  );
  const byIndicator = table(
    ['drill-down page by indicator', 'first ms', 'pages 2–5 max ms', 'again p50 ms', 'again p95 ms'],
    drill.perIndicator.map((r) => [r.key, ms(r.first), ms(r.laterPages), ms(r.again.p50), ms(r.again.p95)]),
  );
  return [perIndicator, page, pages, byIndicator].join('\n\n');
}

function judged(target: Target): { city: boolean; province: boolean } {
  return { city: target.size === 'city', province: target.size === 'province' && target.kind === 'postgres' };
}

export async function benchDashboard(bench: Bench): Promise<AreaResult> {
  const { target } = bench;
  const year = Number(shanghaiDate(new Date()).slice(0, 4));
  const catalog = await fetchJson<IndicatorDefinition[]>(target, '/api/indicators');
  if (catalog.length !== indicators.length) throw new Error(`the catalog lists ${catalog.length} indicators, the server defines ${indicators.length}`);
  const result = await overview(bench, year);
  const drill = await drillDowns(bench, year, catalog);
  const slowestCold = Math.max(...result.perIndicator.map((r) => r.ms));
  const { city, province } = judged(target);
  const verdict = (judge: boolean, pass: boolean) => (!judge ? 'n/a' : pass ? 'PASS' : 'MISS');
  const checks: Check[] = [
    {
      target: 'city overview cold < 300 ms: each figure alone',
      measured: `slowest ${ms(slowestCold)} ms`,
      verdict: verdict(city, slowestCold < 300),
    },
    {
      target: 'city overview cold < 300 ms: the page’s first load',
      measured: `${ms(result.coldTotalMs)} ms`,
      verdict: verdict(city, result.coldTotalMs < 300),
    },
    {
      target: 'city overview warm < 100 ms: the page’s later loads, p95',
      measured: `${ms(result.warmTotals.p95)} ms`,
      verdict: verdict(city, result.warmTotals.p95 < 100),
    },
    {
      target: 'drill-down page p95 < 50 ms (figure + records page, every visit)',
      measured: `${ms(drill.all.p95)} ms (first visits ${ms(drill.cold.p95)} ms)`,
      verdict: verdict(city || province, drill.all.p95 < 50),
    },
    {
      target: 'province overview < 1 s on PostgreSQL: the page’s first load',
      measured: `${ms(result.coldTotalMs)} ms`,
      verdict: verdict(province, result.coldTotalMs < 1000),
    },
  ];
  const timings: Timing[] = [
    { key: 'overview-warm', label: 'overview page, warm', latency: result.warmTotals },
    { key: 'drill-down', label: 'drill-down page', latency: drill.all },
  ];
  return { load: [], ratios: [], timings, sections: [format(result, drill)], checks, notes: [] };
}
