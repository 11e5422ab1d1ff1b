import type { passwordReset, roleGrant, User, UserCreate, userListQuery, userUpdate } from '@hangbiao/shared/contracts/users';
import { and, asc, desc, eq, exists, ilike, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { covers, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { hashPassword } from '../../platform/auth';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { likeText, pageOf, updateVersioned } from '../../platform/rows';
import { forgetUser } from '../../platform/session-cache';
import { members } from '../members/members.tables';
import { orgs } from '../orgs/orgs.tables';
import { roleAssignments, sessions, users } from './users.tables';

type UserRow = typeof users.$inferSelect;

/** Changes to a user's sign-in or roles reach their cached sessions at once. */
async function forgettingUser<T>(userId: string, change: Promise<T>): Promise<T> {
  const result = await change;
  forgetUser(userId);
  return result;
}

async function rolesOf(ctx: Ctx, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, User['roles']>();
  const rows = await ctx.db
    .select({ id: roleAssignments.id, userId: roleAssignments.userId, role: roleAssignments.role, orgId: orgs.id, orgName: orgs.name })
    .from(roleAssignments)
    .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
    .where(inArray(roleAssignments.userId, userIds))
    .orderBy(asc(orgs.path));
  const map = new Map<string, User['roles']>();
  for (const { userId, ...role } of rows) map.set(userId, [...(map.get(userId) ?? []), role]);
  return map;
}

/** The member records the users are linked to, with their orgs' names. */
async function linkedMembers(ctx: Ctx, rows: UserRow[]) {
  const ids = rows.flatMap((r) => (r.memberId ? [r.memberId] : []));
  if (ids.length === 0) return new Map<string, NonNullable<User['member']>>();
  const found = await ctx.db
    .select({ id: members.id, name: members.name, orgName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(inArray(members.id, ids));
  return new Map(found.map((m) => [m.id, m]));
}

async function toUsers(ctx: Ctx, rows: UserRow[]): Promise<User[]> {
  const ids = rows.map((r) => r.id);
  const [roles, linked] = await Promise.all([rolesOf(ctx, ids), linkedMembers(ctx, rows)]);
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    active: row.active,
    lockedUntil: row.lockedUntil ? row.lockedUntil.toISOString() : null,
    mustChangePassword: row.mustChangePassword,
    roles: roles.get(row.id) ?? [],
    member: (row.memberId && linked.get(row.memberId)) || null,
    version: row.version,
  }));
}

/**
 * The member record a login may be linked to: a live member of the caller's committee in the scope they manage
 * users in (else the same 403 whether or not it exists), not yet linked to another login.
 */
async function linkableMember(ctx: Ctx, memberId: string, userId: string | null) {
  const paths = scopeOf(ctx, 'users.manage');
  // Locked, so two logins linked to one member at once take turns: the second sees the first's link and gets a 409.
  const [member] = await ctx.db
    .select({ id: members.id, name: members.name, path: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, memberId), eq(members.committeeId, requireActor(ctx).committeeId), isNull(members.deletedAt)))
    .for('update', { of: members });
  if (!member || !covers(paths, member.path)) {
    throw new AppError('forbidden', '无权关联该党员，或该党员不存在', [{ path: 'body.memberId', message: '请选择您管理范围内的党员' }]);
  }
  const [holder] = await ctx.db
    .select({ username: users.username })
    .from(users)
    .where(and(eq(users.memberId, memberId), userId ? ne(users.id, userId) : undefined));
  if (holder) {
    throw new AppError('conflict', `党员「${member.name}」已关联登录账户「${holder.username}」`, [
      { path: 'body.memberId', message: '一名党员只能关联一个登录账户' },
    ]);
  }
  return member;
}

/** A user is visible where one of their role assignments lies in the caller's scope; users with no role, to committee-wide scopes. */
function visibleUsers(ctx: Ctx, paths: string[]) {
  const actor = requireActor(ctx);
  const assigned = exists(
    ctx.db
      .select({ one: sql`1` })
      .from(roleAssignments)
      .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
      .where(and(eq(roleAssignments.userId, users.id), pathInScope(paths, orgs.path))),
  );
  const unassigned = sql`not exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id})`;
  const wide = paths.some((p) => p.split('/').filter(Boolean).length === 1);
  return and(eq(users.committeeId, actor.committeeId), wide ? or(assigned, unassigned) : assigned);
}

const sorts = { username: asc(users.username), '-username': desc(users.username), displayName: asc(users.displayName) } as const;

export async function listUsers(ctx: Ctx, query: z.infer<typeof userListQuery>) {
  const paths = scopeOf(ctx, 'users.read');
  const where = and(
    visibleUsers(ctx, paths),
    query.q ? or(ilike(users.username, likeText(query.q)), ilike(users.displayName, likeText(query.q))) : undefined,
    query.role
      ? exists(
          ctx.db
            .select({ one: sql`1` })
            .from(roleAssignments)
            .where(and(eq(roleAssignments.userId, users.id), eq(roleAssignments.role, query.role))),
        )
      : undefined,
  );
  const [rows, total] = await Promise.all([
    ctx.db
      .select()
      .from(users)
      .where(where)
      .orderBy(sorts[query.sort], asc(users.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db.$count(users, where),
  ]);
  return pageOf(await toUsers(ctx, rows), total, query);
}

async function findUser(ctx: Ctx, id: string, permission: 'users.read' | 'users.manage') {
  const paths = scopeOf(ctx, permission);
  const [row] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.id, id), visibleUsers(ctx, paths)));
  if (!row) throw new AppError('forbidden', '无权访问该用户，或该用户不存在');
  return row;
}

