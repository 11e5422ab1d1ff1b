import type { Finding, Org, OrgCreate, OrgDetail, OrgUpdate, orgListQuery, TreeNode } from '@hangbiao/shared/contracts/orgs';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { allowedChildKinds, type OrgKind, orgKinds } from '@hangbiao/shared/glossary';
import { checkThresholds, type OrgMetrics } from '@hangbiao/shared/rules';
import { and, asc, count, desc, eq, ilike, inArray, isNull, like, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { covers, type OrgRow, pathInScope, requireOrg, scopeOf, scopeSql } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { likeText, pageOf, updateVersioned } from '../../platform/rows';
import { members } from '../members/members.tables';
import { orgEvents, orgPosts, orgs, orgUnits, orgVersions, units } from './orgs.tables';
import { unitsExist } from './orgs-units.service';

const live = and(isNull(orgs.deletedAt), isNull(orgs.dissolvedOn));

// Table names are spelled out: in a select without joins Drizzle leaves columns unqualified, which a subquery would rebind.
// Counts cover the org's whole subtree (an org's members include its branches' and groups'), read as a path range.
const subtreeMembers = (filter: string) =>
  sql.raw(`(select count(*)::int from members m join orgs s on s.id = m.org_id
    where s.path >= orgs.path and s.path < left(orgs.path, -1) || '0' and m.deleted_at is null${filter})`);
const memberCount = sql<number>`${subtreeMembers('')}`;
const fullMemberCount = sql<number>`${subtreeMembers(" and m.category = 'full'")}`;
const coveredUnitIds = sql<string[]>`coalesce((select array_agg(ou.unit_id::text order by ou.unit_id) from org_units ou where ou.org_id = orgs.id), '{}')`;

const orgColumns = {
  org: orgs,
  unitName: units.name,
  memberCount,
  fullMemberCount,
  coveredUnitIds,
};

type OrgSelection = { org: OrgRow; unitName: string | null; memberCount: number; fullMemberCount: number; coveredUnitIds: string[] };

function toOrg({ org, unitName, memberCount, fullMemberCount, coveredUnitIds }: OrgSelection): Org {
  return {
    id: org.id,
    parentId: org.parentId,
    name: org.name,
    kind: org.kind,
    unitId: org.unitId,
    unitName,
    coveredUnitIds,
    establishedOn: org.establishedOn,
    dissolvedOn: org.dissolvedOn,
    contactName: org.contactName,
    contactPhone: org.contactPhone,
    depth: org.depth,
    memberCount,
    fullMemberCount,
    childCount: org.childCount,
    version: org.version,
  };
}

function selectOrgs(db: Ctx['db']) {
  return db.select(orgColumns).from(orgs).leftJoin(units, eq(units.id, orgs.unitId));
}

const idsOfPath = (path: string) => path.split('/').filter(Boolean);

// ── Reading the tree ─────────────────────────────────────────────

type NodeRow = { id: string; parentId: string | null; name: string; kind: OrgKind; childCount: number; dissolvedOn: string | null };

function toNode(row: NodeRow): TreeNode {
  return { id: row.id, parentId: row.parentId, name: row.name, kind: row.kind, childCount: Number(row.childCount), dissolvedOn: row.dissolvedOn };
}

/** The tree as it stood on a date, from the org versions kept by reform events. */
async function childrenAsOf(ctx: Ctx, parentIds: string[] | null, ids: string[] | null, asOf: string): Promise<TreeNode[]> {
  const filter = parentIds ? sql`v.parent_id in ${parentIds}` : sql`v.org_id in ${ids ?? []}`;
  const rows = await rowsOf<NodeRow>(
    ctx.read,
    sql`
    select v.org_id as "id", v.parent_id as "parentId", v.name, v.kind, null as "dissolvedOn",
      (select count(*) from org_versions c join orgs co on co.id = c.org_id and co.deleted_at is null
        where c.parent_id = v.org_id and c.valid_from <= ${asOf} and (c.valid_to is null or c.valid_to > ${asOf}))::int as "childCount"
    from org_versions v join orgs o on o.id = v.org_id and o.deleted_at is null
    where ${filter} and v.valid_from <= ${asOf} and (v.valid_to is null or v.valid_to > ${asOf})
    order by v.name`,
  );
  return rows.map(toNode);
}

const nodeSelect = sql`select id, parent_id as "parentId", name, kind, child_count as "childCount", dissolved_on as "dissolvedOn" from orgs`;

/**
 * Reads a live level or subtree with the scope check folded into the same query: the hot tree
 * endpoints cost one round trip. Only an empty answer needs a second look, to tell 403 from a leaf.
 */
async function liveNodes(ctx: Ctx, paths: string[], id: string, which: 'children' | 'subtree'): Promise<TreeNode[]> {
  const anchor = sql`(select a.path from orgs a where a.id = ${id} and a.deleted_at is null and ${scopeSql(paths, sql`a.path`)})`;
  // A subtree is the range [anchor, anchor with its final '/' raised to '0'), which an index scan reads in path order.
  const filter = which === 'children' ? sql`parent_id = ${id} and exists ${anchor}` : sql`path >= ${anchor} and path < left(${anchor}, -1) || '0'`;
  const order = which === 'children' ? sql`name` : sql`path`;
  const rows = await rowsOf<NodeRow>(ctx.read, sql`${nodeSelect} where ${filter} and deleted_at is null and dissolved_on is null order by ${order}`);
  if (rows.length === 0) await requireOrg(ctx, 'orgs.read', id);
  return rows.map(toNode);
}

/** Children of an org, or the roots of the caller's scope; one level, for lazy tree loading. */
export async function treeChildren(ctx: Ctx, query: { parentId?: string; asOf?: string }): Promise<TreeNode[]> {
  const paths = scopeOf(ctx, 'orgs.read');
  if (query.parentId) {
    if (!query.asOf) return liveNodes(ctx, paths, query.parentId, 'children');
    const parent = await requireOrg(ctx, 'orgs.read', query.parentId);
    return childrenAsOf(ctx, [parent.id], null, query.asOf);
  }
  const rootIds = paths.filter((p) => !paths.some((q) => q !== p && p.startsWith(q))).map((p) => idsOfPath(p).at(-1) as string);
  if (query.asOf) return childrenAsOf(ctx, null, rootIds, query.asOf);
  const rows = await rowsOf<NodeRow>(ctx.read, sql`${nodeSelect} where id in ${rootIds} and deleted_at is null order by path`);
  return rows.map(toNode);
}

/** The whole subtree under an org, flat and in path order. */
export async function subtree(ctx: Ctx, id: string, query: { asOf?: string }): Promise<TreeNode[]> {
  const paths = scopeOf(ctx, 'orgs.read');
  if (!query.asOf) return liveNodes(ctx, paths, id, 'subtree');
  const root = await requireOrg(ctx, 'orgs.read', id);
  const rows = await rowsOf<NodeRow>(
    ctx.read,
    sql`
    with recursive t as (
      select v.org_id, v.parent_id, v.name, v.kind, 0 as lvl, v.name::text as sortkey from org_versions v
        where v.org_id = ${root.id} and v.valid_from <= ${query.asOf} and (v.valid_to is null or v.valid_to > ${query.asOf})
      union all
      select v.org_id, v.parent_id, v.name, v.kind, t.lvl + 1, t.sortkey || '/' || v.name from org_versions v join t on v.parent_id = t.org_id
        where v.valid_from <= ${query.asOf} and (v.valid_to is null or v.valid_to > ${query.asOf}) and t.lvl < 20
    )
    select t.org_id as "id", t.parent_id as "parentId", t.name, t.kind, null as "dissolvedOn",
      (select count(*) from t c where c.parent_id = t.org_id)::int as "childCount"
    from t join orgs o on o.id = t.org_id and o.deleted_at is null order by t.sortkey`,
  );
  return rows.map(toNode);
}

const orgSorts = {
  name: [asc(orgs.name)],
  '-name': [desc(orgs.name)],
  establishedOn: [asc(orgs.establishedOn)],
  '-establishedOn': [desc(orgs.establishedOn)],
  kind: [asc(orgs.kind), asc(orgs.name)],
} as const;

export async function listOrgs(ctx: Ctx, query: z.infer<typeof orgListQuery>) {
  const paths = scopeOf(ctx, 'orgs.read');
  const under = query.under ? await requireOrg(ctx, 'orgs.read', query.under) : undefined;
  const where = and(
    isNull(orgs.deletedAt),
    query.includeDissolved ? undefined : isNull(orgs.dissolvedOn),
    under ? like(orgs.path, `${under.path}%`) : pathInScope(paths, orgs.path),
    query.q ? ilike(orgs.name, likeText(query.q)) : undefined,
    query.kind ? eq(orgs.kind, query.kind) : undefined,
    query.unitId ? eq(orgs.unitId, query.unitId) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ org: orgs, unitName: units.name })
      .from(orgs)
      .leftJoin(units, eq(units.id, orgs.unitId))
      .where(where)
      .orderBy(...orgSorts[query.sort], asc(orgs.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: count() }).from(orgs).where(where),
  ]);
  // Counts only for the page's rows: computing them in the page query would run them for every skipped row too.
  const [counts, names] = await Promise.all([
    countsOf(
      ctx,
      rows.map((r) => r.org.id),
    ),
    namesOf(
      ctx,
      rows.flatMap((r) => idsOfPath(r.org.path)),
    ),
  ]);
  const items = rows.map((r) => ({
    ...toOrg({ ...r, ...(counts.get(r.org.id) ?? { memberCount: 0, fullMemberCount: 0, coveredUnitIds: [] }) }),
    pathNames: idsOfPath(r.org.path).map((i) => names.get(i) ?? ''),
  }));
  return pageOf(items, total?.n ?? 0, query);
}

