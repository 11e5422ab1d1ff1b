import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { DbKind } from '../../apps/server/src/db/client';
import type { Check } from './format';
import { startLoadClient } from './load';
import { settings } from './measure';
import { checks, crossRatios, formatCross, formatDatabase } from './report';
import { type Area, areas, benchDatabase, type DbResult } from './scenarios';
import { openTarget, type Size } from './target';

const usage = `usage: npm run bench -- [--size demo|city|province] [--db pglite|postgres|both] [--only ${areas.join(',')}]`;

function options(): { size: Size; kinds: DbKind[]; selected: Area[] } {
  const { values } = parseArgs({ options: { size: { type: 'string', default: 'city' }, db: { type: 'string' }, only: { type: 'string' } } });
  const size = values.size;
  if (size !== 'demo' && size !== 'city' && size !== 'province') throw new Error(usage);
  // Seeding 20k orgs into PGlite takes long, so the province runs on PostgreSQL unless asked otherwise.
  const db = values.db ?? (size === 'province' ? 'postgres' : 'both');
  if (db !== 'pglite' && db !== 'postgres' && db !== 'both') throw new Error(usage);
  const only = values.only?.split(',').map((a) => a.trim());
  const selected = only ? areas.filter((a) => only.includes(a)) : [...areas];
  if (only && (selected.length !== only.length || selected.length === 0)) throw new Error(usage);
  // PostgreSQL first: PGlite's in-memory database stays in this process's resident memory after it closes, and would
  // count against the server's peak during PostgreSQL's imports.
  return { size, kinds: db === 'both' ? ['postgres', 'pglite'] : [db], selected };
}

async function main() {
  const { size, kinds, selected } = options();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `Hangbiao bench: size ${size}, ${availableParallelism()} × ${cpu}, Node ${process.version}\n` +
      `load: ${settings.durationS} s per scenario, ${settings.connections} connections (login and reports ${settings.loginConnections}), loopback, client in its own process\n` +
      `scenarios: ${selected.join(', ')}\n`,
  );
  const client = startLoadClient();
  const results: { result: DbResult; checks: Check[] }[] = [];
  try {
    for (const kind of kinds) {
      const target = await openTarget(kind, size);
      try {
        const result = await benchDatabase(client, target, selected);
        results.push({ result, checks: checks(result) });
        console.log(`${formatDatabase(result)}\n`);
      } finally {
        await target.close();
      }
    }
  } finally {
    client.close();
  }

  const pglite = results.find((r) => r.result.kind === 'pglite')?.result;
  const postgres = results.find((r) => r.result.kind === 'postgres')?.result;
  const cross = pglite && postgres ? crossRatios(pglite, postgres) : [];
  if (cross.length) console.log(`${formatCross(cross)}\n`);

  const failed = results.reduce((n, r) => n + r.result.failedRequests, 0);
  const outDir = new URL('../results/', import.meta.url);
  mkdirSync(outDir, { recursive: true });
  const report = {
    generatedAt: new Date().toISOString(),
    size,
    scenarios: selected,
    machine: { cpus: availableParallelism(), cpu, node: process.version },
    settings,
    results,
    pgliteVsPostgres: cross,
    failedRequests: failed,
  };
  writeFileSync(new URL('latest.json', outDir), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results: bench/results/latest.json`);
  if (failed > 0) {
    console.error(`${failed} request(s) failed or answered non-2xx`);
    process.exitCode = 1;
  }
}

await main();
