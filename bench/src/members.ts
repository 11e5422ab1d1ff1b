import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../apps/server/src/db/client';
import { listMembers } from '../../apps/server/src/modules/members/members.service';
import { ledger } from '../../apps/server/src/modules/members/members-dues.service';
import { xlsxType } from '../../apps/server/src/platform/xlsx';
import { type DuesLedger, duesLedgerQuery } from '../../packages/shared/src/contracts/dues';
import type { ImportReport } from '../../packages/shared/src/contracts/imports';
import { memberListQuery } from '../../packages/shared/src/contracts/members';
import { addMonths, monthOf, shanghaiDate } from '../../packages/shared/src/dates';
import { type Check, latencyCheck, mib, ms, table, times } from './format';
import {
  type AreaResult,
  type Bench,
  captured,
  fetchJson,
  get,
  measureLoad,
  measureRatio,
  postJson,
  type RatioCase,
  type RatioResult,
  settings,
  timeVariants,
} from './measure';
import type { Target } from './target';

// ── Set-up shared with the orglife scenarios ─────────────────────

let branches = 0;

/** A new branch under the sample unit committee, made through the API as an admin would: bench data, named so. */
export async function newBranch(target: Target, purpose: string): Promise<{ id: string; name: string }> {
  const [parent] = await rowsOf<{ unit_id: string | null }>(target.db, sql`select unit_id from orgs where id = ${target.unitCommittee.id}`);
  branches += 1;
  const name = `基准测试${purpose}支部${Date.now().toString(36)}${branches}`;
  return postJson<{ id: string; name: string }>(target, '/api/orgs', {
    parentId: target.unitCommittee.id,
    name,
    kind: 'branch',
    ...(parent?.unit_id ? { unitId: parent.unit_id } : {}),
    establishedOn: '2020-01-01',
  });
}

export interface Imported {
  rows: number;
  seconds: number;
  workbookBytes: number;
  report: ImportReport | null;
  /** The answer when the import did not commit every row. */
  problem: string | null;
}

/** Uploads a generated registry workbook of `rows` new members of `branch` to the import endpoint (validate and write). */
export async function uploadMembers(bench: Bench, branch: { name: string }, rows: number): Promise<Imported> {
  const { target } = bench;
  const upload = await bench.client.run({
    type: 'upload',
    baseUrl: target.baseUrl,
    path: '/api/members/import?layout=registry',
    headers: { cookie: target.cookie, 'x-csrf-token': target.csrf, 'content-type': xlsxType },
    rows,
    org: branch.name,
  });
  const report = upload.status === 200 ? (JSON.parse(upload.body) as ImportReport) : null;
  const committed = report?.committed === true && report.created === rows;
  if (!committed) bench.failures.count += 1;
  return {
    rows,
    seconds: upload.elapsedMs / 1000,
    workbookBytes: upload.bytes,
    report,
    problem: committed ? null : `${upload.status} ${upload.body.slice(0, 500)}`,
  };
}

// ── Member list ──────────────────────────────────────────────────

/** Filters as people use them: codes, a status, searches by pinyin, initials and Chinese, a department, later pages. */
function listVariants(target: Target): Record<string, string>[] {
  const under = target.unitCommittee.id;
  const variants: Record<string, string>[] = [
    { status: 'mobile' },
    { category: 'probationary' },
    { education: 'master' },
    { gender: 'female', education: 'bachelor' },
    { q: 'zhang' },
    { q: 'zs' },
    { q: '张' },
    { under },
    { page: '10' },
    { category: 'probationary', page: '5' },
    { q: 'zhang', page: '5' },
    { under, page: '3' },
  ];
  return variants.map((v) => ({ ...v, pageSize: String(settings.pageSize) }));
}

const pathOf = (base: string, params: Record<string, string>) => `${base}?${new URLSearchParams(params)}`;

interface Page {
  items: { id: string }[];
  total: number;
  totalCapped?: boolean;
}

const pageKey = (page: Page) => `${page.items.map((i) => i.id).join()} of ${page.total}${page.totalCapped ? '+' : ''}`;
const ledgerKey = (l: DuesLedger) => `${l.items.map((i) => i.memberId).join()} of ${l.total} ${JSON.stringify(l.summary)}`;

/**
 * Each variant's raw SQL is what `listMembers` sends for the bench's admin (the route's own query parsing, the
 * service's own statements), and it must return the API's page and total before anything is timed.
 */
async function memberListCase(target: Target): Promise<RatioCase> {
  const variants = [];
  for (const params of listVariants(target)) {
    const path = pathOf('/api/members', params);
    const { result, plan } = await captured(target, (ctx) => listMembers(ctx, memberListQuery.parse(params)));
    const page = await fetchJson<Page>(target, path);
    if (pageKey(result) !== pageKey(page)) throw new Error(`member list ${path}: the service's statements and the API disagree on the page or the total`);
    variants.push({ sql: plan, api: get(target, path) });
  }
  return { key: 'member-list', label: `member list: page and capped count (${variants.length} variants)`, variants };
}

