import { addDays, monthOf, shanghaiDate } from '@hangbiao/shared/dates';
import { type ComplianceStatus, complianceStatuses, type NoticeKind, type OrgKind, roles } from '@hangbiao/shared/glossary';
import { roleGrants } from '@hangbiao/shared/permissions';
import { type ComplianceCounts, complianceRate, dayNumber, describeCell, emptyCounts, meetingRequirements, termRules } from '@hangbiao/shared/rules';
import { and, eq, gt, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { newId } from '../../platform/ids';
import { type EvaluatedRow, type Evaluation, evaluateTree } from '../orglife/orglife-compliance.service';
import { orgs } from '../orgs/orgs.tables';
import { termStatusOf } from '../orgs/orgs-terms.service';
import { notices, noticeWebhooks } from './notices.tables';
import { enqueue } from './notices-webhooks.service';

/** Roles that run organisational life in their subtree: they receive its reminders. */
const adminRoles = roles.keys.filter((role) => roleGrants(role, 'orglife.write'));
const termKinds = [...new Set(termRules.map((r) => r.orgKind))];
const maxLead = Math.max(...meetingRequirements.map((r) => r.leadDays));
const maxGrace = Math.max(...meetingRequirements.map((r) => r.graceDays));
const severityRank = { info: 0, warning: 1, danger: 2 } as const;
type Severity = keyof typeof severityRank;
/** Longer than any requirement stays due soon or overdue: items resolved longer ago than this are history. */
const reopenWindowDays = maxLead + maxGrace + 30;
/** Lines of a chat message before the rest is only counted. */
const messageLines = 10;

/** Something an org has to act on: a group of compliance cells falling due in one month, or a term renewal. */
interface Subject {
  orgId: string;
  orgPath: string;
  kind: NoticeKind;
  subject: string;
  severity: Severity;
  title: string;
  body: string;
  link: string;
  items: string[];
}

export interface ReminderRun {
  committees: number;
  created: number;
  updated: number;
  resolved: number;
  digests: number;
  deliveries: number;
}

/** The ISO week of a day: its key (2026-W48) and its Monday and Sunday. */
export function isoWeekOf(date: string) {
  const weekday = (((dayNumber(date) + 3) % 7) + 7) % 7;
  const monday = addDays(date, -weekday);
  const thursday = addDays(monday, 3);
  const year = thursday.slice(0, 4);
  const week = Math.floor((dayNumber(thursday) - dayNumber(`${year}-01-01`)) / 7) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, monday, sunday: addDays(monday, 6) };
}

const chineseDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/** What one org's cells add to a digest: those open now, and this year's judged so far. */
interface OrgDigest {
  path: string;
  dueSoon: number;
  overdue: number;
  counts: ComplianceCounts;
}

/**
 * One walk over every org's cells: the subjects to remind of (an org's due-soon and overdue cells, grouped by the
 * month they fall due in) and each org's share of a digest, in the evaluation's path order.
 */
function complianceSubjects(evaluation: Evaluation, today: string): { subjects: Subject[]; digests: OrgDigest[] } {
  const year = today.slice(0, 4);
  const groups = new Map<string, { row: EvaluatedRow; month: string; overdue: number; dueSoon: number; lines: string[]; items: string[] }>();
  const digests: OrgDigest[] = [];
  for (const row of evaluation.rows) {
    const digest: OrgDigest = { path: row.org.path, dueSoon: row.counts.dueSoon, overdue: row.counts.overdue, counts: emptyCounts() };
    digests.push(digest);
    for (const series of evaluation.seriesOf(row)) {
      evaluation.periods[series.period].forEach((period, i) => {
        const status = series.statuses[i] as ComplianceStatus;
        if (period.to.slice(0, 4) === year && period.to <= today) digest.counts[status] += 1;
        if (status !== 'dueSoon' && status !== 'overdue') return;
        const month = period.to.slice(0, 7);
        const key = `${row.org.id}:${month}`;
        const group = groups.get(key) ?? { row, month, overdue: 0, dueSoon: 0, lines: [], items: [] };
        group[status] += 1;
        group.lines.push(describeCell(series.kind, period, evaluation.outcomeOf(row, series.kind, period)));
        group.items.push(`${series.kind}:${period.key}:${status}`);
        groups.set(key, group);
      });
    }
  }
  const subjects = [...groups.entries()].map(([key, g]): Subject => {
    const parts = [g.overdue ? `${g.overdue} 项逾期待补` : '', g.dueSoon ? `${g.dueSoon} 项临期` : ''].filter(Boolean).join('、');
    return {
      orgId: g.row.org.id,
      orgPath: g.row.org.path,
      kind: 'compliance',
      subject: `compliance:${key}`,
      severity: g.overdue ? 'danger' : 'warning',
      title: `${g.row.org.name}：组织生活 ${parts}`,
      body: g.lines.join('\n'),
      link: `/orglife/compliance?org=${g.row.org.id}&year=${g.month.slice(0, 4)}`,
      items: g.items.sort(),
    };
  });
  return { subjects, digests };
}

