import type { OrgPost, renewalsQuery, TermRenewal, TermStatus } from '@hangbiao/shared/contracts/orgs';
import { addDays, shanghaiDate } from '@hangbiao/shared/dates';
import type { OrgKind } from '@hangbiao/shared/glossary';
import { checkThresholds, ruleOn, termEndOf, termRuleFor, termRules } from '@hangbiao/shared/rules';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type OrgRow, pathInScope, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pageOf } from '../../platform/rows';
import { inRegistry } from '../members/members.service';
import { members } from '../members/members.tables';
import { orgPosts, orgs } from './orgs.tables';

const termKinds: OrgKind[] = [...new Set(termRules.map((r) => r.orgKind))];

function toPost(row: typeof orgPosts.$inferSelect): OrgPost {
  return {
    id: row.id,
    orgId: row.orgId,
    post: row.post,
    holderName: row.holderName,
    termStart: row.termStart,
    termEnd: row.termEnd,
    endedOn: row.endedOn,
    version: row.version,
  };
}

/** Where a term stands today: renewal due within the rule's reminder days, overdue past its end. */
export function termStatusOf(org: { id: string; name: string; kind: OrgKind }, termStart: string | null, today: string): TermStatus {
  const base = { orgId: org.id, orgName: org.name, kind: org.kind };
  const rule = termStart ? termRuleFor(org.kind, termStart) : ruleOn(termRules, today, (r) => r.orgKind === org.kind);
  if (!rule) return { ...base, termStart, dueOn: null, status: 'ok', rule: null };
  if (!termStart) return { ...base, termStart: null, dueOn: null, status: 'noTerm', rule: rule.source };
  const dueOn = termEndOf(rule, termStart);
  const status = dueOn < today ? 'overdue' : addDays(dueOn, -rule.reminderDays) <= today ? 'dueSoon' : 'ok';
  return { ...base, termStart, dueOn, status, rule: `${rule.source}：任期 ${rule.years} 年` };
}

async function currentPosts(ctx: Ctx, orgId: string) {
  return ctx.db
    .select()
    .from(orgPosts)
    .where(and(eq(orgPosts.orgId, orgId), isNull(orgPosts.endedOn)))
    .orderBy(asc(orgPosts.post), asc(orgPosts.holderName));
}

function termOf(org: OrgRow, posts: (typeof orgPosts.$inferSelect)[], today: string) {
  const start =
    posts
      .map((p) => p.termStart)
      .sort()
      .at(-1) ?? null;
  return termStatusOf(org, start, today);
}

export async function termsOf(ctx: Ctx, orgId: string) {
  const org = await requireOrg(ctx, 'orgs.read', orgId);
  const posts = await currentPosts(ctx, org.id);
  return { posts: posts.map(toPost), term: termOf(org, posts, shanghaiDate(ctx.now)) };
}

