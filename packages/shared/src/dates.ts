/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai, where all business periods are reckoned. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The month (YYYY-MM) a date (YYYY-MM-DD) falls in. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** A month (YYYY-MM) shifted by `months`, which may be negative. */
export function addMonths(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (YYYY-MM): 2026-01 → 2026-03 is 2, and negative when `to` is earlier. */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/**
 * A date (YYYY-MM-DD) whole months later (or earlier), on the same day of the month, or on the month's last day
 * when it has no such day: 2026-01-31 plus 1 month is 2026-02-28, 2024-02-29 plus 12 months is 2025-02-28.
 */
export function addMonthsToDate(date: string, months: number): string {
  const target = addMonths(monthOf(date), months);
  const [y, m] = target.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${target}-${String(Math.min(Number(date.slice(8, 10)), lastDay)).padStart(2, '0')}`;
}
