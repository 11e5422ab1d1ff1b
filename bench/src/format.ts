import type { LoadResult } from './measure';
import type { Summary } from './stats';

export interface Check {
  target: string;
  measured: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
}

export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0));
export const times = (value: number) => `${value.toFixed(2)}×`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // The first column is text (left-aligned); the others are figures.
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`.trimEnd()).join('\n');
}

export function find<T extends { key: string }>(items: readonly T[], key: string): T {
  const found = items.find((item) => item.key === key);
  if (!found) throw new Error(`no result ${key}`);
  return found;
}

/** Latency targets are judged under load; the idle figure beside it tells queueing from slow work. */
export function latencyCheck(target: string, loaded: LoadResult, limitMs: number, idle?: Summary, judged = true): Check {
  const context = idle ? ` (idle ${ms(idle.p95)} ms)` : '';
  const verdict = !judged ? 'n/a' : loaded.latency.p95 < limitMs ? 'PASS' : 'MISS';
  return { target, measured: `${ms(loaded.latency.p95)} ms${context}`, verdict };
}