async function termSubjects(ctx: Ctx, committeeId: string, today: string): Promise<Subject[]> {
  const rows = await rowsOf<{ id: string; name: string; kind: OrgKind; path: string; term_start: string | null }>(
    ctx.db,
    sql`select o.id, o.name, o.kind, o.path,
          (select max(p.term_start)::text from org_posts p where p.org_id = o.id and p.ended_on is null) as term_start
        from orgs o
        where o.committee_id = ${committeeId} and o.deleted_at is null and o.dissolved_on is null and o.kind in ${termKinds}`,
  );
  return rows.flatMap((o): Subject[] => {
    const term = termStatusOf(o, o.term_start, today);
    if ((term.status !== 'dueSoon' && term.status !== 'overdue') || !term.dueOn) return [];
    const overdue = term.status === 'overdue';
    return [
      {
        orgId: o.id,
        orgPath: o.path,
        kind: 'termRenewal',
        subject: `term:${o.id}:${term.dueOn}`,
        severity: overdue ? 'danger' : 'warning',
        title: `${o.name}：${overdue ? '换届已逾期' : '即将到期换届'}`,
        body: `本届班子自 ${term.termStart} 起任职，应于 ${term.dueOn} 前完成换届${overdue ? '，现已逾期' : ''}。依据：${term.rule}`,
        link: `/orgs/${o.id}`,
        items: [`term:${term.status}`],
      },
    ];
  });
}

/** The admins whose scope is the closest above the org: a department's own admins, not also everyone above them. */
function nearestAdmins(admins: readonly { user_id: string; path: string }[], orgPath: string): string[] {
  let depth = -1;
  let users: string[] = [];
  for (const admin of admins) {
    if (!orgPath.startsWith(admin.path)) continue;
    if (admin.path.length > depth) {
      depth = admin.path.length;
      users = [admin.user_id];
    } else if (admin.path.length === depth && !users.includes(admin.user_id)) users.push(admin.user_id);
  }
  return users;
}

/**
 * The orgs' digest shares under some paths. The shares are in path order, so each path's subtree is one run found
 * by binary search: a province's thousands of admins do not each scan its 47,000 orgs.
 */
function* digestsUnder(digests: readonly OrgDigest[], paths: readonly string[]) {
  const roots = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q)));
  for (const root of new Set(roots)) {
    let low = 0;
    let high = digests.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((digests[mid]?.path ?? '') < root) low = mid + 1;
      else high = mid;
    }
    for (let i = low; i < digests.length && digests[i]?.path.startsWith(root); i++) yield digests[i] as OrgDigest;
  }
}

const under = (paths: readonly string[], path: string) => paths.some((p) => path.startsWith(p));

