import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MeetingKind } from '@hangbiao/shared/glossary';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../../test/harness';
import { rowsOf } from '../../db/client';
import { type Ctx, systemCtx } from '../../platform/context';
import { generateReminders, isoWeekOf } from './notices-reminders.service';
import { deliverWebhooks } from './notices-webhooks.service';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

interface NoticeItem {
  id: string;
  kind: string;
  severity: string;
  title: string;
  body: string;
  orgId: string | null;
  readAt: string | null;
  resolvedAt: string | null;
}

const at = (iso: string): Ctx => ({ ...systemCtx(t.database.db, t.app.config), now: new Date(iso) });
/** 08:00 in Asia/Shanghai on the day given. */
const morning = (day: string) => at(`${day}T08:00:00+08:00`);

const inbox = async (session: Session, state = 'open') =>
  ((await session.get(`/api/notices?state=${state}&pageSize=200`)).json() as { items: NoticeItem[] }).items;

async function hold(admin: Session, orgId: string, kind: MeetingKind, startsAt: string) {
  const planned = await admin.post('/api/meetings', { orgId, kind, startsAt, place: '党员活动室' });
  expect(planned.statusCode, planned.body).toBe(200);
  const { id, version } = planned.json() as { id: string; version: number };
  const held = await admin.patch(`/api/meetings/${id}`, { version, status: 'held', firstTopic: '学习习近平总书记近期重要讲话精神' });
  expect(held.statusCode, held.body).toBe(200);
}

/** A department with a branch of 8 full members, an org_admin there and the committee's admin at the root. */
async function department() {
  const { committee, unitId, dept, admin: committeeAdmin } = await t.newDepartment();
  const branch = await t.newOrg(dept, { kind: 'branch', unitId, establishedOn: '2020-01-01' });
  for (let i = 0; i < 8; i++) await t.newMember(branch.id);
  return { committee, unitId, dept, branch, committeeAdmin, orgAdmin: await t.as('org_admin', dept.id) };
}

