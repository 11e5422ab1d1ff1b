import type { OrgEvent, ReformInput } from '@hangbiao/shared/contracts/orgs';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { and, asc, count, desc, eq, isNull, like, sql } from 'drizzle-orm';
import { type OrgRow, requireOrg } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { inRegistry, moveMembers } from '../members/members.service';
import { members } from '../members/members.tables';
import { moveOpenCases, openCaseCount } from '../members/members-development.service';
import { assertChildKind, assertSiblingNameFree, recordEvent, toEvent } from './orgs.service';
import { orgEvents, orgs, orgVersions } from './orgs.tables';

type Reform<K extends ReformInput['kind']> = Extract<ReformInput, { kind: K }>;

/** The org an event is filed under in the audit log, and the history events it recorded. */
interface ReformResult {
  primary: OrgRow;
  events: OrgEvent[];
}

export async function eventsOf(ctx: Ctx, orgId: string): Promise<OrgEvent[]> {
  const org = await requireOrg(ctx, 'orgs.read', orgId);
  const rows = await ctx.read.select().from(orgEvents).where(eq(orgEvents.orgId, org.id)).orderBy(desc(orgEvents.occurredOn), desc(orgEvents.createdAt));
  return rows.map(toEvent);
}

/**
 * Closes the org's current version on `on` and opens the next with the changes.
 * Reform history is appended, never rewritten: a change dated before the last one is refused.
 */
async function nextVersion(ctx: Ctx, org: OrgRow, on: string, change: { name?: string; parentId?: string | null } | null) {
  const [current] = await ctx.db
    .select()
    .from(orgVersions)
    .where(and(eq(orgVersions.orgId, org.id), isNull(orgVersions.validTo)))
    .orderBy(desc(orgVersions.validFrom))
    .limit(1);
  if (current && on <= current.validFrom) {
    throw new AppError('rule_violation', `「${org.name}」在 ${current.validFrom} 已有变动，调整日期须晚于该日`, [
      { path: 'body.occurredOn', message: `须晚于 ${current.validFrom}` },
    ]);
  }
  if (current) await ctx.db.update(orgVersions).set({ validTo: on }).where(eq(orgVersions.id, current.id));
  if (change) {
    await ctx.db.insert(orgVersions).values({
      id: newId(),
      committeeId: org.committeeId,
      orgId: org.id,
      parentId: change.parentId === undefined ? org.parentId : change.parentId,
      name: change.name ?? org.name,
      kind: org.kind,
      validFrom: on,
    });
  }
}

function assertDate(ctx: Ctx, org: OrgRow, on: string) {
  if (on > shanghaiDate(ctx.now)) throw new AppError('validation_failed', '调整日期不能晚于今天', [{ path: 'body.occurredOn', message: '不能晚于今天' }]);
  if (on < org.establishedOn)
    throw new AppError('validation_failed', `调整日期不能早于「${org.name}」成立日期 ${org.establishedOn}`, [
      { path: 'body.occurredOn', message: '早于成立日期' },
    ]);
}

function assertLive(org: OrgRow, path: string) {
  if (org.dissolvedOn) throw new AppError('rule_violation', `「${org.name}」已于 ${org.dissolvedOn} 撤销`, [{ path, message: '组织已撤销' }]);
}

async function rename(ctx: Ctx, input: Reform<'renamed'>): Promise<ReformResult> {
  const events: OrgEvent[] = [];
  const org = await requireOrg(ctx, 'orgs.write', input.orgId, { forUpdate: true });
  assertLive(org, 'body.orgId');
  assertDate(ctx, org, input.occurredOn);
  if (org.name === input.name) throw new AppError('validation_failed', '新名称与原名称相同', [{ path: 'body.name', message: '与原名称相同' }]);
  if (org.parentId) await assertSiblingNameFree(ctx, org.parentId, input.name, org.id);
  await nextVersion(ctx, org, input.occurredOn, { name: input.name });
  await ctx.db
    .update(orgs)
    .set({ name: input.name, version: sql`${orgs.version} + 1`, updatedAt: ctx.now })
    .where(eq(orgs.id, org.id));
  events.push(
    await recordEvent(ctx, {
      committeeId: org.committeeId,
      orgId: org.id,
      kind: 'renamed',
      occurredOn: input.occurredOn,
      summary: `更名：${org.name} → ${input.name}`,
      details: { from: org.name, to: input.name },
      note: input.note,
    }),
  );
  return { primary: org, events };
}

