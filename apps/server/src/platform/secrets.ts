import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';

/**
 * A secret from its variable, or one generated once and kept in the data directory so a single-node
 * install survives restarts without configuration. Replicas must share the variables.
 */
function storedSecret(config: Config, name: 'sessionSecret' | 'encryptionKey'): string {
  const file = join(config.DATA_DIR, 'secrets.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const existing = stored[name];
  if (existing) return existing;
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, JSON.stringify({ ...stored, [name]: secret }), { mode: 0o600 });
  return secret;
}

export function sessionSecret(config: Config): string {
  return config.SESSION_SECRET ?? storedSecret(config, 'sessionSecret');
}

/** Seals sensitive fields at rest (AES-256-GCM) and gives them a keyed hash for equality lookups. */
export interface Sealer {
  seal(text: string): string;
  open(sealed: string): string;
  /** HMAC-SHA256: equal inputs give equal hashes, which uniqueness and lookups use without decrypting. */
  hash(text: string): string;
}

const sealers = new WeakMap<Config, Sealer>();

export function sealerFor(config: Config): Sealer {
  const cached = sealers.get(config);
  if (cached) return cached;
  const master = Buffer.from(config.ENCRYPTION_KEY ?? storedSecret(config, 'encryptionKey'), 'hex');
  const sealKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hangbiao seal v1', 32));
  const hashKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hangbiao hash v1', 32));
  const sealer: Sealer = {
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const raw = Buffer.from(sealed.slice(3), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', sealKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    hash: (text) => createHmac('sha256', hashKey).update(text).digest('base64url'),
  };
  sealers.set(config, sealer);
  return sealer;
}