async function countsOf(ctx: Ctx, ids: string[]) {
  if (ids.length === 0) return new Map<string, Pick<OrgSelection, 'memberCount' | 'fullMemberCount' | 'coveredUnitIds'>>();
  const rows = await ctx.read.select({ id: orgs.id, memberCount, fullMemberCount, coveredUnitIds }).from(orgs).where(inArray(orgs.id, ids));
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

async function namesOf(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.read.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ── One org ─────────────────────────────────────────────────────

async function metricsOf(ctx: Ctx, org: OrgRow, counts: { members: number; full: number; coveredUnits: number }): Promise<OrgMetrics> {
  const metrics: OrgMetrics = { members: counts.members, fullMembers: counts.full };
  if (org.kind === 'jointBranch') metrics.coveredUnits = counts.coveredUnits;
  if (org.kind === 'branch' || org.kind === 'jointBranch') {
    const [posts] = await ctx.db
      .select({ n: count() })
      .from(orgPosts)
      .where(and(eq(orgPosts.orgId, org.id), isNull(orgPosts.endedOn)));
    metrics.committeeSize = posts?.n ?? 0;
  }
  return metrics;
}

export async function getOrg(ctx: Ctx, id: string): Promise<OrgDetail> {
  const found = await requireOrg(ctx, 'orgs.read', id);
  const [row] = await selectOrgs(ctx.db).where(eq(orgs.id, found.id));
  if (!row) throw new AppError('not_found');
  const paths = scopeOf(ctx, 'orgs.read');
  const ancestorIds = idsOfPath(found.path).slice(0, -1);
  const names = await namesOf(ctx, ancestorIds);
  const ancestors = ancestorIds
    .filter((aid) => covers(paths, found.path.slice(0, found.path.indexOf(aid) + aid.length + 1)))
    .map((aid) => ({ id: aid, name: names.get(aid) ?? '' }));
  const metrics = await metricsOf(ctx, found, { members: row.memberCount, full: row.fullMemberCount, coveredUnits: row.coveredUnitIds.length });
  const findings: Finding[] = found.dissolvedOn ? [] : checkThresholds(found.kind, metrics, shanghaiDate(ctx.now));
  return { ...toOrg(row), ancestors, findings };
}

function ruleError(findings: Finding[], path: string): AppError | undefined {
  const blocking = findings.filter((f) => f.severity === 'block');
  if (blocking.length === 0) return undefined;
  return new AppError(
    'rule_violation',
    blocking.map((f) => `${f.message}（${f.source}）`).join('；'),
    blocking.map((f) => ({ path, message: f.message })),
  );
}

export async function assertSiblingNameFree(ctx: Ctx, parentId: string, name: string, exceptId?: string) {
  const [clash] = await ctx.db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.parentId, parentId), eq(orgs.name, name), live, exceptId ? ne(orgs.id, exceptId) : undefined));
  if (clash) throw new AppError('conflict', `同一上级下已有名为「${name}」的组织`, [{ path: 'body.name', message: '名称已被使用' }]);
}

