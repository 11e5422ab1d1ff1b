import { addMonths, monthOf, monthsBetween } from '@hangbiao/shared/dates';
import { duesLimit, monthlyDues } from '@hangbiao/shared/rules';
import { describe, expect, it } from 'vitest';
import { duesBatches, duesHistoryMonths } from './dues';
import { generate } from './generate';
import { memberBatches } from './members';

const today = '2026-11-25';
const city = generate({ size: 'city', seed: 7, today });
const batches = [...duesBatches(city)];
const bases = batches.flatMap((b) => b.bases);
const payments = batches.flatMap((b) => b.payments);
const members = new Map([...memberBatches(city)].flat().map((m) => [m.id, m]));

describe('generated dues', () => {
  it('is the same for the same data set and comes in batches of 500 members', () => {
    const again = duesBatches(city);
    for (const batch of batches.slice(0, 4)) expect(again.next().value).toEqual(batch);
    expect(new Set(batches.slice(0, -1).map((b) => new Set(b.bases.map((x) => x.memberId)).size))).toEqual(new Set([500]));
    expect(new Set([...bases, ...payments].map((r) => r.id)).size).toBe(bases.length + payments.length);
  }, 30_000);

  it('gives every member a base whose amount is the calculator’s on the whole base', () => {
    expect(new Set(bases.map((b) => b.memberId)).size).toBe(members.size);
    for (const b of bases.slice(0, 2000)) expect(b.monthlyFen).toBe(monthlyDues(b.baseFen, b.category, b.effectiveMonth).fen);
  });

  it('keeps payments within the rules: from joining, back-payment ≤ 6 months (第十二条), prepayment ≤ 12, never after today', () => {
    const back = duesLimit('backPayMonths', today).value;
    const ahead = duesLimit('prepayMonths', today).value;
    const broken = payments.filter((p) => {
      const member = members.get(p.memberId);
      const late = monthsBetween(monthOf(p.month), monthOf(p.paidOn));
      return !member || monthOf(p.month) < monthOf(member.joinedOn) || late > back || -late > ahead || p.paidOn > today || p.paidFen < p.expectedFen;
    });
    expect(broken).toEqual([]);
    const first = addMonths(monthOf(today), 1 - duesHistoryMonths);
    expect(payments.every((p) => p.month >= `${first}-01`)).toBe(true);
  });

  it('has realistic arrears: most members paid up, some months behind, and a few with 6 months unpaid to alert on', () => {
    const last = new Map<string, string>();
    for (const p of payments) if ((last.get(p.memberId) ?? '') < p.month) last.set(p.memberId, p.month);
    const active = [...members.values()].filter((m) => m.status === 'active');
    const behind = (months: number) =>
      active.filter((m) => monthsBetween(monthOf(last.get(m.id) ?? `${monthOf(m.joinedOn)}-01`), monthOf(today)) >= months).length / active.length;
    expect(behind(1)).toBeGreaterThan(0.03);
    expect(behind(1)).toBeLessThan(0.6);
    expect(behind(6)).toBeGreaterThan(0.003);
    expect(behind(6)).toBeLessThan(0.03);
  });
});
