import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../apps/server/src/db/client';
import { roleAssignments, sessions, users } from '../../apps/server/src/db/schema';
import { complianceMatrix } from '../../apps/server/src/modules/orglife/orglife-compliance.service';
import { hashPassword, newSessionToken, sessionCookie } from '../../apps/server/src/platform/auth';
import { newId } from '../../apps/server/src/platform/ids';
import { type ComplianceMatrix, complianceLimits, complianceQuery } from '../../packages/shared/src/contracts/compliance';
import { addMonths, monthOf, shanghaiDate } from '../../packages/shared/src/dates';
import { type Check, ms, table, times } from './format';
import { type AreaResult, type Bench, captured, fetchJson, get, type LoadResult, measureLoad, measureRatio, postJson, type RatioCase } from './measure';
import { newBranch, uploadMembers } from './members';
import type { RequestSpec, Sample } from './protocol';
import { summarize } from './stats';
import type { Target } from './target';

// ── Check-in of one meeting ──────────────────────────────────────

const attendees = 300;
const rounds = 5;
/** As many at a time as the other load scenarios keep busy; and everyone at once, the worst a meeting can do. */
const concurrencies = [10, attendees] as const;

interface Person {
  cookie: string;
  csrf: string;
}

/**
 * Bench-only set-up: a branch of 300 members (imported through the API), a `member` login linked to each, and a
 * session for each made directly in the sessions table, as a login would leave it, so argon2id never becomes part of
 * the measurement. One password hash serves all of them.
 */
async function meetingPeople(bench: Bench): Promise<{ branch: { id: string; name: string }; people: Person[] }> {
  const { target } = bench;
  const branch = await newBranch(target, '签到');
  const imported = await uploadMembers(bench, branch, attendees);
  if (imported.problem) throw new Error(`check-in set-up: importing ${attendees} members failed: ${imported.problem}`);
  const memberIds = await rowsOf<{ id: string }>(target.db, sql`select id from members where org_id = ${branch.id} order by id`);
  const passwordHash = await hashPassword(randomBytes(12).toString('hex'));
  const expiresAt = new Date(Date.now() + 24 * 3_600_000);
  const logins = memberIds.map(({ id: memberId }, i) => ({ userId: newId(), memberId, session: newSessionToken(target.sessionSecret), i }));
  await target.db.transaction(async (tx) => {
    await tx.insert(users).values(
      logins.map((l) => ({
        id: l.userId,
        committeeId: target.committeeId,
        username: `bench_member_${branch.id.slice(-8)}_${l.i}`,
        displayName: '基准测试党员',
        passwordHash,
        memberId: l.memberId,
      })),
    );
    await tx
      .insert(roleAssignments)
      .values(logins.map((l) => ({ id: newId(), committeeId: target.committeeId, userId: l.userId, role: 'member' as const, orgId: branch.id })));
    await tx.insert(sessions).values(logins.map((l) => ({ id: l.session.id, userId: l.userId, csrfToken: l.session.csrfToken, expiresAt })));
  });
  return { branch, people: logins.map((l) => ({ cookie: `${sessionCookie}=${l.session.token}`, csrf: l.session.csrfToken })) };
}

interface Round {
  concurrency: number;
  scan: Sample;
  checkin: Sample;
  attendance: { rows: number; present: number; presentCount: number; expectedCount: number };
}

