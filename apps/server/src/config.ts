import { z } from 'zod';

const flag = z.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no']).transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const secret = (bytes: number) =>
  z
    .string()
    .regex(/^[0-9a-fA-F]+$/, 'must be hex')
    .length(bytes * 2, `must be ${bytes * 2} hex characters`);

const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');

const env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_READ_URL: postgresUrl.optional(),
  SESSION_SECRET: secret(32).optional(),
  ENCRYPTION_KEY: secret(32).optional(),
  HANGBIAO_DEMO: flag.optional(),
  HANGBIAO_DEMO_PASSWORD: z.string().min(8).max(128).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  LOGIN_RATE_MAX: z.coerce.number().int().min(1).default(20),
  LOGIN_LOCK_AFTER: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  TRUST_PROXY: flag.default(false),
  VALIDATE_RESPONSES: flag.default(false),
  READ_CACHE: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof env>;

export class ConfigError extends Error {}

/** Parses the environment once; a bad value stops start-up naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = env.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.DATABASE_READ_URL && !parsed.data.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_READ_URL: requires DATABASE_URL (a read replica of PostgreSQL)');
  }
  return parsed.data;
}
