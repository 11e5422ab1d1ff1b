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

describe('npm start', () => {
  /**
   * Starts the server, waits for its banner, and returns the URL and a stop function. The first demo start seeds five
   * years of a city into PGlite first: on a 2-core machine busy with the other tests, that alone takes a minute or two.
   */
  async function start(extra: NodeJS.ProcessEnv) {
    const { spawn } = await import('node:child_process');
    const child = spawn(tsx, [main, 'start'], { env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extra } });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 240_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = output.match(/running \(\w+\) at (http:\/\/localhost:\d+\/)/);
        if (found?.[1] && output.includes('API documentation')) {
          clearTimeout(timer);
          setTimeout(() => resolve(found[1] as string), 50);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
    });
    const stop = () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      });
    return { url, output: () => output, stop };
  }

  it('seeds the demo once, prints the logins, and keeps the data across a restart', async () => {
    const demoEnv = { HANGBIAO_DEMO: '1', HANGBIAO_DEMO_PASSWORD: 'Demo-password-2026', DATA_DIR: join(dataDir, 'demo') };
    if (!database.url) Object.assign(demoEnv, { DATABASE_URL: '' });
    const first = await start(demoEnv);
    expect(first.output()).toMatch(/admin\s+工委管理员/);
    const health = await (await fetch(`${first.url}api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', demo: true });
    const login = async (url: string) => {
      const res = await fetch(`${url}api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Demo-password-2026' }),
      });
      expect(res.status).toBe(200);
      const cookie = res.headers.get('set-cookie')?.split(';')[0] as string;
      return (await (await fetch(`${url}api/orgs?pageSize=1`, { headers: { cookie } })).json()).total as number;
    };
    const orgsBefore = await login(first.url);
    expect(orgsBefore).toBeGreaterThan(500);
    await first.stop();
    const second = await start(demoEnv);
    expect(await login(second.url)).toBe(orgsBefore);
    await second.stop();
    const production = await start({ ...demoEnv, HANGBIAO_DEMO: '0' });
    expect(production.output()).not.toMatch(/Demo logins/);
    const refused = await fetch(`${production.url}api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Demo-password-2026' }),
    });
    expect(refused.status).toBe(401);
    await production.stop();
    // Seeding, each start's demo logins and the logins themselves are all in the chain.
    const verify = await cli(['audit', 'verify'], demoEnv);
    expect(Number(verify.stdout.match(/intact: (\d+) rows/)?.[1])).toBeGreaterThanOrEqual(6);
    // The first start seeds years of records into the embedded database.
  }, 420_000);
});
