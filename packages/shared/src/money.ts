/** Money is kept in integer fen; these turn it into yuan text and back, without floating-point arithmetic. */

/** 8100 → "81.00"; -5 → "-0.05". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Yuan as people type them ("5400", "5400.5", "5,400.05") in fen; null when it is not an amount with at most two decimals. */
export function fenOf(text: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim().replaceAll(',', ''));
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
