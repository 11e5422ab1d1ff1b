import type { Finding, Org, OrgCreate, OrgDetail, OrgEvent, OrgUpdate, orgListQuery, TreeNode } from '@hangbiao/shared/contracts/orgs';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { allowedChildKinds, type OrgKind, orgKinds } from '@hangbiao/shared/glossary';
import { checkThresholds, type OrgMetrics } from '@hangbiao/shared/rules';
import { and, count, eq, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { covers, type OrgRow, pathInScope, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { cachedRead } from '../../platform/read-cache';
import { likeText, pageOf, updateVersioned } from '../../platform/rows';
import { inRegistry } from '../members/members.service';
import { members } from '../members/members.tables';
import { orgEvents, orgPosts, orgs, orgUnits, orgVersions } from './orgs.tables';
import { unitsExist } from './orgs-units.service';

const live = and(isNull(orgs.deletedAt), isNull(orgs.dissolvedOn));

interface OrgRead {
  id: string;
  parent_id: string | null;
  path: string;
  depth: number;
  kind: OrgKind;
  name: string;
  unit_id: string | null;
  unit_name: string | null;
  established_on: string;
  dissolved_on: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  child_count: number;
  version: number;
  total: number;
  member_count: number;
  full_member_count: number;
  covered_units: { id: string; name: string }[];
  path_names: string[];
}

/**
 * Orgs with what their pages show, in one round trip: the page (and the total) first, then for
 * those rows only the subtree member counts (members in the registry), covered units and the names along their paths.
 */
export function orgsQuery(where: SQL, order: SQL, limit: number, offset: number): SQL {
  return sql`
    with page as (
      select o.id, o.parent_id, o.path, o.depth, o.kind, o.name, o.unit_id, u.name as unit_name, o.established_on::text as established_on,
        o.dissolved_on::text as dissolved_on, o.contact_name, o.contact_phone, o.child_count, o.version,
        count(*) over () as total, row_number() over (order by ${order}, o.id) as rn
      from orgs o left join units u on u.id = o.unit_id
      where ${where}
      order by ${order}, o.id limit ${limit} offset ${offset})
    select page.*,
      (select count(*)::int from members m join orgs s on s.id = m.org_id
        where s.path >= page.path and s.path < left(page.path, -1) || '0' and m.deleted_at is null and ${inRegistry(sql`m.status`)}) as member_count,
      (select count(*)::int from members m join orgs s on s.id = m.org_id
        where s.path >= page.path and s.path < left(page.path, -1) || '0' and m.deleted_at is null and ${inRegistry(sql`m.status`)}
          and m.category = 'full') as full_member_count,
      coalesce((select json_agg(json_build_object('id', cu.id, 'name', cu.name) order by cu.name)
        from org_units ou join units cu on cu.id = ou.unit_id where ou.org_id = page.id), '[]') as covered_units,
      (select array_agg(a.name order by a.depth) from orgs a where a.id = any(string_to_array(trim(both '/' from page.path), '/')::uuid[])) as path_names
    from page order by page.rn`;
}

const readOrgs = (db: Ctx['db'], where: SQL, order: SQL, limit: number, offset: number) => rowsOf<OrgRead>(db, orgsQuery(where, order, limit, offset));

function toOrg(row: OrgRead): Org {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    kind: row.kind,
    unitId: row.unit_id,
    unitName: row.unit_name,
    coveredUnitIds: row.covered_units.map((u) => u.id),
    coveredUnits: row.covered_units,
    establishedOn: row.established_on,
    dissolvedOn: row.dissolved_on,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    depth: row.depth,
    memberCount: row.member_count,
    fullMemberCount: row.full_member_count,
    childCount: row.child_count,
    version: row.version,
  };
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
  const anchor = sql`(select a.path from orgs a where a.id = ${id} and a.deleted_at is null and ${pathInScope(paths, sql`a.path`)})`;
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
    const parentId = query.parentId;
    if (!query.asOf) return cachedRead(ctx, `tree:${paths}:${parentId}`, () => liveNodes(ctx, paths, parentId, 'children'));
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
  if (!query.asOf) return cachedRead(ctx, `subtree:${paths}:${id}`, () => liveNodes(ctx, paths, id, 'subtree'));
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

export const orgSorts = {
  name: sql`o.name asc`,
  '-name': sql`o.name desc`,
  establishedOn: sql`o.established_on asc`,
  '-establishedOn': sql`o.established_on desc`,
  kind: sql`o.kind asc, o.name asc`,
} as const;

export async function listOrgs(ctx: Ctx, query: z.infer<typeof orgListQuery>) {
  const paths = scopeOf(ctx, 'orgs.read');
  return cachedRead(ctx, `orgs:${paths}:${JSON.stringify(query)}`, () => readOrgList(ctx, paths, query));
}

async function readOrgList(ctx: Ctx, paths: string[], query: z.infer<typeof orgListQuery>) {
  const under = query.under ? await requireOrg(ctx, 'orgs.read', query.under) : undefined;
  const conditions = [
    sql`o.deleted_at is null`,
    query.includeDissolved ? undefined : sql`o.dissolved_on is null`,
    under ? sql`o.path like ${`${under.path}%`}` : pathInScope(paths, sql`o.path`),
    query.q ? sql`o.name ilike ${likeText(query.q)}` : undefined,
    query.kind ? sql`o.kind = ${query.kind}` : undefined,
    query.unitId ? sql`o.unit_id = ${query.unitId}` : undefined,
  ].filter((c) => c !== undefined);
  const where = sql.join(conditions, sql` and `);
  const rows = await readOrgs(ctx.read, where, orgSorts[query.sort], query.pageSize, (query.page - 1) * query.pageSize);
  // A page past the end has no row to carry the total.
  const total = rows[0]
    ? Number(rows[0].total)
    : query.page > 1
      ? ((await rowsOf<{ n: number }>(ctx.read, sql`select count(*)::int as n from orgs o where ${where}`))[0]?.n ?? 0)
      : 0;
  return pageOf(
    rows.map((r) => ({ ...toOrg(r), pathNames: r.path_names })),
    total,
    query,
  );
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
  const [row] = await readOrgs(ctx.db, sql`o.id = ${found.id}`, sql`o.name`, 1, 0);
  if (!row) throw new AppError('not_found');
  const paths = scopeOf(ctx, 'orgs.read');
  const ancestorIds = idsOfPath(found.path).slice(0, -1);
  // Only the ancestors inside the caller's scope are shown, so breadcrumbs never lead to a 403.
  const ancestors = ancestorIds
    .map((aid, index) => ({ id: aid, name: row.path_names[index] ?? '' }))
    .filter((a) => covers(paths, found.path.slice(0, found.path.indexOf(a.id) + a.id.length + 1)));
  const metrics = await metricsOf(ctx, found, { members: row.member_count, full: row.full_member_count, coveredUnits: row.covered_units.length });
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

export function toEvent(row: typeof orgEvents.$inferSelect): OrgEvent {
  return { id: row.id, orgId: row.orgId, kind: row.kind, occurredOn: row.occurredOn, summary: row.summary, note: row.note, actorName: row.actorName };
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
): Promise<OrgEvent> {
  const [row] = await ctx.db
    .insert(orgEvents)
    .values({ id: newId(), ...event, note: event.note ?? null, actorId: ctx.actor?.id ?? null, actorName: ctx.actor?.displayName ?? null })
    .returning();
  return toEvent(row as typeof orgEvents.$inferSelect);
}
