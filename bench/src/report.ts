import { type Check, ms, table, times } from './format';
import type { AreaResult } from './measure';
import type { DbResult } from './scenarios';

const names: Record<DbResult['kind'], string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

const measured = (result: DbResult): AreaResult[] => Object.values(result.areas);

/** The targets of the issues, per area; a miss is reported, never fatal. */
export const checks = (result: DbResult): Check[] => measured(result).flatMap((a) => a.checks);

export function formatDatabase(result: DbResult): string {
  const areas = measured(result);
  const loads = areas.flatMap((a) => a.load);
  const ratios = areas.flatMap((a) => a.ratios);
  const load = table(
    ['load: closed loop', 'conns', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'errors', 'non-2xx'],
    loads.map((l) => [
      l.label,
      String(l.connections),
      ms(l.latency.p50),
      ms(l.latency.p95),
      ms(l.latency.p99),
      l.rps.toFixed(0),
      String(l.errors),
      String(l.non2xx),
    ]),
  );
  const ratioTable = table(
    ['API vs raw SQL: sequential, idle', 'n', 'SQL p50', 'SQL p95', 'API p50', 'API p95', 'API/SQL p50', 'API/SQL p95'],
    ratios.map((r) => [r.label, String(r.sql.n), ms(r.sql.p50), ms(r.sql.p95), ms(r.api.p50), ms(r.api.p95), times(r.p50Ratio), times(r.p95Ratio)]),
  );
  const targets = checks(result)
    .map((c) => `  ${c.verdict.padEnd(4)}  ${c.target}: ${c.measured}`)
    .join('\n');
  const notes = areas.flatMap((a) => a.notes).map((n) => `  note: ${n}`);
  const { orgs, members, meetings, attendance } = result.counts;
  const title = `${names[result.kind]} ${result.version}: ${orgs} orgs, ${members} members, ${meetings} meetings, ${attendance} attendance rows seeded in ${(result.seedMs / 1000).toFixed(1)} s`;
  const blocks = [loads.length ? load : '', ratios.length ? ratioTable : '', ...areas.flatMap((a) => a.sections), notes.join('\n'), `  targets\n${targets}`];
  return [`== ${title} ==`, ...blocks.filter(Boolean).flatMap((b) => [b, ''])].join('\n').trimEnd();
}

interface CrossRatio {
  scenario: string;
  p50: number;
  p95: number;
  rps?: number;
}

const shortLabel = (label: string) => label.replace(/ \(.*\)$/, '');

/** PGlite relative to PostgreSQL where both ran a scenario: above 1 means PGlite is slower (for req/s, faster). */
export function crossRatios(pglite: DbResult, postgres: DbResult): CrossRatio[] {
  const other = measured(postgres);
  const pairs = <T extends { key: string }>(pick: (a: AreaResult) => T[]) => {
    const theirs = other.flatMap(pick);
    return measured(pglite)
      .flatMap(pick)
      .flatMap((mine) => {
        const match = theirs.find((t) => t.key === mine.key);
        return match ? [[mine, match] as const] : [];
      });
  };
  const loaded = pairs((a) => a.load).map(([l, p]) => ({
    scenario: `${shortLabel(l.label)}, load`,
    p50: l.latency.p50 / p.latency.p50,
    p95: l.latency.p95 / p.latency.p95,
    rps: l.rps / p.rps,
  }));
  const idle = pairs((a) => a.ratios).map(([r, p]) => ({
    scenario: `${shortLabel(r.label)}, sequential`,
    p50: r.api.p50 / p.api.p50,
    p95: r.api.p95 / p.api.p95,
  }));
  const timed = pairs((a) => a.timings).map(([t, p]) => ({
    scenario: `${t.label}, sequential`,
    p50: t.latency.p50 / p.latency.p50,
    p95: t.latency.p95 / p.latency.p95,
  }));
  return [...loaded, ...idle, ...timed];
}

export function formatCross(ratios: CrossRatio[]): string {
  const rows = ratios.map((r) => [r.scenario, times(r.p50), times(r.p95), r.rps === undefined ? '' : times(r.rps)]);
  return ['== PGlite / PostgreSQL ==', table(['scenario', 'p50', 'p95', 'req/s'], rows)].join('\n');
}