/** A week's summary of one subtree: what is open now, how the year went, which terms are due. */
function digestOf(digests: readonly OrgDigest[], terms: readonly Subject[], paths: readonly string[], today: string) {
  const open = { dueSoon: 0, overdue: 0 };
  const counts = emptyCounts();
  for (const d of digestsUnder(digests, paths)) {
    open.dueSoon += d.dueSoon;
    open.overdue += d.overdue;
    for (const status of complianceStatuses.keys) counts[status] += d.counts[status];
  }
  const rate = complianceRate(counts);
  const due = terms.filter((t) => under(paths, t.orgPath));
  const overdueTerms = due.filter((t) => t.severity === 'danger').length;
  const week = isoWeekOf(today);
  return {
    title: `每周摘要（${chineseDay(week.monday)}—${chineseDay(week.sunday)}）`,
    lines: [
      `组织生活：临期 ${open.dueSoon} 项，逾期待补 ${open.overdue} 项`,
      `${today.slice(0, 4)}年已到期的要求：完成 ${counts.met} 项，未完成 ${counts.missed} 项，完成率 ${rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`}`,
      `换届：临期 ${due.length - overdueTerms} 个组织，逾期 ${overdueTerms} 个组织`,
    ],
  };
}

async function remindCommittee(ctx: Ctx, committeeId: string, today: string, run: ReminderRun) {
  const admins = await rowsOf<{ user_id: string; path: string }>(
    ctx.db,
    sql`select ra.user_id, o.path from role_assignments ra join users u on u.id = ra.user_id join orgs o on o.id = ra.org_id
        where ra.committee_id = ${committeeId} and u.active and o.deleted_at is null and ra.role in ${adminRoles}`,
  );
  const yearStart = `${today.slice(0, 4)}-01`;
  const earliest = monthOf(addDays(today, -maxGrace));
  const evaluation = await evaluateTree(ctx, {
    paths: [`/${committeeId}/`],
    from: earliest < yearStart ? earliest : yearStart,
    to: monthOf(addDays(today, maxLead)),
  });
  const terms = await termSubjects(ctx, committeeId, today);
  const compliance = complianceSubjects(evaluation, today);
  const subjects = [...compliance.subjects, ...terms];
  const desired = subjects.flatMap((s) => nearestAdmins(admins, s.orgPath).map((userId) => ({ ...s, userId })));
  const week = isoWeekOf(today);
  const digestSubject = `digest:${week.key}`;

  await transact(ctx, async (tx) => {
    const existing = await tx.db
      .select()
      .from(notices)
      .where(
        and(
          eq(notices.committeeId, committeeId),
          inArray(notices.kind, ['compliance', 'termRenewal']),
          // A subject is due soon or overdue for at most a few months, so one resolved longer ago cannot come back.
          or(isNull(notices.resolvedAt), gt(notices.updatedAt, new Date(ctx.now.getTime() - reopenWindowDays * 86_400_000))),
        ),
      );
    const byKey = new Map(existing.map((n) => [`${n.userId}|${n.subject}`, n]));
    const seen = new Set<string>();
    const changed = new Map<string, Subject>();
    const inserts: (typeof notices.$inferInsert)[] = [];
    const updates: SQL[] = [];
    let created = 0;
    for (const d of desired) {
      const key = `${d.userId}|${d.subject}`;
      const before = byKey.get(key);
      seen.add(key);
      const content = { severity: d.severity, title: d.title, body: d.body, link: d.link, items: d.items };
      if (!before) {
        inserts.push({
          id: newId(),
          committeeId,
          userId: d.userId,
          orgId: d.orgId,
          kind: d.kind,
          subject: d.subject,
          ...content,
          createdAt: tx.now,
          updatedAt: tx.now,
        });
        changed.set(d.subject, d);
        created += 1;
        continue;
      }
      // Told again (unread) only when something new is listed or it got worse, never for the same news.
      const escalated =
        before.resolvedAt !== null || d.items.some((k) => !before.items.includes(k)) || severityRank[d.severity] > severityRank[before.severity];
      const same = !escalated && before.title === d.title && before.body === d.body && before.severity === d.severity && before.items.join() === d.items.join();
      if (same) continue;
      updates.push(sql`(${before.id}::uuid, ${d.severity}, ${d.title}, ${d.body}, ${d.link}, ${JSON.stringify(d.items)}::jsonb, ${escalated}::boolean)`);
      if (escalated) changed.set(d.subject, d);
    }
    for (let i = 0; i < inserts.length; i += 500) await tx.db.insert(notices).values(inserts.slice(i, i + 500));
    // On the first of a month a province's due-soon items all turn overdue: they are updated in batches.
    for (let i = 0; i < updates.length; i += 500) {
      await tx.db.execute(sql`
        update notices n set severity = v.severity, title = v.title, body = v.body, link = v.link, items = v.items, resolved_at = null,
          updated_at = ${tx.now.toISOString()}::timestamptz, read_at = case when v.escalated then null else n.read_at end
        from (values ${sql.join(updates.slice(i, i + 500), sql`, `)}) as v(id, severity, title, body, link, items, escalated)
        where n.id = v.id`);
    }
    const updated = updates.length;
    const settled = existing.filter((n) => n.resolvedAt === null && n.kind !== 'digest' && !seen.has(`${n.userId}|${n.subject}`)).map((n) => n.id);
    for (let i = 0; i < settled.length; i += 500) {
      await tx.db
        .update(notices)
        .set({ resolvedAt: tx.now, updatedAt: tx.now })
        .where(inArray(notices.id, settled.slice(i, i + 500)));
    }

    // One digest per admin per ISO week, over their whole scope; the week before's is then closed.
    const scopes = new Map<string, string[]>();
    for (const a of admins) scopes.set(a.user_id, [...(scopes.get(a.user_id) ?? []), a.path]);
    const hadDigest = new Set(
      (
        await tx.db
          .select({ userId: notices.userId })
          .from(notices)
          .where(and(eq(notices.committeeId, committeeId), eq(notices.subject, digestSubject)))
      ).map((r) => r.userId),
    );
    let digests = 0;
    for (const [userId, paths] of scopes) {
      if (hadDigest.has(userId)) continue;
      const digest = digestOf(compliance.digests, terms, paths, today);
      await tx.db
        .update(notices)
        .set({ resolvedAt: tx.now, updatedAt: tx.now })
        .where(and(eq(notices.userId, userId), eq(notices.kind, 'digest'), isNull(notices.resolvedAt)));
      await tx.db.insert(notices).values({
        id: newId(),
        committeeId,
        userId,
        orgId: null,
        kind: 'digest',
        subject: digestSubject,
        severity: 'info',
        title: digest.title,
        body: digest.lines.join('\n'),
        link: '/orglife/compliance',
        items: [],
        createdAt: tx.now,
        updatedAt: tx.now,
      });
      digests += 1;
    }

    // Chat robots hear of what is new or worse today in their subtree, and get each week's digest once.
    const webhooks = await tx.db
      .select({ id: noticeWebhooks.id, committeeId: noticeWebhooks.committeeId, path: orgs.path })
      .from(noticeWebhooks)
      .innerJoin(orgs, eq(orgs.id, noticeWebhooks.orgId))
      .where(and(eq(noticeWebhooks.committeeId, committeeId), eq(noticeWebhooks.active, true)));
    let deliveries = 0;
    for (const w of webhooks) {
      const news = [...changed.values()].filter((s) => s.orgPath.startsWith(w.path));
      if (news.length > 0) {
        const lines = news.slice(0, messageLines).map((s) => `· ${s.title}`);
        if (news.length > messageLines) lines.push(`（另有 ${news.length - messageLines} 项，详见系统）`);
        await enqueue(tx, w, [`【航标】${today} 组织生活与换届提醒：新增或升级 ${news.length} 项`, ...lines].join('\n'));
        deliveries += 1;
      }
      const digest = digestOf(compliance.digests, terms, [w.path], today);
      if (await enqueue(tx, w, [`【航标】${digest.title}`, ...digest.lines].join('\n'), digestSubject)) deliveries += 1;
    }

    if (created + updated + settled.length + digests + deliveries > 0) {
      await audit(tx, {
        action: 'notices.generated',
        entityType: 'committee',
        entityId: committeeId,
        orgId: committeeId,
        orgPath: `/${committeeId}/`,
        committeeId,
        summary: { today, created, updated, resolved: settled.length, digests, deliveries },
      });
    }
    run.created += created;
    run.updated += updated;
    run.resolved += settled.length;
    run.digests += digests;
    run.deliveries += deliveries;
  });
}

/**
 * The daily reminder run: for every committee with admins, the compliance cells due soon or overdue and the terms
 * due for renewal become inbox items of the nearest admins (created once, updated, resolved when settled), each
 * admin gets one digest a week, and the committee's chat robots are sent what is new.
 */
export async function generateReminders(ctx: Ctx): Promise<ReminderRun> {
  const today = shanghaiDate(ctx.now);
  const committees = await rowsOf<{ committee_id: string }>(
    ctx.db,
    sql`select distinct ra.committee_id from role_assignments ra join users u on u.id = ra.user_id where u.active and ra.role in ${adminRoles}`,
  );
  const run: ReminderRun = { committees: committees.length, created: 0, updated: 0, resolved: 0, digests: 0, deliveries: 0 };
  for (const { committee_id } of committees) await remindCommittee(ctx, committee_id, today, run);
  return run;
}
