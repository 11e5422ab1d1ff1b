export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Nearest-rank percentiles, in the unit of the input. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

/** `count` items taken from `items` in order, starting over at the end. */
export function cycle<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: Math.ceil(count / items.length) }, () => items)
    .flat()
    .slice(0, count);
}
