import type { changePasswordBody, LoginBody, Me } from '@hangbiao/shared/contracts/auth';
import { type Permission, rolePermissions } from '@hangbiao/shared/permissions';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { requireActor } from '../../platform/access';
import { audit } from '../../platform/audit';
import { hashPassword, loadActor, newSessionToken, verifyPassword } from '../../platform/auth';
import { type Actor, type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { forgetUser } from '../../platform/session-cache';
import { sessions, users } from './users.tables';

// Verifying against a real hash for unknown usernames keeps response time from revealing which names exist.
let decoyHash: Promise<string> | undefined;

export function meOf(actor: Actor): Me {
  const permissions = new Set<Permission>(actor.roles.flatMap((r) => rolePermissions[r.role]));
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    mustChangePassword: actor.mustChangePassword,
    roles: actor.roles.map(({ id, role, orgId, orgName }) => ({ id, role, orgId, orgName })),
    permissions: [...permissions],
    csrfToken: actor.csrfToken,
  };
}

export async function login(ctx: Ctx, input: LoginBody, secret: string): Promise<{ me: Me; token: string; expiresAt: Date }> {
  const [user] = await ctx.db.select().from(users).where(eq(users.username, input.username.toLowerCase()));
  if (!user) {
    decoyHash ??= hashPassword('decoy-password-for-timing');
    await verifyPassword(await decoyHash, input.password);
    throw new AppError('invalid_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    throw new AppError('account_locked', `登录失败次数过多，账户已锁定至 ${user.lockedUntil.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`);
  }
  const valid = user.active && (await verifyPassword(user.passwordHash, input.password));
  if (!valid) {
    await transact(ctx, async (tx) => {
      const failed = user.failedLogins + 1;
      const lock = failed >= ctx.config.LOGIN_LOCK_AFTER;
      await tx.db
        .update(users)
        .set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(ctx.now.getTime() + ctx.config.LOGIN_LOCK_MINUTES * 60_000) : null })
        .where(eq(users.id, user.id));
      await audit(tx, {
        action: lock ? 'auth.locked' : 'auth.loginFailed',
        entityType: 'user',
        entityId: user.id,
        committeeId: user.committeeId,
        summary: { username: user.username, failed },
      });
    });
    throw new AppError('invalid_credentials');
  }
  const session = newSessionToken(secret);
  const expiresAt = new Date(ctx.now.getTime() + ctx.config.SESSION_TTL_HOURS * 3_600_000);
  await transact(ctx, async (tx) => {
    await tx.db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.db.insert(sessions).values({ id: session.id, userId: user.id, csrfToken: session.csrfToken, expiresAt });
    await tx.db.delete(sessions).where(and(eq(sessions.userId, user.id), sql`${sessions.expiresAt} < now()`));
    await audit(
      { ...tx, actor: { id: user.id, displayName: user.displayName } as Actor },
      { action: 'auth.login', entityType: 'user', entityId: user.id, committeeId: user.committeeId, summary: { username: user.username, ip: ctx.ip } },
    );
  });
  const actor = await loadActor(ctx.db, session.id);
  if (!actor) throw new AppError('internal');
  return { me: meOf(actor), token: session.token, expiresAt };
}

export async function logout(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx);
  await transact(ctx, async (tx) => {
    await tx.db.delete(sessions).where(eq(sessions.id, actor.sessionId));
    await audit(tx, { action: 'auth.logout', entityType: 'user', entityId: actor.id, summary: {} });
  });
  forgetUser(actor.id);
}

export async function changePassword(ctx: Ctx, input: z.infer<typeof changePasswordBody>): Promise<void> {
  const actor = requireActor(ctx);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation_failed', '当前密码不正确', [{ path: 'body.currentPassword', message: '当前密码不正确' }]);
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('validation_failed', '新密码不能与当前密码相同', [{ path: 'body.newPassword', message: '新密码不能与当前密码相同' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await transact(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ passwordHash, mustChangePassword: false, version: sql`${users.version} + 1`, updatedAt: ctx.now })
      .where(eq(users.id, actor.id));
    // Other sessions of this user end: a changed password must lock out whoever else held it.
    await tx.db.delete(sessions).where(and(eq(sessions.userId, actor.id), sql`${sessions.id} <> ${actor.sessionId}`));
    await audit(tx, { action: 'auth.passwordChanged', entityType: 'user', entityId: actor.id, summary: {} });
  });
  forgetUser(actor.id);
}