async function present(ctx: Ctx, row: UserRow): Promise<User> {
  const [user] = await toUsers(ctx, [row]);
  return user as User;
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  return present(ctx, await findUser(ctx, id, 'users.read'));
}

async function grant(ctx: Ctx, userId: string, role: z.infer<typeof roleGrant>) {
  const org = await requireOrg(ctx, 'users.manage', role.orgId);
  await ctx.db.insert(roleAssignments).values({ id: newId(), committeeId: org.committeeId, userId, role: role.role, orgId: org.id }).onConflictDoNothing();
  return org;
}

export async function createUser(ctx: Ctx, input: UserCreate): Promise<User> {
  const actor = requireActor(ctx);
  scopeOf(ctx, 'users.manage');
  const passwordHash = await hashPassword(input.password);
  return transact(ctx, async (tx) => {
    const [clash] = await tx.db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (clash) throw new AppError('conflict', `用户名「${input.username}」已被使用`, [{ path: 'body.username', message: '用户名已被使用' }]);
    const id = newId();
    const memberId = input.memberId ? (await linkableMember(tx, input.memberId, null)).id : null;
    const [row] = await tx.db
      .insert(users)
      .values({
        id,
        committeeId: actor.committeeId,
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        mustChangePassword: true,
        memberId,
      })
      .returning();
    for (const role of input.roles) await grant(tx, id, role);
    await audit(tx, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      summary: { after: { username: input.username, displayName: input.displayName, roles: input.roles, memberId } },
    });
    return present(tx, row as UserRow);
  });
}

export async function updateUser(ctx: Ctx, id: string, input: z.infer<typeof userUpdate>): Promise<User> {
  return forgettingUser(
    id,
    transact(ctx, async (tx) => {
      const before = await findUser(tx, id, 'users.manage');
      if (input.active === false && id === requireActor(tx).id) throw new AppError('rule_violation', '不能停用自己的账户');
      if (input.memberId) await linkableMember(tx, input.memberId, id);
      const { version, ...values } = input;
      const row = await updateVersioned(tx, users, id, version, values);
      if (input.active === false) await tx.db.delete(sessions).where(eq(sessions.userId, id));
      await audit(tx, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        summary: { before: { displayName: before.displayName, active: before.active, memberId: before.memberId }, after: values },
      });
      return present(tx, row);
    }),
  );
}

/** Admin reset: a new one-time password, the lock lifted, every session of the user ended. */
export async function resetPassword(ctx: Ctx, id: string, input: z.infer<typeof passwordReset>): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return forgettingUser(
    id,
    transact(ctx, async (tx) => {
      await findUser(tx, id, 'users.manage');
      const row = await updateVersioned(tx, users, id, input.version, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null });
      await tx.db.delete(sessions).where(eq(sessions.userId, id));
      await audit(tx, { action: 'user.passwordReset', entityType: 'user', entityId: id, summary: {} });
      return present(tx, row);
    }),
  );
}

export async function addRole(ctx: Ctx, id: string, input: z.infer<typeof roleGrant>): Promise<User> {
  return forgettingUser(
    id,
    transact(ctx, async (tx) => {
      const user = await findUser(tx, id, 'users.manage');
      const org = await grant(tx, id, input);
      await audit(tx, { action: 'user.roleGranted', entityType: 'user', entityId: id, orgId: org.id, orgPath: org.path, summary: { after: input } });
      return present(tx, user);
    }),
  );
}

export async function removeRole(ctx: Ctx, id: string, assignmentId: string): Promise<User> {
  return forgettingUser(
    id,
    transact(ctx, async (tx) => {
      const user = await findUser(tx, id, 'users.manage');
      const paths = scopeOf(tx, 'users.manage');
      const [assignment] = await tx.db
        .select({ id: roleAssignments.id, role: roleAssignments.role, orgId: orgs.id, path: orgs.path })
        .from(roleAssignments)
        .innerJoin(orgs, eq(orgs.id, roleAssignments.orgId))
        .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, id)));
      if (!assignment || !covers(paths, assignment.path)) throw new AppError('not_found', '授权不存在');
      if (id === requireActor(tx).id && assignment.role === 'committee_admin') throw new AppError('rule_violation', '不能撤销自己的工委管理员权限');
      await tx.db.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
      await audit(tx, {
        action: 'user.roleRevoked',
        entityType: 'user',
        entityId: id,
        orgId: assignment.orgId,
        orgPath: assignment.path,
        summary: { before: { role: assignment.role, orgId: assignment.orgId } },
      });
      return present(tx, user);
    }),
  );
}
