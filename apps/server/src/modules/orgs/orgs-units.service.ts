import type { Unit, UnitInput, unitListQuery, unitUpdate } from '@hangbiao/shared/contracts/orgs';
import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireActor, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { likeText, pageOf, updateVersioned } from '../../platform/rows';
import { units } from './orgs.tables';

type UnitRow = typeof units.$inferSelect;

// Spelled out: Drizzle leaves columns unqualified in a select without joins, which the subquery would rebind.
const orgCount = sql<number>`(select count(*)::int from orgs o where o.unit_id = units.id and o.deleted_at is null)`;

function toUnit(row: UnitRow, orgCount: number): Unit {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName ?? undefined,
    type: row.type,
    regionLevel: row.regionLevel,
    regionName: row.regionName,
    orgCount,
    version: row.version,
  };
}

/** Units are reference data of a committee: anyone reading orgs there may read them. */
function committeesOf(ctx: Ctx, permission: 'orgs.read' | 'units.write'): string[] {
  scopeOf(ctx, permission);
  return [...new Set(requireActor(ctx).roles.map((r) => r.committeeId))];
}

const sorts = {
  name: asc(units.name),
  '-name': desc(units.name),
  regionName: asc(units.regionName),
  '-regionName': desc(units.regionName),
} as const;

export async function listUnits(ctx: Ctx, query: z.infer<typeof unitListQuery>) {
  const committees = committeesOf(ctx, 'orgs.read');
  const where = and(
    inArray(units.committeeId, committees),
    query.q ? or(ilike(units.name, likeText(query.q)), ilike(units.shortName, likeText(query.q))) : undefined,
    query.type ? eq(units.type, query.type) : undefined,
    query.regionLevel ? eq(units.regionLevel, query.regionLevel) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select({ unit: units, orgCount })
      .from(units)
      .where(where)
      .orderBy(sorts[query.sort], asc(units.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: count() }).from(units).where(where),
  ]);
  return pageOf(
    rows.map((r) => toUnit(r.unit, r.orgCount)),
    total?.n ?? 0,
    query,
  );
}

async function findUnit(ctx: Ctx, id: string, permission: 'orgs.read' | 'units.write') {
  const committees = committeesOf(ctx, permission);
  const [row] = await ctx.db
    .select({ unit: units, orgCount })
    .from(units)
    .where(and(eq(units.id, id), inArray(units.committeeId, committees)));
  if (!row) throw new AppError('not_found', '单位不存在');
  return row;
}

export async function getUnit(ctx: Ctx, id: string): Promise<Unit> {
  const row = await findUnit(ctx, id, 'orgs.read');
  return toUnit(row.unit, row.orgCount);
}

async function assertNameFree(ctx: Ctx, committeeId: string, name: string, exceptId?: string) {
  const [clash] = await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.committeeId, committeeId), eq(units.name, name), exceptId ? sql`${units.id} <> ${exceptId}` : undefined));
  if (clash) throw new AppError('conflict', `单位「${name}」已存在`, [{ path: 'body.name', message: '名称已被使用' }]);
}

export async function createUnit(ctx: Ctx, input: UnitInput): Promise<Unit> {
  const actor = requireActor(ctx);
  committeesOf(ctx, 'units.write');
  return transact(ctx, async (tx) => {
    await assertNameFree(tx, actor.committeeId, input.name);
    const [row] = await tx.db
      .insert(units)
      .values({ id: newId(), committeeId: actor.committeeId, ...input })
      .returning();
    if (!row) throw new AppError('internal');
    await audit(tx, { action: 'unit.create', entityType: 'unit', entityId: row.id, summary: { after: input } });
    return toUnit(row, 0);
  });
}

export async function updateUnit(ctx: Ctx, id: string, input: z.infer<typeof unitUpdate>): Promise<Unit> {
  return transact(ctx, async (tx) => {
    const before = await findUnit(tx, id, 'units.write');
    const { version, ...values } = input;
    await assertNameFree(tx, before.unit.committeeId, values.name, id);
    const row = await updateVersioned(tx, units, id, version, { ...values, shortName: values.shortName ?? null });
    const { id: _id, committeeId: _c, createdAt: _a, updatedAt: _u, version: _v, ...old } = before.unit;
    await audit(tx, { action: 'unit.update', entityType: 'unit', entityId: id, committeeId: before.unit.committeeId, summary: { before: old, after: values } });
    return toUnit(row, before.orgCount);
  });
}

export async function unitsExist(ctx: Ctx, committeeId: string, ids: string[]): Promise<boolean> {
  if (ids.length === 0) return true;
  const rows = await ctx.db
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.committeeId, committeeId), inArray(units.id, ids)));
  return rows.length === new Set(ids).size;
}
