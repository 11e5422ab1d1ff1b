/** A rule row in force from `effectiveFrom` (inclusive) until a later row of the same key replaces it. */
export interface Effective {
  effectiveFrom: string;
  source: string;
}

/** The row of `table` matching `match` that was in force on `date` (YYYY-MM-DD), or undefined. */
export function ruleOn<T extends Effective>(table: readonly T[], date: string, match: (row: T) => boolean): T | undefined {
  let found: T | undefined;
  for (const row of table) {
    if (match(row) && row.effectiveFrom <= date && (!found || row.effectiveFrom > found.effectiveFrom)) found = row;
  }
  return found;
}