/** Moves an org and its whole subtree under a new parent, rewriting the materialized paths. */
async function moveUnder(ctx: Ctx, org: OrgRow, parent: OrgRow, on: string) {
  if (parent.path.startsWith(org.path)) {
    throw new AppError('rule_violation', '不能把组织调整到它自身或其下级组织之下', [{ path: 'body.parentId', message: '不能是自身或下级组织' }]);
  }
  assertChildKind(parent, org.kind, 'body.parentId');
  if (org.parentId) await assertSiblingNameFree(ctx, parent.id, org.name, org.id);
  await nextVersion(ctx, org, on, { parentId: parent.id });
  const newPath = `${parent.path}${org.id}/`;
  const shift = parent.depth + 1 - org.depth;
  await ctx.db
    .update(orgs)
    .set({ path: sql`${newPath} || substr(${orgs.path}, ${org.path.length + 1})`, depth: sql`${orgs.depth} + ${shift}` })
    .where(like(orgs.path, `${org.path}%`));
  await ctx.db
    .update(orgs)
    .set({ parentId: parent.id, version: sql`${orgs.version} + 1`, updatedAt: ctx.now })
    .where(eq(orgs.id, org.id));
  if (org.parentId && !org.dissolvedOn)
    await ctx.db
      .update(orgs)
      .set({ childCount: sql`${orgs.childCount} - 1` })
      .where(eq(orgs.id, org.parentId));
  await ctx.db
    .update(orgs)
    .set({ childCount: sql`${orgs.childCount} + 1` })
    .where(eq(orgs.id, parent.id));
}

async function move(ctx: Ctx, input: Reform<'moved'>): Promise<ReformResult> {
  const events: OrgEvent[] = [];
  const org = await requireOrg(ctx, 'orgs.write', input.orgId, { forUpdate: true });
  assertLive(org, 'body.orgId');
  assertDate(ctx, org, input.occurredOn);
  const parent = await requireOrg(ctx, 'orgs.write', input.parentId, { forUpdate: true });
  assertLive(parent, 'body.parentId');
  if (org.parentId === parent.id) throw new AppError('validation_failed', '已在该上级组织之下', [{ path: 'body.parentId', message: '与现上级相同' }]);
  const [oldParent] = org.parentId ? await ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, org.parentId)) : [];
  await moveUnder(ctx, org, parent, input.occurredOn);
  events.push(
    await recordEvent(ctx, {
      committeeId: org.committeeId,
      orgId: org.id,
      kind: 'moved',
      occurredOn: input.occurredOn,
      summary: `调整隶属：${oldParent?.name ?? '—'} → ${parent.name}`,
      details: { from: org.parentId, to: parent.id },
      note: input.note,
    }),
  );
  return { primary: org, events };
}

