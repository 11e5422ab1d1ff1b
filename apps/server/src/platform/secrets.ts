import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';

/**
 * The session secret from SESSION_SECRET, or one generated once and kept in the data directory
 * so a single-node install survives restarts without configuration. Replicas must share the variable.
 */
export function sessionSecret(config: Config): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = join(config.DATA_DIR, 'secrets.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { sessionSecret?: string };
    if (stored.sessionSecret) return stored.sessionSecret;
  }
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, JSON.stringify({ sessionSecret: secret }), { mode: 0o600 });
  return secret;
}