/** A new general meeting of the branch, open for check-in now; everyone opens the page (scan), then checks in. */
async function checkinRound(bench: Bench, branchId: string, people: Person[], concurrency: number): Promise<Round> {
  const { target, client } = bench;
  const now = Date.now();
  const meeting = await postJson<{ id: string; checkin: { token: string } | null }>(target, '/api/meetings', {
    orgId: branchId,
    kind: 'generalMeeting',
    startsAt: new Date(now - 5 * 60_000).toISOString(),
    endsAt: new Date(now + 115 * 60_000).toISOString(),
    place: '基准测试会议室',
  });
  if (!meeting.checkin) throw new Error('the planned meeting shows its admin no check-in token');
  const path = `/api/checkin/${meeting.checkin.token}`;
  const requests = (method: RequestSpec['method']) =>
    people.map((p): RequestSpec => ({ method, path, headers: method === 'GET' ? { cookie: p.cookie } : { cookie: p.cookie, 'x-csrf-token': p.csrf } }));
  const scan = await client.run({ type: 'burst', baseUrl: target.baseUrl, concurrency: 10, requests: requests('GET') });
  const checkin = await client.run({ type: 'burst', baseUrl: target.baseUrl, concurrency, requests: requests('POST') });
  bench.failures.count += scan.errors + scan.non2xx + checkin.errors + checkin.non2xx;
  const [counted] = await rowsOf<{ rows: number; present: number; present_count: number; expected_count: number }>(
    target.db,
    sql`select count(a.id)::int as rows, count(a.id) filter (where a.status = 'present')::int as present, mt.present_count, mt.expected_count
      from meetings mt left join meeting_attendance a on a.meeting_id = mt.id where mt.id = ${meeting.id} group by mt.id`,
  );
  const attendance = {
    rows: counted?.rows ?? 0,
    present: counted?.present ?? 0,
    presentCount: counted?.present_count ?? 0,
    expectedCount: counted?.expected_count ?? 0,
  };
  if (Object.values(attendance).some((n) => n !== people.length)) bench.failures.count += 1;
  return { concurrency, scan, checkin, attendance };
}

/** Rounds of one mode as one load row: every latency, and requests over the time they took. */
function pooled(key: string, label: string, connections: number, samples: Sample[]): LoadResult {
  const latencies = samples.flatMap((s) => s.latenciesMs);
  return {
    key,
    label,
    connections,
    latency: summarize(latencies),
    rps: latencies.length / samples.reduce((sum, s) => sum + s.elapsedS, 0),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    non2xx: samples.reduce((n, s) => n + s.non2xx, 0),
  };
}

export async function benchCheckin(bench: Bench): Promise<AreaResult> {
  const { branch, people } = await meetingPeople(bench);
  // One round first for the code paths to warm up; its attendance is checked like the others', its timings dropped.
  const warmup = await checkinRound(bench, branch.id, people, concurrencies[0]);
  const done: Round[] = [];
  for (const concurrency of concurrencies) for (let i = 0; i < rounds; i++) done.push(await checkinRound(bench, branch.id, people, concurrency));

  const load = [
    pooled(
      'checkin-scan',
      `check-in page: GET /api/checkin/:token (${rounds * concurrencies.length} × ${attendees})`,
      10,
      done.map((r) => r.scan),
    ),
    ...concurrencies.map((c) =>
      pooled(
        `checkin-${c}`,
        `check in: POST /api/checkin/:token, ${c === attendees ? 'all at once' : `${c} at a time`} (${rounds} × ${attendees})`,
        c,
        done.filter((r) => r.concurrency === c).map((r) => r.checkin),
      ),
    ),
  ];
  const attendance = table(
    ['check-in rounds: one new meeting each', 'at a time', 'req/s', 'p99 ms', 'rows', 'present', 'present_count', 'expected_count'],
    done.map((r, i) => [
      `round ${i + 1}`,
      String(r.concurrency),
      (r.checkin.latenciesMs.length / r.checkin.elapsedS).toFixed(0),
      ms(summarize(r.checkin.latenciesMs).p99),
      String(r.attendance.rows),
      String(r.attendance.present),
      String(r.attendance.presentCount),
      String(r.attendance.expectedCount),
    ]),
  );
  const paced = load.find((l) => l.key === 'checkin-10');
  const all = load.find((l) => l.key === `checkin-${attendees}`);
  const exact = [warmup, ...done].every((r) => Object.values(r.attendance).every((n) => n === attendees));
  const checks: Check[] = [];
  if (paced) {
    const met = paced.rps >= 500 && paced.latency.p99 < 50 && exact;
    checks.push({
      target: `check-in of a ${attendees}-person meeting ≥ 500 req/s with p99 < 50 ms (10 at a time)`,
      measured: `${paced.rps.toFixed(0)} req/s, p99 ${ms(paced.latency.p99)} ms${exact ? '' : ', attendance rows or counters wrong'}`,
      verdict: bench.target.size === 'province' ? 'n/a' : met ? 'PASS' : 'MISS',
    });
  }
  const notes = all
    ? [
        `check-in all ${attendees} at once: ${all.rps.toFixed(0)} req/s, p99 ${ms(all.latency.p99)} ms; with every request queued at once the last waits for ` +
          'the ones before it, so its p99 is the time to serve them all, not the time of one check-in',
      ]
    : [];
  if (!exact) notes.push('a round did not end with exactly one present attendance row per member and matching counters');
  return { load, ratios: [], timings: [], sections: [attendance], checks, notes };
}