async function dissolveOrg(ctx: Ctx, org: OrgRow, on: string) {
  const [[children], [memberRows]] = await Promise.all([
    ctx.db
      .select({ n: count() })
      .from(orgs)
      .where(and(eq(orgs.parentId, org.id), isNull(orgs.deletedAt), isNull(orgs.dissolvedOn))),
    ctx.db
      .select({ n: count() })
      .from(members)
      .where(and(eq(members.orgId, org.id), isNull(members.deletedAt), inRegistry())),
  ]);
  const cases = await openCaseCount(ctx, org.id);
  if ((children?.n ?? 0) > 0 || (memberRows?.n ?? 0) > 0 || cases > 0) {
    throw new AppError(
      'rule_violation',
      `「${org.name}」仍有下级组织 ${children?.n ?? 0} 个、党员 ${memberRows?.n ?? 0} 人、未办结的发展党员工作 ${cases} 件，请先调整后再撤销`,
      [{ path: 'body.orgId', message: '仍有下级组织、党员或未办结的发展党员工作' }],
    );
  }
  await nextVersion(ctx, org, on, null);
  await ctx.db
    .update(orgs)
    .set({ dissolvedOn: on, version: sql`${orgs.version} + 1`, updatedAt: ctx.now })
    .where(eq(orgs.id, org.id));
  if (org.parentId)
    await ctx.db
      .update(orgs)
      .set({ childCount: sql`${orgs.childCount} - 1` })
      .where(eq(orgs.id, org.parentId));
}

async function dissolve(ctx: Ctx, input: Reform<'dissolved'>): Promise<ReformResult> {
  const events: OrgEvent[] = [];
  const org = await requireOrg(ctx, 'orgs.write', input.orgId, { forUpdate: true });
  assertLive(org, 'body.orgId');
  if (!org.parentId) throw new AppError('rule_violation', '不能撤销工委根组织');
  assertDate(ctx, org, input.occurredOn);
  await dissolveOrg(ctx, org, input.occurredOn);
  events.push(
    await recordEvent(ctx, {
      committeeId: org.committeeId,
      orgId: org.id,
      kind: 'dissolved',
      occurredOn: input.occurredOn,
      summary: `撤销：${org.name}`,
      details: {},
      note: input.note,
    }),
  );
  return { primary: org, events };
}

/** Merges sources into the target: their sub-orgs and members move over, then the sources are dissolved. */
async function merge(ctx: Ctx, input: Reform<'merged'>): Promise<ReformResult> {
  const events: OrgEvent[] = [];
  const target = await requireOrg(ctx, 'orgs.write', input.targetId, { forUpdate: true });
  assertLive(target, 'body.targetId');
  const sourceIds = [...new Set(input.orgIds)];
  if (sourceIds.includes(target.id))
    throw new AppError('validation_failed', '被合并组织不能包含目标组织', [{ path: 'body.orgIds', message: '不能包含目标组织' }]);
  const sources: OrgRow[] = [];
  for (const id of sourceIds) {
    const source = await requireOrg(ctx, 'orgs.write', id, { forUpdate: true });
    assertLive(source, 'body.orgIds');
    assertDate(ctx, source, input.occurredOn);
    if (target.path.startsWith(source.path))
      throw new AppError('rule_violation', '不能合并到自身的下级组织', [{ path: 'body.targetId', message: '是被合并组织的下级' }]);
    sources.push(source);
  }
  for (const source of sources) {
    const children = await ctx.db
      .select()
      .from(orgs)
      .where(and(eq(orgs.parentId, source.id), isNull(orgs.deletedAt), isNull(orgs.dissolvedOn)))
      .orderBy(asc(orgs.name));
    for (const child of children) await moveUnder(ctx, child, target, input.occurredOn);
    await moveMembers(ctx, { fromOrgId: source.id, toOrgId: target.id, occurredOn: input.occurredOn, note: input.note });
    const developmentCases = await moveOpenCases(ctx, { fromOrgId: source.id, toOrgId: target.id });
    const [fresh] = await ctx.db.select().from(orgs).where(eq(orgs.id, source.id));
    await dissolveOrg(ctx, fresh as OrgRow, input.occurredOn);
    events.push(
      await recordEvent(ctx, {
        committeeId: source.committeeId,
        orgId: source.id,
        kind: 'merged',
        occurredOn: input.occurredOn,
        summary: `并入：${source.name} → ${target.name}`,
        details: { into: target.id, developmentCases },
        note: input.note,
      }),
    );
  }
  events.push(
    await recordEvent(ctx, {
      committeeId: target.committeeId,
      orgId: target.id,
      kind: 'merged',
      occurredOn: input.occurredOn,
      summary: `合并：${sources.map((s) => s.name).join('、')} 并入 ${target.name}`,
      details: { from: sourceIds },
      note: input.note,
    }),
  );
  return { primary: target, events };
}