export function assertChildKind(parent: OrgRow, kind: OrgKind, path: string) {
  if (!allowedChildKinds[parent.kind].includes(kind)) {
    throw new AppError('rule_violation', `${orgKinds.label(parent.kind)}下不能设立${orgKinds.label(kind)}`, [
      { path, message: `可设立：${allowedChildKinds[parent.kind].map((k) => orgKinds.label(k)).join('、') || '无'}` },
    ]);
  }
}

export async function createOrg(ctx: Ctx, input: OrgCreate): Promise<OrgDetail> {
  const today = shanghaiDate(ctx.now);
  const id = await transact(ctx, async (tx) => {
    const parent = await requireOrg(tx, 'orgs.write', input.parentId, { forUpdate: true });
    if (parent.dissolvedOn) throw new AppError('rule_violation', '上级组织已撤销', [{ path: 'body.parentId', message: '上级组织已撤销' }]);
    assertChildKind(parent, input.kind, 'body.kind');
    if (input.establishedOn > today) throw new AppError('validation_failed', '成立日期不能晚于今天', [{ path: 'body.establishedOn', message: '不能晚于今天' }]);
    if (input.establishedOn < parent.establishedOn) {
      throw new AppError('validation_failed', '成立日期不能早于上级组织', [{ path: 'body.establishedOn', message: `上级组织成立于 ${parent.establishedOn}` }]);
    }
    const joint = input.kind === 'jointBranch';
    const covered = joint ? [...new Set(input.coveredUnitIds ?? [])] : [];
    const unitId = joint ? null : (input.unitId ?? parent.unitId);
    if (!joint && !unitId) throw new AppError('validation_failed', '请选择所属单位', [{ path: 'body.unitId', message: '请选择所属单位' }]);
    if (!joint && parent.unitId && unitId !== parent.unitId) {
      throw new AppError('validation_failed', '下级组织须与上级组织属于同一单位', [{ path: 'body.unitId', message: '须与上级组织同一单位' }]);
    }
    if (!(await unitsExist(tx, parent.committeeId, unitId ? [unitId] : covered))) {
      throw new AppError('validation_failed', '所选单位不存在', [{ path: joint ? 'body.coveredUnitIds' : 'body.unitId', message: '单位不存在' }]);
    }
    const blocked = ruleError(checkThresholds(input.kind, joint ? { coveredUnits: covered.length } : {}, today), 'body.coveredUnitIds');
    if (blocked) throw blocked;
    await assertSiblingNameFree(tx, parent.id, input.name);

    const id = newId();
    const row = {
      id,
      committeeId: parent.committeeId,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      kind: input.kind,
      name: input.name,
      unitId,
      establishedOn: input.establishedOn,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
    };
    await tx.db.insert(orgs).values(row);
    if (covered.length) await tx.db.insert(orgUnits).values(covered.map((u) => ({ orgId: id, unitId: u, committeeId: parent.committeeId })));
    await tx.db
      .update(orgs)
      .set({ childCount: sql`${orgs.childCount} + 1` })
      .where(eq(orgs.id, parent.id));
    await tx.db.insert(orgVersions).values({
      id: newId(),
      committeeId: parent.committeeId,
      orgId: id,
      parentId: parent.id,
      name: input.name,
      kind: input.kind,
      validFrom: input.establishedOn,
    });
    await recordEvent(tx, {
      committeeId: parent.committeeId,
      orgId: id,
      kind: 'established',
      occurredOn: input.establishedOn,
      summary: `成立：${input.name}`,
      details: { parentId: parent.id },
    });
    await audit(tx, {
      action: 'org.create',
      entityType: 'org',
      entityId: id,
      orgId: id,
      orgPath: row.path,
      committeeId: parent.committeeId,
      summary: { after: { ...input, coveredUnitIds: covered } },
    });
    return id;
  });
  return getOrg(ctx, id);
}

