import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness';

const exec = promisify(execFile);
const main = new URL('./main.ts', import.meta.url).pathname;
const tsx = new URL('../../../node_modules/.bin/tsx', import.meta.url).pathname;

let dataDir: string;
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hangbiao-cli-'));
  database = await openTestDatabase();
  // On PostgreSQL the CLI works on the test's own database; on PGlite on a fresh data directory.
  env = { PATH: process.env.PATH, DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
  if (!database.url) await database.drop();
});
afterAll(async () => {
  if (database.url) await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const cli = (args: string[], extra: NodeJS.ProcessEnv = {}) => exec(tsx, [main, ...args], { env: { ...env, ...extra } });

describe('command line', () => {
  it('stops with a message naming the variable when configuration is wrong', async () => {
    const failure = await cli(['migrate'], { PORT: 'not-a-port' }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('PORT') });
  });

  it('creates a committee and its first administrator with a one-time password, and verifies the audit chain', async () => {
    const committee = await cli(['committee', 'create', '--name', '测试市直机关工委']);
    const id = committee.stdout.match(/Committee created: ([0-9a-f-]{36})/)?.[1];
    expect(id).toBeDefined();
    const user = await cli(['user', 'create', '--username', 'firstadmin', '--name', '首位管理员', '--role', 'committee_admin', '--org', id as string]);
    expect(user.stdout).toMatch(/one-time password: \S{12,}/);
    const verify = await cli(['audit', 'verify']);
    expect(verify.stdout).toMatch(/Audit chain intact: 2 rows checked/);
  });

  it('refuses a user with an unknown role', async () => {
    const failure = await cli(['user', 'create', '--username', 'x', '--name', 'x', '--role', 'king', '--org', '0195f0c4-0000-7000-8000-000000000000']).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining('--role') });
  });
});
