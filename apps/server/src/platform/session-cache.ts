import type { Actor } from './context';

/**
 * Resolved sessions kept for a few seconds, so a burst of requests costs one session lookup.
 * Logout, password changes, deactivation and role changes forget the user's entries at once on
 * this node; other nodes see such a change within `ttlMs`.
 */
const ttlMs = 5_000;
const maxEntries = 10_000;
const entries = new Map<string, { actor: Actor; until: number }>();

export function cachedActor(sessionId: string, now: number): Actor | undefined {
  const entry = entries.get(sessionId);
  if (!entry) return undefined;
  if (entry.until > now) return entry.actor;
  entries.delete(sessionId);
  return undefined;
}

export function rememberActor(actor: Actor, now: number): void {
  if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
  entries.set(actor.sessionId, { actor, until: now + ttlMs });
}

export function forgetUser(userId: string): void {
  for (const [id, entry] of entries) if (entry.actor.id === userId) entries.delete(id);
}