export async function updateOrg(ctx: Ctx, id: string, input: OrgUpdate): Promise<OrgDetail> {
  await transact(ctx, async (tx) => {
    const before = await requireOrg(tx, 'orgs.write', id);
    const { version, coveredUnitIds: covered, ...contact } = input;
    if (covered) {
      if (before.kind !== 'jointBranch')
        throw new AppError('validation_failed', '只有联合党支部可设置覆盖单位', [{ path: 'body.coveredUnitIds', message: '只有联合党支部可设置' }]);
      const unique = [...new Set(covered)];
      if (!(await unitsExist(tx, before.committeeId, unique)))
        throw new AppError('validation_failed', '所选单位不存在', [{ path: 'body.coveredUnitIds', message: '单位不存在' }]);
      const blocked = ruleError(checkThresholds('jointBranch', { coveredUnits: unique.length }, shanghaiDate(ctx.now)), 'body.coveredUnitIds');
      if (blocked) throw blocked;
    }
    await updateVersioned(tx, orgs, id, version, contact);
    if (covered) {
      await tx.db.delete(orgUnits).where(eq(orgUnits.orgId, id));
      await tx.db.insert(orgUnits).values([...new Set(covered)].map((u) => ({ orgId: id, unitId: u, committeeId: before.committeeId })));
    }
    await audit(tx, {
      action: 'org.update',
      entityType: 'org',
      entityId: id,
      orgId: id,
      orgPath: before.path,
      committeeId: before.committeeId,
      summary: { before: { contactName: before.contactName, contactPhone: before.contactPhone }, after: input },
    });
  });
  return getOrg(ctx, id);
}

