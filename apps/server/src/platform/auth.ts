import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '@hangbiao/shared/glossary';
import { type Permission, roleGrants } from '@hangbiao/shared/permissions';
import { hash, verify } from '@node-rs/argon2';
import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Db, rowsOf } from '../db/client';
import type { Actor } from './context';
import { AppError } from './errors';
import { cachedActor, rememberActor } from './session-cache';

/** What a route may be called by: a permission, any signed-in user, or anyone. */
export type RouteAccess = Permission | 'authenticated' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every API route and what it declared, for the access matrix test and the docs. */
    routeAccess: { method: string; url: string; access: RouteAccess }[];
  }
}

export const sessionCookie = 'hb_session';

// argon2id with the OWASP baseline (19 MiB, 2 passes): it dominates login latency by design.
export const hashPassword = (password: string) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = (stored: string, password: string) => verify(stored, password);

/** A random token for the cookie; the table keeps only its keyed hash. */
export function newSessionToken(secret: string) {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(secret, token), csrfToken: randomBytes(24).toString('base64url') };
}

export function sessionIdOf(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

interface SessionRow {
  user_id: string;
  username: string;
  display_name: string;
  committee_id: string;
  must_change_password: boolean;
  csrf_token: string;
  roles: { id: string; role: Role; orgId: string; orgName: string; orgPath: string; committeeId: string }[] | null;
}

/** One round trip: the session, its user and the user's role scopes. */
function actorQuery(sessionId: string): SQL {
  return sql`
    select u.id as user_id, u.username, u.display_name, u.committee_id, u.must_change_password, s.csrf_token,
      (select json_agg(json_build_object('id', ra.id, 'role', ra.role, 'orgId', o.id, 'orgName', o.name, 'orgPath', o.path, 'committeeId', o.committee_id) order by o.path)
         from role_assignments ra join orgs o on o.id = ra.org_id and o.deleted_at is null
        where ra.user_id = u.id) as roles
    from sessions s join users u on u.id = s.user_id
    where s.id = ${sessionId} and s.expires_at > now() and u.active`;
}

export async function loadActor(db: Db, sessionId: string): Promise<Actor | null> {
  const [row] = await rowsOf<SessionRow>(db, actorQuery(sessionId));
  if (!row) return null;
  return {
    id: row.user_id,
    username: row.username,
    displayName: row.display_name,
    committeeId: row.committee_id,
    mustChangePassword: row.must_change_password,
    roles: row.roles ?? [],
    sessionId,
    csrfToken: row.csrf_token,
  };
}

/**
 * Resolves the session on every API request and enforces what each route declares:
 * its access level and, for state-changing requests, the CSRF token bound to the session.
 */
export function registerAuth(app: FastifyInstance, secret: string) {
  app.decorateRequest('actor', null);
  const table: FastifyInstance['routeAccess'] = [];
  app.decorate('routeAccess', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const token = request.cookies[sessionCookie];
    if (token) {
      const sessionId = sessionIdOf(secret, token);
      const now = Date.now();
      request.actor = cachedActor(sessionId, now) ?? null;
      if (!request.actor) {
        request.actor = await loadActor(request.server.database.db, sessionId);
        if (request.actor) rememberActor(request.actor, now);
      }
    }
    if (access === 'public') return;
    const actor = request.actor;
    if (!actor) throw new AppError('unauthenticated');
    if (!safeMethods.has(request.method) && request.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError('csrf_failed');
    if (access !== 'authenticated' && !actor.roles.some((r) => roleGrants(r.role, access))) throw new AppError('forbidden');
  });
}
