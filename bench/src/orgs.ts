import { type SQL, sql } from 'drizzle-orm';
import { orgSorts, orgsQuery } from '../../apps/server/src/modules/orgs/orgs.service';
import { type Check, find, latencyCheck, ms, table, times } from './format';
import {
  type AreaResult,
  type Bench,
  fetchJson,
  get,
  type LoadScenario,
  measureLoad,
  measureRatio,
  type RatioCase,
  type RatioResult,
  settings,
  timeApi,
} from './measure';
import { cycle, summarize } from './stats';
import type { SeededOrg, Target } from './target';

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

/** The cases, each checked once so a mirror that drifted from the service fails loudly instead of timing the wrong thing. */
async function ratioCases(target: Target) {
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

// ── Targets ──────────────────────────────────────────────────────

/** The issue sets the ratio for the 600-node subtree and the paged list; a 7-node subtree is shown for context, its 0.3 ms query being below HTTP's own cost. */
const judgedRatios = new Set(['subtree-root', 'org-list']);

function ratioCheck(ratio: RatioResult): Check {
  const worst = Math.max(ratio.p50Ratio, ratio.p95Ratio);
  const judged = judgedRatios.has(ratio.key);
  return {
    target: `API / raw SQL ≤ 2 at p50 and p95, ${ratio.key}${judged ? '' : ' (context only: query below the HTTP floor)'}`,
    measured: `${times(ratio.p50Ratio)} / ${times(ratio.p95Ratio)}`,
    verdict: !judged ? 'n/a' : worst <= 2 ? 'PASS' : 'MISS',
  };
}

// ── The area ─────────────────────────────────────────────────────

export async function benchOrgs(bench: Bench): Promise<AreaResult> {
  const { target } = bench;
  const { cases, subtreeNodes, list } = await ratioCases(target);
  const ratios: RatioResult[] = [];
  for (const ratioCase of cases) ratios.push(await measureRatio(bench, ratioCase));

  const firstScreenSteps = [get(target, '/api/orgs/tree'), get(target, `/api/orgs/tree?parentId=${target.root.id}`)];
  const firstScreen = summarize(await timeApi(bench, cycle([firstScreenSteps], settings.firstScreenIterations)));

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
  const load = [];
  for (const scenario of scenarios) load.push(await measureLoad(bench, scenario));

  const subtree = find(load, 'subtree-root');
  const checks: Check[] = [
    latencyCheck('subtree of the whole city tree p95 < 30 ms', subtree, 30, find(ratios, 'subtree-root').api, target.size === 'city'),
    latencyCheck('paged org list p95 < 20 ms', find(load, 'org-list'), 20, find(ratios, 'org-list').api),
    ...ratios.map(ratioCheck),
    latencyCheck('login p95 < 150 ms', find(load, 'login'), 150),
    {
      target: 'province tree first screen p95 < 200 ms (sequential, roots + first level)',
      measured: `${ms(firstScreen.p95)} ms`,
      verdict: target.size !== 'province' ? 'n/a' : firstScreen.p95 < 200 ? 'PASS' : 'MISS',
    },
  ];
  const firstScreenTable = table(
    ['tree first screen: sequential', 'n', 'p50 ms', 'p95 ms', 'p99 ms'],
    [['roots, then first level', String(firstScreen.n), ms(firstScreen.p50), ms(firstScreen.p95), ms(firstScreen.p99)]],
  );
  return {
    load,
    ratios,
    timings: [{ key: 'tree-first-screen', label: 'tree first screen', latency: firstScreen }],
    sections: [firstScreenTable],
    checks,
    notes: [],
  };
}