/** Splits an org: new orgs are set up beside it (same parent and unit); the source may be dissolved. */
async function split(ctx: Ctx, input: Reform<'split'>): Promise<ReformResult> {
  const events: OrgEvent[] = [];
  const source = await requireOrg(ctx, 'orgs.write', input.orgId, { forUpdate: true });
  assertLive(source, 'body.orgId');
  assertDate(ctx, source, input.occurredOn);
  if (!source.parentId) throw new AppError('rule_violation', '不能拆分工委根组织');
  const parent = await requireOrg(ctx, 'orgs.write', source.parentId, { forUpdate: true });
  const names = input.into.map((i) => i.name);
  if (new Set(names).size !== names.length) throw new AppError('validation_failed', '新组织名称不能重复', [{ path: 'body.into', message: '名称重复' }]);
  const created: string[] = [];
  for (const [index, part] of input.into.entries()) {
    assertChildKind(parent, part.kind, `body.into.${index}.kind`);
    await assertSiblingNameFree(ctx, parent.id, part.name);
    const id = newId();
    await ctx.db.insert(orgs).values({
      id,
      committeeId: source.committeeId,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      kind: part.kind,
      name: part.name,
      unitId: source.unitId,
      establishedOn: input.occurredOn,
    });
    await ctx.db
      .insert(orgVersions)
      .values({ id: newId(), committeeId: source.committeeId, orgId: id, parentId: parent.id, name: part.name, kind: part.kind, validFrom: input.occurredOn });
    events.push(
      await recordEvent(ctx, {
        committeeId: source.committeeId,
        orgId: id,
        kind: 'established',
        occurredOn: input.occurredOn,
        summary: `由「${source.name}」拆分成立：${part.name}`,
        details: { splitFrom: source.id },
      }),
    );
    created.push(id);
  }
  await ctx.db
    .update(orgs)
    .set({ childCount: sql`${orgs.childCount} + ${created.length}` })
    .where(eq(orgs.id, parent.id));
  if (input.dissolveSource) await dissolveOrg(ctx, source, input.occurredOn);
  events.push(
    await recordEvent(ctx, {
      committeeId: source.committeeId,
      orgId: source.id,
      kind: 'split',
      occurredOn: input.occurredOn,
      summary: `拆分：${source.name} → ${names.join('、')}${input.dissolveSource ? '（原组织撤销）' : ''}`,
      details: { into: created, dissolveSource: input.dissolveSource },
      note: input.note,
    }),
  );
  return { primary: source, events };
}

/** Applies one institutional-reform event (机构改革) and returns the events it recorded. */
export async function applyReform(ctx: Ctx, input: ReformInput): Promise<OrgEvent[]> {
  return transact(ctx, async (tx) => {
    const { primary, events } = await reform(tx, input);
    // Filed under where the org stands now, so a move shows in its new parent's log.
    const [current = primary] = await tx.db.select().from(orgs).where(eq(orgs.id, primary.id));
    await audit(tx, {
      action: `org.${input.kind}`,
      entityType: 'org',
      entityId: current.id,
      orgId: current.id,
      orgPath: current.path,
      committeeId: current.committeeId,
      summary: { input },
    });
    return events;
  });
}

function reform(ctx: Ctx, input: ReformInput): Promise<ReformResult> {
  switch (input.kind) {
    case 'renamed':
      return rename(ctx, input);
    case 'moved':
      return move(ctx, input);
    case 'merged':
      return merge(ctx, input);
    case 'split':
      return split(ctx, input);
    case 'dissolved':
      return dissolve(ctx, input);
  }
}