/** Removes an org entered by mistake. History-bearing orgs are dissolved through a reform event instead. */
export async function deleteOrg(ctx: Ctx, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'orgs.write', id, { forUpdate: true });
    if (!org.parentId) throw new AppError('rule_violation', '不能删除工委根组织');
    const [children, memberRows, posts, events, roles] = await Promise.all([
      tx.db
        .select({ n: count() })
        .from(orgs)
        .where(and(eq(orgs.parentId, id), isNull(orgs.deletedAt))),
      tx.db.select({ n: count() }).from(members).where(eq(members.orgId, id)),
      tx.db.select({ n: count() }).from(orgPosts).where(eq(orgPosts.orgId, id)),
      tx.db
        .select({ n: count() })
        .from(orgEvents)
        .where(and(eq(orgEvents.orgId, id), ne(orgEvents.kind, 'established'))),
      rowsOf<{ n: number }>(tx.db, sql`select count(*)::int as n from role_assignments where org_id = ${id}`),
    ]);
    const remaining = [
      [children[0]?.n, '下级组织'],
      [memberRows[0]?.n, '党员'],
      [posts[0]?.n, '班子成员记录'],
      [events[0]?.n, '沿革记录'],
      [roles[0]?.n, '用户授权'],
    ].filter(([n]) => Number(n) > 0);
    if (remaining.length) {
      throw new AppError('conflict', `该组织仍有${remaining.map(([n, what]) => `${what} ${n} 条`).join('、')}，不能删除；如已撤销请使用「撤销」操作`);
    }
    await tx.db
      .update(orgs)
      .set({ deletedAt: ctx.now, version: sql`${orgs.version} + 1` })
      .where(eq(orgs.id, id));
    await tx.db
      .update(orgs)
      .set({ childCount: sql`${orgs.childCount} - 1` })
      .where(eq(orgs.id, org.parentId));
    await audit(tx, {
      action: 'org.delete',
      entityType: 'org',
      entityId: id,
      orgId: id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { before: { name: org.name, kind: org.kind } },
    });
  });
}

export async function recordEvent(
  ctx: Ctx,
  event: {
    committeeId: string;
    orgId: string;
    kind: typeof orgEvents.$inferInsert.kind;
    occurredOn: string;
    summary: string;
    details: Record<string, unknown>;
    note?: string;
  },
) {
  await ctx.db
    .insert(orgEvents)
    .values({ id: newId(), ...event, note: event.note ?? null, actorId: ctx.actor?.id ?? null, actorName: ctx.actor?.displayName ?? null });
}