describe('daily reminders', () => {
  let d: Awaited<ReturnType<typeof department>>;
  let renewing: { id: string; name: string };

  beforeAll(async () => {
    d = await department();
    renewing = await t.newOrg(d.dept, { kind: 'branch', unitId: d.unitId, establishedOn: '2020-01-01' });
    const term = await d.orgAdmin.post(`/api/orgs/${renewing.id}/terms`, { termStart: '2023-04-20', posts: [{ post: 'secretary', holderName: '王书记' }] });
    expect(term.statusCode, term.body).toBe(200);
    await generateReminders(morning('2026-03-26'));
  });

  it('tells the nearest admin of the meetings due by the end of March, in one item per org and month', async () => {
    const items = await inbox(d.orgAdmin);
    const compliance = items.filter((n) => n.kind === 'compliance' && n.orgId === d.branch.id);
    expect(compliance).toHaveLength(1);
    expect(compliance[0]).toMatchObject({ severity: 'warning', title: `${d.branch.name}：组织生活 4 项临期`, readAt: null });
    expect(compliance[0]?.body.split('\n')).toEqual([
      '支部党员大会 2026年第一季度：应开 1 次，实开 0 次（临期，2026-03-31 截止）',
      '支部委员会会议 2026年3月：应开 1 次，实开 0 次（临期，2026-03-31 截止）',
      '党课 2026年第一季度：应开 1 次，实开 0 次（临期，2026-03-31 截止）',
      '主题党日 2026年3月：应开 1 次，实开 0 次（临期，2026-03-31 截止）',
    ]);
  });

  it('reminds of a term due for renewal within 60 days (党和国家机关基层组织工作条例 / 支部工作条例 第十四条)', async () => {
    const term = (await inbox(d.orgAdmin)).find((n) => n.kind === 'termRenewal');
    expect(term).toMatchObject({ orgId: renewing.id, severity: 'warning', title: `${renewing.name}：即将到期换届` });
    expect(term?.body).toContain('应于 2026-04-20 前完成换届');
  });

  it('does not also tell the committee admin above, who gets the weekly digest instead', async () => {
    const items = await inbox(d.committeeAdmin);
    expect(items.map((n) => n.kind)).toEqual(['digest']);
    expect(items[0]?.title).toBe('每周摘要（3月23日—3月29日）');
    // Both branches: the first's four meetings, and the second's (no committee) general meeting, lecture and theme day.
    expect(items[0]?.body).toContain('组织生活：临期 7 项，逾期待补 0 项');
    expect(items[0]?.body).toContain('换届：临期 1 个组织，逾期 0 个组织');
  });

  it('keeps one item per subject: not re-notified the next day, made unread again when it turns overdue, resolved once held', async () => {
    const first = (await inbox(d.orgAdmin)).find((n) => n.kind === 'compliance' && n.orgId === d.branch.id) as NoticeItem;
    const read = await d.orgAdmin.post('/api/notices/read', { ids: [first.id] });
    expect(read.json()).toEqual({ marked: 1 });
    await generateReminders(morning('2026-03-26'));
    await generateReminders(morning('2026-03-27'));
    const sameDay = (await inbox(d.orgAdmin)).filter((n) => n.kind === 'compliance' && n.orgId === d.branch.id);
    expect(sameDay.map((n) => [n.id, Boolean(n.readAt)])).toEqual([[first.id, true]]);
    const [rows] = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from notices where org_id = ${d.branch.id}`);
    expect(rows?.n).toBe(1);

    await generateReminders(morning('2026-04-01'));
    const overdue = (await inbox(d.orgAdmin)).filter((n) => n.kind === 'compliance' && n.orgId === d.branch.id);
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ id: first.id, severity: 'danger', readAt: null, title: `${d.branch.name}：组织生活 4 项逾期待补` });
    expect(overdue[0]?.body).toContain('逾期待补，2026-04-10 前可补录');

    for (const kind of ['generalMeeting', 'committeeMeeting', 'partyLecture', 'themeDay'] as const)
      await hold(d.orgAdmin, d.branch.id, kind, '2026-03-30T15:00:00+08:00');
    await generateReminders(morning('2026-04-02'));
    expect((await inbox(d.orgAdmin)).filter((n) => n.kind === 'compliance' && n.orgId === d.branch.id)).toEqual([]);
    const resolved = (await inbox(d.orgAdmin, 'all')).find((n) => n.id === first.id);
    expect(resolved?.resolvedAt).not.toBeNull();
  });

  it('resolves the renewal reminder once the term is renewed', async () => {
    const term = await d.orgAdmin.post(`/api/orgs/${renewing.id}/terms`, { termStart: '2026-04-10', posts: [{ post: 'secretary', holderName: '李书记' }] });
    expect(term.statusCode, term.body).toBe(200);
    await generateReminders(morning('2026-04-12'));
    expect((await inbox(d.orgAdmin)).filter((n) => n.kind === 'termRenewal')).toEqual([]);
  });
});

describe('weekly digest', () => {
  it('gives each admin one digest a week and closes the one before', async () => {
    const d = await department();
    const digests = async () => (await inbox(d.committeeAdmin, 'all')).filter((n) => n.kind === 'digest');
    await generateReminders(morning('2026-05-06'));
    await generateReminders(morning('2026-05-07'));
    expect((await digests()).map((n) => n.title)).toEqual(['每周摘要（5月4日—5月10日）']);
    await generateReminders(morning('2026-05-11'));
    const after = await digests();
    expect(after.map((n) => [n.title, n.resolvedAt === null])).toEqual([
      ['每周摘要（5月11日—5月17日）', true],
      ['每周摘要（5月4日—5月10日）', false],
    ]);
    expect(isoWeekOf('2026-03-30').key).toBe('2026-W14');
    expect(isoWeekOf('2027-01-01').key).toBe('2026-W53');
  });
});

describe('inbox', () => {
  it('counts unread items, marks all read, and never lets one user mark another’s item', async () => {
    const d = await department();
    await generateReminders(morning('2026-03-26'));
    const summary = (await d.orgAdmin.get('/api/notices/summary')).json() as { unread: number; open: number };
    expect(summary.unread).toBeGreaterThan(0);
    expect(summary.open).toBe(summary.unread);
    const [mine] = await inbox(d.orgAdmin);
    const other = await t.as('org_admin', d.dept.id);
    expect((await other.post('/api/notices/read', { ids: [mine?.id] })).json()).toEqual({ marked: 0 });
    expect((await inbox(d.orgAdmin, 'unread')).map((n) => n.id)).toContain(mine?.id);
    expect((await d.orgAdmin.post('/api/notices/read', {})).statusCode).toBe(422);
    const all = await d.orgAdmin.post('/api/notices/read', { all: true });
    expect(all.json()).toEqual({ marked: summary.unread });
    expect(((await d.orgAdmin.get('/api/notices/summary')).json() as { unread: number }).unread).toBe(0);
    expect(await inbox(d.orgAdmin, 'unread')).toEqual([]);
  });
});

describe('chat webhooks', () => {
  let server: Server;
  let url: string;
  const received: { path: string; body: { msgtype?: string; text?: { content: string }; msg_type?: string; content?: { text: string } } }[] = [];
  let failNext = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: JSON.parse(body) });
        const down = req.url?.startsWith('/down');
        if (down || failNext > 0) {
          failNext = Math.max(0, failNext - 1);
          res.writeHead(500).end('server error');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('stores the robot address sealed, shows it masked, and audits without the key', async () => {
    const d = await department();
    const res = await d.committeeAdmin.post('/api/notices/webhooks', {
      orgId: d.committee.id,
      name: '工委工作群',
      url: `${url}/cgi-bin/webhook/send?key=top-secret-key`,
      format: 'wecom',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().urlMasked).toBe(`${url}/cgi-bin/webhook/send?…`);
    const [row] = await rowsOf<{ url_sealed: string }>(t.database.db, sql`select url_sealed from notice_webhooks where id = ${res.json().id}`);
    expect(row?.url_sealed).not.toContain('top-secret-key');
    const audit = await rowsOf<{ summary: unknown }>(t.database.db, sql`select summary from audit_log where entity_id = ${res.json().id}`);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.summary)).not.toContain('top-secret-key');
    const other = await department();
    expect((await other.committeeAdmin.get('/api/notices/webhooks')).json()).toEqual([]);
    expect((await other.committeeAdmin.patch(`/api/notices/webhooks/${res.json().id}`, { version: 1, active: false })).statusCode).toBe(403);
    expect((await d.committeeAdmin.del(`/api/notices/webhooks/${res.json().id}`)).statusCode).toBe(200);
    expect((await d.committeeAdmin.get('/api/notices/webhooks')).json()).toEqual([]);
  });

  it('posts the day’s news and the weekly digest to a localhost robot, retrying after a 500 with backoff', async () => {
    const d = await department();
    const created = await d.committeeAdmin.post('/api/notices/webhooks', {
      orgId: d.committee.id,
      name: '工委工作群',
      url: `${url}/robot?key=k1`,
      format: 'wecom',
    });
    const webhookId = created.json().id as string;
    const now = new Date('2026-03-26T08:00:00+08:00');
    await generateReminders({ ...systemCtx(t.database.db, t.app.config), now });
    const queued = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from webhook_deliveries where webhook_id = ${webhookId}`);
    expect(queued[0]?.n).toBe(2);

    received.length = 0;
    failNext = 1;
    const ctxAt = (ms: number) => ({ ...systemCtx(t.database.db, t.app.config), now: new Date(now.getTime() + ms) });
    await deliverWebhooks(ctxAt(0));
    expect(received).toHaveLength(2);
    expect(received.every((r) => r.path === '/robot?key=k1' && r.body.msgtype === 'text')).toBe(true);
    const texts = received.map((r) => r.body.text?.content ?? '');
    expect(texts.some((c) => c.startsWith('【航标】2026-03-26 组织生活与换届提醒：新增或升级 1 项') && c.includes(d.branch.name))).toBe(true);
    expect(texts.some((c) => c.startsWith('【航标】每周摘要（3月23日—3月29日）'))).toBe(true);

    let log = (await d.committeeAdmin.get(`/api/notices/webhooks/${webhookId}/deliveries`)).json() as {
      items: { state: string; attempts: number; lastStatus: number | null; nextAttemptAt: string | null }[];
    };
    const failed = log.items.find((i) => i.state === 'pending');
    expect(failed).toMatchObject({ attempts: 1, lastStatus: 500 });
    expect(failed?.nextAttemptAt).toBe(new Date(now.getTime() + 60_000).toISOString());

    await deliverWebhooks(ctxAt(30_000));
    expect(received).toHaveLength(2);
    await deliverWebhooks(ctxAt(61_000));
    expect(received).toHaveLength(3);
    log = (await d.committeeAdmin.get(`/api/notices/webhooks/${webhookId}/deliveries`)).json();
    expect(log.items.map((i) => [i.state, i.attempts]).sort()).toEqual([
      ['delivered', 1],
      ['delivered', 2],
    ]);

    // The same day again, and later that week: nothing new, and the digest went once.
    await generateReminders({ ...systemCtx(t.database.db, t.app.config), now });
    await generateReminders({ ...systemCtx(t.database.db, t.app.config), now: new Date('2026-03-27T08:00:00+08:00') });
    const after = await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from webhook_deliveries where webhook_id = ${webhookId}`);
    expect(after[0]?.n).toBe(2);
  });

  it('gives up after five failed attempts, and sends Feishu’s message shape', async () => {
    const d = await department();
    const created = await d.committeeAdmin.post('/api/notices/webhooks', {
      orgId: d.committee.id,
      name: '飞书群',
      url: `${url}/down/hook/abcdef123456`,
      format: 'feishu',
    });
    expect(created.json().urlMasked).toBe(`${url}/down/hook/abcd…`);
    const webhookId = created.json().id as string;
    const first = await d.committeeAdmin.post(`/api/notices/webhooks/${webhookId}/test`);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500 });
    expect(received.at(-1)?.body).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('测试消息') } });
    // Retries wait 1, 5, 30 and 120 minutes; each poll comes a little after the attempt falls due.
    let clock = Date.now();
    for (const minutes of [1, 5, 30, 120]) {
      clock += minutes * 60_000 + 1000;
      await deliverWebhooks({ ...systemCtx(t.database.db, t.app.config), now: new Date(clock) });
    }
    const [row] = await rowsOf<{ state: string; attempts: number; next_attempt_at: string | null }>(
      t.database.db,
      sql`select state, attempts, next_attempt_at from webhook_deliveries where webhook_id = ${webhookId}`,
    );
    expect(row).toEqual({ state: 'failed', attempts: 5, next_attempt_at: null });
  });
});
