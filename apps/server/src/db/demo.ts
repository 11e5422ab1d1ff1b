import { randomBytes } from 'node:crypto';
import type { Role } from '@hangbiao/shared/glossary';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config';
import { audit } from '../platform/audit';
import { hashPassword } from '../platform/auth';
import { systemCtx } from '../platform/context';
import { newId } from '../platform/ids';
import { sealerFor } from '../platform/secrets';
import type { Database } from './client';
import { members, roleAssignments, settings, users } from './schema';
import { demoDues, demoMeetings, seed } from './seed';

interface DemoState {
  committeeId: string;
  logins: { username: string; displayName: string; role: Role; orgId: string }[];
}

/**
 * Demo mode is decided once, when the database is first opened: on by default only for an
 * empty embedded database. The decision is stored so later starts behave the same way.
 */
export async function resolveDemo(database: Database, requested: boolean | undefined): Promise<boolean> {
  const [stored] = await database.db.select().from(settings).where(eq(settings.key, 'demo'));
  if (stored) return requested ?? Boolean(stored.value);
  const [anyUser] = await database.db.select({ id: users.id }).from(users).limit(1);
  const demo = requested ?? (database.kind === 'pglite' && !anyUser);
  await database.db.insert(settings).values({ key: 'demo', value: demo });
  return demo;
}

/** Seeds the demo city once and (re)sets the demo logins' password; returns what to print. */
export async function prepareDemo(database: Database, config: Config) {
  const [stored] = await database.db.select().from(settings).where(eq(settings.key, 'demoState'));
  let state = stored?.value as DemoState | undefined;
  if (!state) {
    const result = await seed(database.db, sealerFor(config), { size: 'demo', meetings: demoMeetings, dues: demoDues });
    const { rootOrgId, sample } = result;
    const logins: DemoState['logins'] = [
      { username: 'admin', displayName: '工委管理员（演示）', role: 'committee_admin', orgId: rootOrgId },
      { username: 'orgadmin', displayName: '机关党委党务干部（演示）', role: 'org_admin', orgId: sample.unitCommitteeOrgId },
      { username: 'member', displayName: '支部党员（演示）', role: 'member', orgId: sample.branchOrgId },
      { username: 'inspector', displayName: '督查人员（演示）', role: 'inspector', orgId: rootOrgId },
      { username: 'discipline', displayName: '纪检人员（演示）', role: 'discipline', orgId: rootOrgId },
      { username: 'leader', displayName: '工委领导（演示）', role: 'leader', orgId: rootOrgId },
    ];
    state = { committeeId: result.committeeId, logins };
    const placeholder = await hashPassword(randomBytes(24).toString('hex'));
    await database.db.transaction(async (tx) => {
      // The member login is a member of its branch, so 我的信息 shows a record.
      const [own] = await tx
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.orgId, sample.branchOrgId), eq(members.status, 'active')))
        .orderBy(asc(members.namePinyin))
        .limit(1);
      for (const login of logins) {
        const id = newId();
        await tx.insert(users).values({
          id,
          committeeId: result.committeeId,
          username: login.username,
          displayName: login.displayName,
          passwordHash: placeholder,
          memberId: login.role === 'member' ? own?.id : undefined,
        });
        await tx.insert(roleAssignments).values({ id: newId(), committeeId: result.committeeId, userId: id, role: login.role, orgId: login.orgId });
      }
      await tx.insert(settings).values({ key: 'demoState', value: state });
      await audit(systemCtx(tx, config), {
        action: 'demo.seeded',
        entityType: 'committee',
        entityId: result.committeeId,
        orgId: rootOrgId,
        orgPath: `/${rootOrgId}/`,
        committeeId: result.committeeId,
        summary: { counts: result.counts, logins: logins.map((l) => l.username) },
      });
    });
  }
  const demoPassword = config.HANGBIAO_DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(demoPassword);
  await setDemoLogins(database, config, state, { passwordHash, active: true, failedLogins: 0, lockedUntil: null });
  return { password: demoPassword, logins: state.logins };
}

/** Outside demo mode the demo logins of an earlier demo stay switched off. */
export async function disableDemoLogins(database: Database, config: Config): Promise<void> {
  const [stored] = await database.db.select().from(settings).where(eq(settings.key, 'demoState'));
  const state = stored?.value as DemoState | undefined;
  if (state) await setDemoLogins(database, config, state, { active: false });
}

async function setDemoLogins(database: Database, config: Config, state: DemoState, values: Partial<typeof users.$inferInsert>) {
  const usernames = state.logins.map((l) => l.username);
  await database.db.transaction(async (tx) => {
    await tx.update(users).set(values).where(inArray(users.username, usernames));
    await audit(systemCtx(tx, config), {
      action: values.active ? 'demo.loginsEnabled' : 'demo.loginsDisabled',
      entityType: 'committee',
      entityId: state.committeeId,
      committeeId: state.committeeId,
      summary: { usernames, passwordReset: Boolean(values.passwordHash) },
    });
  });
}
