import { availableParallelism } from 'node:os';
import { type SQL, sql } from 'drizzle-orm';
import { orgSorts, orgsQuery } from '../../apps/server/src/modules/orgs/orgs.service';
import type { LoadClient } from './load';
import type { RequestSpec } from './protocol';
import { cycle, type Summary, summarize } from './stats';
import type { SeededOrg, SqlRunner, Target } from './target';

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

export interface DbResult {
  kind: Target['kind'];
  version: string;
  seedMs: number;
  counts: Target['counts'];
  subtreeNodes: { unitCommittee: number; root: number };
  load: LoadResult[];
  ratios: RatioResult[];
  firstScreen: Summary;
  failedRequests: number;
}

// ── Requests and the raw SQL they wrap ───────────────────────────

/** The subtree query as the service issues it, with the scope check (a committee admin's: the whole tree) folded in. */
const subtreeSql = (root: SeededOrg, org: SeededOrg) => {
  const anchor = sql`(select a.path from orgs a where a.id = ${org.id} and a.deleted_at is null and (a.path like ${`${root.path}%`}))`;
  return sql`select id, parent_id as "parentId", name, kind, child_count as "childCount", dissolved_on as "dissolvedOn" from orgs
    where path >= ${anchor} and path < left(${anchor}, -1) || '0' and deleted_at is null and dissolved_on is null order by path`;
};

type OrgSort = keyof typeof orgSorts;
const sortKeys = Object.keys(orgSorts) as OrgSort[];
const searches = ['党支部', '局', '委员会'];

interface ListVariant {
  page: number;
  sort: OrgSort;
  q?: string;
}

/** The one query listOrgs issues for a committee admin (scope = the whole tree), built by the service itself. */
function listSql(root: SeededOrg, variant: ListVariant): SQL {
  const search = variant.q ? sql` and o.name ilike ${`%${variant.q}%`}` : sql``;
  const where = sql`o.deleted_at is null and o.dissolved_on is null and (o.path like ${`${root.path}%`})${search}`;
  return orgsQuery(where, orgSorts[variant.sort], settings.pageSize, (variant.page - 1) * settings.pageSize);
}

function listPath(variant: ListVariant): string {
  const query = new URLSearchParams({ page: String(variant.page), pageSize: String(settings.pageSize), sort: variant.sort });
  if (variant.q) query.set('q', variant.q);
  return `/api/orgs?${query}`;
}

/** Pages spread over the whole list, every sort, and a search now and then (on its first page). */
function listVariants(liveOrgs: number): ListVariant[] {
  const pages = Math.max(1, Math.ceil(liveOrgs / settings.pageSize));
  return cycle(sortKeys, 24).map((sort, i) => (i % 4 === 3 ? { page: 1, sort, q: searches[i % searches.length] } : { page: 1 + ((i * 7) % pages), sort }));
}

const get = (target: Target, path: string): RequestSpec => ({ method: 'GET', path, headers: { cookie: target.cookie } });

