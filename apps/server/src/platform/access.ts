import { type Permission, roleGrants } from '@hangbiao/shared/permissions';
import { and, eq, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { orgs } from '../modules/orgs/orgs.tables';
import type { Actor, Ctx } from './context';
import { AppError } from './errors';

/** The org paths under which the actor holds `permission`; refuses with 403 when there are none. */
export function scopeOf(ctx: Ctx, permission: Permission): string[] {
  const actor = requireActor(ctx);
  const paths = actor.roles.filter((r) => roleGrants(r.role, permission)).map((r) => r.orgPath);
  if (paths.length === 0) throw new AppError('forbidden');
  return paths;
}

export function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return ctx.actor;
}

/** `column` lies in one of the scope's subtrees; the column may be a raw fragment such as sql`o.path`. */
export function pathInScope(paths: readonly string[], column: AnyPgColumn | SQL): SQL {
  const parts = paths.map((p) => like(column, `${p}%`));
  return sql`(${sql.join(parts, sql` or `)})`;
}

export function covers(paths: readonly string[], path: string): boolean {
  return paths.some((p) => path.startsWith(p));
}

/** Whether the scope reaches a committee root, i.e. everything of that committee. */
export function coversRoot(paths: readonly string[]): boolean {
  return paths.some((p) => p.split('/').filter(Boolean).length === 1);
}

export type OrgRow = typeof orgs.$inferSelect;

/**
 * Loads a live org the actor may act on with `permission`. A missing org and one outside the
 * scope get the same 403, so the answer never reveals whether an org exists.
 */
export async function requireOrg(ctx: Ctx, permission: Permission, orgId: string, options: { forUpdate?: boolean } = {}): Promise<OrgRow> {
  const paths = scopeOf(ctx, permission);
  const query = ctx.db
    .select()
    .from(orgs)
    .where(and(eq(orgs.id, orgId), isNull(orgs.deletedAt), pathInScope(paths, orgs.path)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('forbidden', '无权访问该组织，或该组织不存在');
  return row;
}
