import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
  }
}

const root = new URL('../../', import.meta.url).pathname;
const demoPassword = 'E2e-demo-password-1';

/** Starts the real server in demo mode on a fresh embedded database, as `npm start` does. */
export default async function setup(project: TestProject) {
  if (!existsSync(join(root, 'apps/web/dist/index.html'))) {
    const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('web build failed');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'hangbiao-e2e-'));
  const server: ChildProcess = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'apps/server/src/main.ts'), 'start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      HANGBIAO_DEMO: '1',
      HANGBIAO_DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: 'warn',
    },
  });
  let output = '';
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 300_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/running \(\w+\) at (http:\/\/localhost:\d+\/)/)?.[1];
      if (url && output.includes('Demo logins')) {
        clearTimeout(timer);
        resolve(url.replace('localhost', '127.0.0.1'));
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', demoPassword);
  return async () => {
    server.removeAllListeners('exit');
    await new Promise<void>((resolve) => {
      server.on('exit', () => resolve());
      server.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  };
}
