// `npm test`: everything, in order — system needs, type-check, lint, web build, unit and integration
// tests on PGlite and PostgreSQL, browser tests — then one summary line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const artifacts = join(root, 'artifacts');
mkdirSync(artifacts, { recursive: true });
const steps = [];

function run(name, command, args, options = {}) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  const ok = result.status === 0;
  steps.push({ name, ok });
  console.log(`${ok ? '✔' : '✘'} ${name}`);
  return ok;
}

function hasCjkFont() {
  const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return fonts.status === 0 && /Noto (Sans|Serif) CJK/i.test(fonts.stdout);
}

// Browser tests need Debian's Chromium and CJK fonts; install them where missing.
if (!existsSync('/usr/bin/chromium') || !hasCjkFont()) {
  console.log('Installing chromium and fonts-noto-cjk from Debian…');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) =>
    spawnSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  steps.push({ name: 'install chromium and fonts-noto-cjk', ok: apt(['install', '-y', '-qq', 'chromium', 'fonts-noto-cjk']).status === 0 });
}

const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const client = new pg.Client({ connectionString: testDatabaseUrl, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  await client.end();
} catch (error) {
  console.error(
    `\n✘ PostgreSQL is unreachable at TEST_DATABASE_URL=${testDatabaseUrl} (${error.message}).\n  The integration tests run on PostgreSQL too; start it or point TEST_DATABASE_URL at one.`,
  );
  steps.push({ name: 'PostgreSQL reachable', ok: false });
}

run('type-check', 'npx', ['tsc', '--noEmit']);
run('lint (biome)', 'npx', ['biome', 'check', '--error-on-warnings', '.']);
run('dead code (knip)', 'npx', ['knip']);
run('web build', 'npm', ['run', 'build', '-w', 'apps/web']);

const report = join(artifacts, 'vitest.json');
console.log('\n▶ tests (unit, PGlite, PostgreSQL, browser)');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: root, stdio: 'inherit' });

let passed = steps.filter((s) => s.ok).length;
let failed = steps.filter((s) => !s.ok).length;
let skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  // A file that failed before any test ran (import error, failing setup) counts as one failure.
  const brokenFiles = results.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  passed += results.numPassedTests;
  failed += results.numFailedTests + brokenFiles;
  skipped += results.numPendingTests + results.numTodoTests;
} else if (vitest.status !== 0) {
  failed += 1;
}

for (const step of steps) if (!step.ok) console.log(`✘ ${step.name} failed`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || vitest.status !== 0 ? 1 : 0);