// ── Compliance matrix ────────────────────────────────────────────

/** Slower than this sequentially, the matrix is timed one request at a time only. */
const loadableMs = 1000;

/** A city over five years; a province over its last twelve months. */
const monthsOf = (target: Target) => (target.size === 'province' ? 12 : 60);

async function complianceCase(target: Target): Promise<{ ratioCase: RatioCase; orgs: number }> {
  const to = monthOf(shanghaiDate(new Date()));
  const months = monthsOf(target);
  const params = { orgId: target.root.id, from: addMonths(to, -(months - 1)), to, pageSize: String(complianceLimits.pageSizeMax) };
  const path = `/api/orglife/compliance?${new URLSearchParams(params)}`;
  const { result, plan } = await captured(target, (ctx) => complianceMatrix(ctx, complianceQuery.parse(params)));
  const answer = await fetchJson<ComplianceMatrix>(target, path);
  const key = (m: ComplianceMatrix) => `${m.items.map((i) => i.orgId).join()} of ${m.total} ${JSON.stringify(m.summary)}`;
  if (key(result) !== key(answer)) throw new Error(`compliance ${path}: the service's statements and the API disagree`);
  return {
    // The statements are four reads; most of the request is evaluating every cell in memory, which the ratio shows.
    ratioCase: {
      key: 'compliance',
      label: `compliance matrix: ${answer.total} orgs × ${months} months`,
      variants: [{ sql: plan, api: get(target, path) }],
      iterations: 20,
      warmup: 3,
    },
    orgs: answer.total,
  };
}

export async function benchCompliance(bench: Bench): Promise<AreaResult> {
  const { target } = bench;
  const { ratioCase, orgs } = await complianceCase(target);
  const ratio = await measureRatio(bench, ratioCase);
  // A report is computed, not looked up: one request per core keeps both busy without measuring a queue. A matrix of
  // seconds (a province's) is not loaded at all: a few requests in the scenario's time would say nothing.
  const loaded =
    ratio.api.p95 < loadableMs
      ? await measureLoad(bench, {
          key: 'compliance',
          label: `compliance matrix (${orgs} orgs × ${monthsOf(target)} months)`,
          connections: availableParallelism(),
          requests: ratioCase.variants.map((v) => v.api),
        })
      : undefined;
  const province = target.size === 'province';
  const limitMs = province ? 2000 : 300;
  const judged = province ? target.kind === 'postgres' : true;
  const check: Check = {
    target: province
      ? 'province compliance matrix (orgs × 12 months) p95 < 2 s, sequential'
      : 'city compliance matrix (orgs × 60 months) p95 < 300 ms, sequential',
    measured: `${ms(ratio.api.p95)} ms${loaded ? ` (${loaded.connections} conns: ${ms(loaded.latency.p95)} ms)` : ''}; API/SQL ${times(ratio.p50Ratio)} p50, ${times(ratio.p95Ratio)} p95`,
    verdict: !judged ? 'n/a' : ratio.api.p95 < limitMs ? 'PASS' : 'MISS',
  };
  const [meetings] = await rowsOf<{ n: number; attendance: number }>(
    target.db,
    sql`select (select count(*)::int from meetings) as n, (select count(*)::int from meeting_attendance) as attendance`,
  );
  return {
    load: loaded ? [loaded] : [],
    ratios: [ratio],
    timings: [],
    sections: [`  meetings data: ${meetings?.n ?? 0} meetings, ${meetings?.attendance ?? 0} attendance rows`],
    checks: [check],
    notes: [],
  };
}
