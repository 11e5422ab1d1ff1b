/** A seeded pseudo-random stream (mulberry32): small, fast and identical on every platform. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  shuffled<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/** Mixes two integers into a well-spread 32-bit seed, so sub-streams (one per branch roster) do not track each other. */
export function mixSeed(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A UUIDv7 whose timestamp is `ms` and whose random bits come from `rng`.
 * Callers pass a distinct `ms` per row of a table (a base plus a counter), so ids never collide and sort in creation order.
 */
export function uuid7(ms: number, rng: Rng): string {
  const high = Math.floor(ms / 0x10000);
  const low = ms % 0x10000;
  const a = rng.uint32();
  const b = rng.uint32();
  const c = rng.uint32();
  const randA = a & 0xfff;
  const variant = 0x8000 | ((a >>> 12) & 0x3fff);
  return `${hex(high, 8)}-${hex(low, 4)}-${hex(0x7000 | randA, 4)}-${hex(variant, 4)}-${hex(b & 0xffff, 4)}${hex(c, 8)}`;
}

/** Ids of a data set carry timestamps from the start of its `today` (Asia/Shanghai) onwards. */
export function idEpoch(today: string): number {
  return Date.parse(`${today}T00:00:00+08:00`);
}
