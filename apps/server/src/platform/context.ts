import type { Role } from '@hangbiao/shared/glossary';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';
import type { Db } from '../db/client';

export interface RoleScope {
  id: string;
  role: Role;
  orgId: string;
  orgName: string;
  /** Materialized path of the scope's root org. */
  orgPath: string;
  committeeId: string;
}

export interface Actor {
  id: string;
  username: string;
  displayName: string;
  committeeId: string;
  mustChangePassword: boolean;
  roles: RoleScope[];
  sessionId: string;
  csrfToken: string;
}

/** What every use case receives: the database, who is acting, and when. */
export interface Ctx {
  db: Db;
  read: Db;
  actor: Actor | null;
  now: Date;
  ip: string | null;
  config: Config;
}

export function ctxOf(request: FastifyRequest): Ctx {
  const { database, config } = request.server;
  return { db: database.db, read: database.read, actor: request.actor, now: new Date(), ip: request.ip, config };
}

/** Runs `fn` in one transaction; everything it writes, audit rows included, commits or rolls back together. */
export function transact<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => fn({ ...ctx, db: tx, read: tx }));
}

/** For writes the system makes itself (command line, demo set-up): audited like any other, with no signed-in actor. */
export function systemCtx(db: Db, config: Config): Ctx {
  return { db, read: db, actor: null, now: new Date(), ip: null, config };
}