// ── Dues ledger ──────────────────────────────────────────────────

/** The whole committee's ledger for last month (a month whose payments are in), as its admin pages through it. */
async function ledgerCase(target: Target): Promise<{ ratioCase: RatioCase; members: number }> {
  const month = addMonths(monthOf(shanghaiDate(new Date())), -1);
  const base = { orgId: target.root.id, month, pageSize: String(settings.pageSize) };
  const variants = [];
  let members = 0;
  for (const params of [{ ...base }, { ...base, filter: 'unpaid' }, { ...base, page: '10' }]) {
    const path = pathOf('/api/dues/ledger', params);
    const { result, plan } = await captured(target, (ctx) => ledger(ctx, duesLedgerQuery.parse(params)));
    const answer = await fetchJson<DuesLedger>(target, path);
    if (ledgerKey(result) !== ledgerKey(answer)) throw new Error(`dues ledger ${path}: the service's statement and the API disagree`);
    members = answer.summary.members;
    variants.push({ sql: plan, api: get(target, path) });
  }
  return { ratioCase: { key: 'dues-ledger', label: `dues ledger: whole committee, ${month} (${variants.length} variants)`, variants }, members };
}

async function duesRows(target: Target) {
  const [row] = await rowsOf<{ bases: number; payments: number }>(
    target.db,
    sql`select (select count(*)::int from dues_bases) as bases, (select count(*)::int from dues_payments) as payments`,
  );
  return row ?? { bases: 0, payments: 0 };
}

// ── Import and memory ────────────────────────────────────────────

/**
 * The bench runs the server in its own process: a full collection before an import keeps the garbage of earlier
 * scenarios out of its memory figures. `gc` is exposed at run time rather than by a flag on the npm script.
 */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

interface MemoryWatch {
  /** Resident set size of this process (server and bench) before and at its peak. */
  rssBefore: number;
  peakRss: number;
  /** `maxRSS` when the import raised the process's lifetime peak (exact), else the 20 ms samples' maximum. */
  source: 'maxRSS' | 'sampled';
}

function watchMemory(): () => MemoryWatch {
  collectGarbage();
  const rssBefore = process.memoryUsage.rss();
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let sampled = rssBefore;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 20);
  return () => {
    clearInterval(timer);
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    const raised = maxAfter > maxBefore;
    return { rssBefore, peakRss: raised ? maxAfter : Math.max(sampled, process.memoryUsage.rss()), source: raised ? 'maxRSS' : 'sampled' };
  };
}

interface ImportRun extends Imported, MemoryWatch {
  key: string;
}

async function timedImport(bench: Bench, key: string, rows: number): Promise<ImportRun> {
  const branch = await newBranch(bench.target, '导入');
  const stop = watchMemory();
  const imported = await uploadMembers(bench, branch, rows);
  const memory = stop();
  const [stored] = await rowsOf<{ n: number }>(bench.target.db, sql`select count(*)::int as n from members where org_id = ${branch.id}`);
  if (!imported.problem && stored?.n !== rows) {
    bench.failures.count += 1;
    imported.problem = `the import answered ${imported.report?.created} created, the branch holds ${stored?.n}`;
  }
  return { key, ...imported, ...memory };
}

/** 100,000 rows take a while: PostgreSQL only, and only with a city or larger data set. */
const largeImport = (target: Target) => target.kind === 'postgres' && target.size !== 'demo';

const formatImports = (runs: ImportRun[]) =>
  table(
    ['import: POST /api/members/import (registry layout)', 'rows', 'workbook', 'seconds', 'rows/s', 'RSS before', 'peak RSS', 'growth', 'peak from'],
    runs.map((r) => [
      r.key,
      String(r.rows),
      mib(r.workbookBytes),
      r.seconds.toFixed(1),
      (r.rows / r.seconds).toFixed(0),
      mib(r.rssBefore),
      mib(r.peakRss),
      mib(r.peakRss - r.rssBefore),
      r.source,
    ]),
  );

// ── The areas ────────────────────────────────────────────────────

/** The server's reads while `measure` runs come from the database every time: the cache's misses, not its hits. */
async function withoutReadCache<T>(target: Target, measure: () => Promise<T>): Promise<T> {
  target.config.READ_CACHE = false;
  try {
    return await measure();
  } finally {
    target.config.READ_CACHE = true;
  }
}