/** 换届: the elected leadership replaces the current one on `termStart`. */
export async function renewTerm(ctx: Ctx, orgId: string, input: TermRenewal) {
  const today = shanghaiDate(ctx.now);
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'orgs.write', orgId, { forUpdate: true });
    if (org.dissolvedOn) throw new AppError('rule_violation', '组织已撤销，不能换届');
    const rule = termRuleFor(org.kind, input.termStart);
    if (!rule) throw new AppError('rule_violation', `${org.name}不设任期，无需换届`, [{ path: 'body.termStart', message: '该类组织不设任期' }]);
    if (input.termStart > today) throw new AppError('validation_failed', '换届日期不能晚于今天', [{ path: 'body.termStart', message: '不能晚于今天' }]);
    if (input.termStart < org.establishedOn)
      throw new AppError('validation_failed', '换届日期不能早于组织成立日期', [{ path: 'body.termStart', message: `组织成立于 ${org.establishedOn}` }]);
    const before = await currentPosts(tx, org.id);
    const latest = before
      .map((p) => p.termStart)
      .sort()
      .at(-1);
    if (latest && input.termStart <= latest)
      throw new AppError('validation_failed', `换届日期须晚于本届开始日期 ${latest}`, [{ path: 'body.termStart', message: `须晚于 ${latest}` }]);
    const [counts] = await tx.db
      .select({ full: sql<number>`count(*) filter (where ${members.category} = 'full')::int` })
      .from(members)
      .where(and(eq(members.orgId, org.id), isNull(members.deletedAt), inRegistry()));
    const findings = checkThresholds(org.kind, { fullMembers: counts?.full ?? 0, committeeSize: input.posts.length }, input.termStart).filter(
      (f) => f.severity === 'block' && f.rule.endsWith('committeeSize'),
    );
    if (findings.length)
      throw new AppError(
        'rule_violation',
        findings.map((f) => `${f.message}（${f.source}）`).join('；'),
        findings.map((f) => ({ path: 'body.posts', message: f.message })),
      );
    const termEnd = termEndOf(rule, input.termStart);
    if (before.length) {
      await tx.db
        .update(orgPosts)
        .set({ endedOn: input.termStart, version: sql`${orgPosts.version} + 1`, updatedAt: tx.now })
        .where(
          inArray(
            orgPosts.id,
            before.map((p) => p.id),
          ),
        );
    }
    await tx.db.insert(orgPosts).values(
      input.posts.map((p) => ({
        id: newId(),
        committeeId: org.committeeId,
        orgId: org.id,
        post: p.post,
        holderName: p.holderName,
        termStart: input.termStart,
        termEnd,
      })),
    );
    await audit(tx, {
      action: 'org.termRenewal',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { before: before.map((p) => ({ post: p.post, holderName: p.holderName, termStart: p.termStart })), after: input },
    });
    const posts = await currentPosts(tx, org.id);
    return { posts: posts.map(toPost), term: termOf(org, posts, today) };
  });
}

/** Orgs whose term is due soon or overdue, most urgent first. */
export async function renewals(ctx: Ctx, query: z.infer<typeof renewalsQuery>) {
  const paths = scopeOf(ctx, 'orgs.read');
  const under = query.under ? await requireOrg(ctx, 'orgs.read', query.under) : undefined;
  const today = shanghaiDate(ctx.now);
  // Reminder lead times come from the rule table; the CASE keeps the filter and the paging in SQL.
  const lead = sql.join(
    termKinds.map((kind) => sql`when ${kind} then ${ruleOn(termRules, today, (r) => r.orgKind === kind)?.reminderDays ?? 0}`),
    sql` `,
  );
  const due = sql`(select max(p.term_end) from org_posts p where p.org_id = orgs.id and p.ended_on is null)`;
  const status = sql<string>`case when ${due} is null then 'noTerm' when ${due} < ${today} then 'overdue'
    when ${due} - (case ${orgs.kind} ${lead} else 0 end) <= ${today}::date then 'dueSoon' else 'ok' end`;
  const where = and(
    isNull(orgs.deletedAt),
    isNull(orgs.dissolvedOn),
    inArray(orgs.kind, termKinds),
    under ? sql`${orgs.path} like ${`${under.path}%`}` : pathInScope(paths, orgs.path),
    query.status ? sql`${status} = ${query.status}` : sql`${status} in ('dueSoon', 'overdue')`,
  );
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ org: orgs, termStart: sql<string | null>`(select max(p.term_start) from org_posts p where p.org_id = orgs.id and p.ended_on is null)` })
      .from(orgs)
      .where(where)
      .orderBy(sql`${due} asc nulls first`, asc(orgs.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: sql<number>`count(*)::int` }).from(orgs).where(where),
  ]);
  return pageOf(
    rows.map((r) => termStatusOf(r.org, r.termStart ? String(r.termStart).slice(0, 10) : null, today)),
    total?.n ?? 0,
    query,
  );
}