async function fetchJson<T>(target: Target, path: string): Promise<T> {
  const response = await fetch(`${target.baseUrl}${path}`, { headers: { cookie: target.cookie } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface RatioCase {
  key: string;
  label: string;
  /** The one query the request issues once its session is cached. */
  variants: { sql: SQL; api: RequestSpec }[];
}

/** The cases, each checked once so a mirror that drifted from the service fails loudly instead of timing the wrong thing. */
async function ratioCases(target: Target): Promise<{ cases: RatioCase[]; subtreeNodes: DbResult['subtreeNodes']; list: ListVariant[] }> {
  const subtreeCase = async (key: string, label: string, org: SeededOrg) => {
    const path = `/api/orgs/${org.id}/subtree`;
    const [rows, nodes] = await Promise.all([target.sql.run(subtreeSql(target.root, org)), fetchJson<unknown[]>(target, path)]);
    if (rows.length !== nodes.length) throw new Error(`${key}: raw SQL returned ${rows.length} rows, the API ${nodes.length} nodes`);
    return {
      nodes: nodes.length,
      ratioCase: { key, label: `${label} (${nodes.length} nodes)`, variants: [{ sql: subtreeSql(target.root, org), api: get(target, path) }] },
    };
  };
  const unit = await subtreeCase('subtree-unit', 'subtree: unit committee', target.unitCommittee);
  const root = await subtreeCase('subtree-root', 'subtree: whole tree', target.root);

  const [live] = (await target.sql.run(
    sql`select count(*)::int as n from orgs where path like ${`${target.root.path}%`} and deleted_at is null and dissolved_on is null`,
  )) as { n: number }[];
  const list = listVariants(live?.n ?? 0);
  for (const variant of list) {
    const [rows, page] = await Promise.all([
      target.sql.run(listSql(target.root, variant)) as Promise<{ id: string; total: number }[]>,
      fetchJson<{ items: { id: string }[]; total: number }>(target, listPath(variant)),
    ]);
    const sqlPage = `${rows.map((r) => r.id).join()} of ${rows[0]?.total}`;
    const apiPage = `${page.items.map((i) => i.id).join()} of ${page.total}`;
    if (sqlPage !== apiPage) throw new Error(`org list ${listPath(variant)}: raw SQL and API disagree on the page or the total`);
  }
  const listCase: RatioCase = {
    key: 'org-list',
    label: `org list: page, total and counts (${list.length} variants)`,
    variants: list.map((variant) => ({ sql: listSql(target.root, variant), api: get(target, listPath(variant)) })),
  };
  return { cases: [unit.ratioCase, root.ratioCase, listCase], subtreeNodes: { unitCommittee: unit.nodes, root: root.nodes }, list };
}

// ── Measuring ────────────────────────────────────────────────────

/** Sequential raw SQL, stopping at the iteration cap or the time budget, whichever comes first. */
async function timeSql(runner: SqlRunner, iterations: SQL[], budgetMs: number): Promise<number[]> {
  const deadline = performance.now() + budgetMs;
  const timings: number[] = [];
  for (const query of iterations) {
    if (performance.now() > deadline) break;
    const started = performance.now();
    await runner.run(query);
    timings.push(performance.now() - started);
  }
  return timings;
}

interface Failures {
  count: number;
}

/** Sequential API iterations after a warm-up of the first few; returns the measured timings. */
async function timeApi(client: LoadClient, target: Target, iterations: RequestSpec[][], failures: Failures): Promise<number[]> {
  const run = async (slice: RequestSpec[][]) => {
    const sample = await client.run({ type: 'sequential', baseUrl: target.baseUrl, iterations: slice });
    failures.count += sample.errors + sample.non2xx;
    return sample.latenciesMs;
  };
  await run(iterations.slice(0, settings.warmupIterations));
  return run(iterations);
}

/** API and raw SQL timed alike: one at a time, the same iterations, the same count, nothing else running. */
async function measureRatio(client: LoadClient, target: Target, ratioCase: RatioCase, failures: Failures): Promise<RatioResult> {
  const iterations = cycle(ratioCase.variants, settings.ratioIterations);
  const sqlIterations = iterations.map((v) => v.sql);
  await timeSql(target.sql, sqlIterations.slice(0, settings.warmupIterations), Number.POSITIVE_INFINITY);
  const sqlTimes = await timeSql(target.sql, sqlIterations, settings.ratioBudgetMs);
  const apiTimes = await timeApi(
    client,
    target,
    iterations.slice(0, sqlTimes.length).map((v) => [v.api]),
    failures,
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

interface LoadScenario {
  key: string;
  label: string;
  connections: number;
  requests: RequestSpec[];
}

async function measureLoad(client: LoadClient, target: Target, scenario: LoadScenario, failures: Failures): Promise<LoadResult> {
  const sample = await client.run({
    type: 'load',
    baseUrl: target.baseUrl,
    connections: scenario.connections,
    durationS: settings.durationS,
    requests: scenario.requests,
  });
  failures.count += sample.errors + sample.non2xx;
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

export async function benchDatabase(client: LoadClient, target: Target): Promise<DbResult> {
  const failures: Failures = { count: 0 };
  const { cases, subtreeNodes, list } = await ratioCases(target);
  const ratios: RatioResult[] = [];
  for (const ratioCase of cases) ratios.push(await measureRatio(client, target, ratioCase, failures));

  const firstScreenSteps = [get(target, '/api/orgs/tree'), get(target, `/api/orgs/tree?parentId=${target.root.id}`)];
  const firstScreen = summarize(await timeApi(client, target, cycle([firstScreenSteps], settings.firstScreenIterations), failures));

  const scenarios: LoadScenario[] = [
    {
      key: 'subtree-unit',
      label: `subtree: unit committee (${subtreeNodes.unitCommittee} nodes)`,
      connections: settings.connections,
      requests: [get(target, `/api/orgs/${target.unitCommittee.id}/subtree`)],
    },
    {
      key: 'subtree-root',
      label: `subtree: whole tree (${subtreeNodes.root} nodes)`,
      connections: settings.connections,
      requests: [get(target, `/api/orgs/${target.root.id}/subtree`)],
    },
    {
      key: 'org-list',
      label: `org list page (${list.length} variants)`,
      connections: settings.connections,
      requests: list.map((v) => get(target, listPath(v))),
    },
    { key: 'tree-first-screen', label: 'tree: roots, then first level', connections: settings.connections, requests: firstScreenSteps },
    {
      key: 'login',
      label: 'login (argon2id dominates)',
      connections: settings.loginConnections,
      requests: [{ method: 'POST', path: '/api/auth/login', headers: { 'content-type': 'application/json' }, body: JSON.stringify(target.login) }],
    },
  ];
  const load: LoadResult[] = [];
  for (const scenario of scenarios) load.push(await measureLoad(client, target, scenario, failures));

  return {
    kind: target.kind,
    version: target.version,
    seedMs: target.seedMs,
    counts: target.counts,
    subtreeNodes,
    load,
    ratios,
    firstScreen,
    failedRequests: failures.count,
  };
}