export async function benchMemberList(bench: Bench): Promise<AreaResult> {
  const { target } = bench;
  const listCase = await memberListCase(target);
  const scenario = (key: string, label: string) => ({
    key,
    label: `${label} (${listCase.variants.length} variants)`,
    connections: settings.connections,
    requests: listCase.variants.map((v) => v.api),
  });
  // Judged without the read cache: the load repeats a dozen pages, which a cache answers from memory, while a
  // province's many admins and writes move its committee's read generation on all the time.
  const { ratio, loaded } = await withoutReadCache(target, async () => ({
    ratio: await measureRatio(bench, listCase),
    loaded: await measureLoad(bench, scenario('member-list', 'member list page, read cache off')),
  }));
  const cached = await measureLoad(bench, scenario('member-list-cached', 'member list page, read cache on'));
  const judged = target.size === 'province' && target.kind === 'postgres';
  const check = latencyCheck(`member list with a filter p95 < 50 ms (province, PostgreSQL, ${settings.connections} conns)`, loaded, 50, ratio.api, judged);
  const variantTimes = await timeVariants(bench, listCase);
  const variants = table(
    ['member list variant: raw SQL alone, 3 runs', 'ms'],
    listVariants(target).map((params, i) => [pathOf('', params).replace(target.unitCommittee.id, '<unit>'), (variantTimes[i] ?? []).map(ms).join(' / ')]),
  );
  return {
    load: [loaded, cached],
    ratios: [ratio],
    timings: [],
    sections: [variants],
    checks: [
      {
        ...check,
        measured: `${check.measured}; API/SQL ${times(ratio.p50Ratio)} p50, ${times(ratio.p95Ratio)} p95; with the read cache ${ms(cached.latency.p95)} ms`,
      },
    ],
    notes: [],
  };
}

export async function benchDuesLedger(bench: Bench): Promise<AreaResult> {
  const { target } = bench;
  // The target is a city's ledger; a province is seeded without dues, and its million-member ledger is another question.
  if (target.size === 'province')
    return { load: [], ratios: [], timings: [], sections: [], checks: [], notes: ['the dues ledger runs at city size only (its target is a city ledger)'] };
  const stored = await duesRows(target);
  const { ratioCase, members } = await ledgerCase(target);
  const ratio: RatioResult = await measureRatio(bench, ratioCase);
  const loaded = await measureLoad(bench, {
    key: 'dues-ledger',
    label: `dues ledger: whole committee (${members} members)`,
    connections: settings.connections,
    requests: ratioCase.variants.map((v) => v.api),
  });
  const ratioText = `API/SQL ${times(ratio.p50Ratio)} p50, ${times(ratio.p95Ratio)} p95`;
  const checks: Check[] = [
    {
      target: 'city monthly dues ledger p95 < 100 ms, sequential',
      measured: `${ms(ratio.api.p95)} ms; ${ratioText}`,
      verdict: ratio.api.p95 < 100 ? 'PASS' : 'MISS',
    },
    // Context: the target is one ledger's latency; ten whole-committee ledgers at once queue on two cores.
    latencyCheck(`city monthly dues ledger under load (${settings.connections} conns; context only)`, loaded, 100, undefined, false),
  ];
  const notes =
    stored.payments === 0
      ? [`the seed holds no dues data (${stored.bases} bases, 0 payments): the ledger ran over members without bases, every row "no base"`]
      : [];
  return {
    load: [loaded],
    ratios: [ratio],
    timings: [],
    sections: [`  dues data: ${stored.bases} bases, ${stored.payments} payments; ledger of ${members} members`],
    checks,
    notes,
  };
}

export async function benchImport(bench: Bench): Promise<AreaResult> {
  const { target } = bench;
  const runs = [await timedImport(bench, '10,000 members', 10_000)];
  if (largeImport(target)) runs.push(await timedImport(bench, '100,000 members', 100_000));
  const [small, large] = runs;
  const checks: Check[] = [];
  // A failed import is a miss whatever its time, and a failed request of the run.
  const within = (run: ImportRun, seconds: number) => (!run.problem && run.seconds < seconds ? 'PASS' : 'MISS');
  if (small) checks.push({ target: 'import 10,000 members (validate + write) < 10 s', measured: `${small.seconds.toFixed(1)} s`, verdict: within(small, 10) });
  if (large) {
    checks.push(
      { target: 'import 100,000 members (validate + write) < 60 s', measured: `${large.seconds.toFixed(1)} s`, verdict: within(large, 60) },
      {
        target: 'import 100,000 members: server process peak RSS < 1 GB',
        measured: `${mib(large.peakRss)} (${large.source}; ${mib(large.rssBefore)} before)`,
        verdict: large.peakRss < 1024 ** 3 ? 'PASS' : 'MISS',
      },
    );
  }
  const notes = runs.flatMap((r) => (r.problem ? [`import of ${r.key} failed: ${r.problem}`] : []));
  if (!large) notes.push('the 100,000-member import runs on PostgreSQL with --size city or province only');
  return { load: [], ratios: [], timings: [], sections: [formatImports(runs)], checks, notes };
}
