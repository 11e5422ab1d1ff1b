import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, monthOf, monthsBetween } from '../dates';
import { fenOf, yuan } from '../money';
import { DuesInputError, type DuesRuleSet, duesLimit, duesRateRules, duesRules, monthlyDues } from './dues';

const on = '2026-05-01';
const inService = (baseFen: number, date = on) => monthlyDues(baseFen, 'inService', date);
const retired = (baseFen: number, date = on) => monthlyDues(baseFen, 'retired', date);

describe('in-service dues on the whole base (规定 2008 第二条)', () => {
  it('charges 1.5 % of the whole 5400.00 (81.00) and 2 % of the whole 11500.00 (230.00)', () => {
    expect(inService(540_000)).toMatchObject({ fen: 8100, rule: { key: 'inService.3' } });
    expect(inService(1_150_000)).toMatchObject({ fen: 23_000, rule: { key: 'inService.4' } });
    expect(inService(540_000).rule.source).toContain('第二条');
  });

  it.each([
    [300_000, 1500, 'inService.1'],
    [300_001, 3000, 'inService.2'],
    [500_000, 5000, 'inService.2'],
    [500_001, 7500, 'inService.3'],
    [1_000_000, 15_000, 'inService.3'],
    [1_000_001, 20_000, 'inService.4'],
  ])('puts a base of %i fen in its bracket: %i fen (%s)', (base, fen, key) => {
    expect(inService(base)).toMatchObject({ fen, rule: { key } });
  });

  it('rounds to the fen, halves up (local default)', () => {
    expect(inService(123_457).fen).toBe(617); // 1234.57 × 0.5 % = 6.17285
    expect(inService(100_100).fen).toBe(501); // 1001.00 × 0.5 % = 5.005 → 5.01
    expect(inService(0).fen).toBe(0);
  });
});

describe('retirees (规定 2008 第五条)', () => {
  it('charges 0.5 % up to 5000.00 inclusive and 1 % above', () => {
    expect(retired(500_000)).toMatchObject({ fen: 2500, rule: { key: 'retired.1' } });
    expect(retired(500_001)).toMatchObject({ fen: 5000, rule: { key: 'retired.2' } });
    expect(retired(680_000).fen).toBe(6800);
  });
});

describe('fixed amounts (规定 2008 第六条)', () => {
  it('charges students, the unemployed and those on subsistence 0.20 yuan whatever their base', () => {
    expect(monthlyDues(null, 'fixedMinimum', on)).toMatchObject({ fen: 20, rule: { key: 'fixedMinimum' } });
  });

  it('lets a farmer pay 0.20 to 1.00 yuan and refuses amounts outside the range', () => {
    expect(monthlyDues(null, 'farmer', on).fen).toBe(20);
    expect(monthlyDues(null, 'farmer', on, { fixedFen: 100 }).fen).toBe(100);
    expect(() => monthlyDues(null, 'farmer', on, { fixedFen: 101 })).toThrow(DuesInputError);
    expect(() => monthlyDues(null, 'farmer', on, { fixedFen: 19 })).toThrow(/0.20 元至 1.00 元/);
  });

  it('asks for a base where the share categories need one', () => {
    expect(() => monthlyDues(null, 'inService', on)).toThrow(expect.objectContaining({ field: 'baseFen' }));
  });
});

const bases = fc.integer({ min: 0, max: 5_000_000 });
const brackets = duesRateRules.flatMap((rule) =>
  rule.brackets.map((b, i) => ({
    category: rule.category,
    low: i === 0 ? 0 : (rule.brackets[i - 1]?.upToFen ?? 0) + 1,
    high: b.upToFen ?? 5_000_000,
    rate: b.basisPoints,
  })),
);

describe('calculator properties', () => {
  it('applies the bracket rate to the whole base, rounded to the fen (never a marginal sum)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...brackets), fc.nat(), (bracket, n) => {
        const base = bracket.low + (n % (bracket.high - bracket.low + 1));
        const { fen } = monthlyDues(base, bracket.category, on);
        expect(fen).toBe(Math.floor((base * bracket.rate + 5000) / 10_000));
      }),
    );
  });

  it('never decreases as the base grows within a bracket', () => {
    fc.assert(
      fc.property(fc.constantFrom(...brackets), fc.nat(), fc.nat(), (bracket, x, y) => {
        const span = bracket.high - bracket.low + 1;
        const [a, b] = [bracket.low + (x % span), bracket.low + (y % span)].sort((p, q) => p - q) as [number, number];
        expect(monthlyDues(a, bracket.category, on).fen).toBeLessThanOrEqual(monthlyDues(b, bracket.category, on).fen);
      }),
    );
  });

  it('charges more in service than retired on the same base above 3000.00', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300_001, max: 5_000_000 }), (base) => {
        expect(inService(base).fen).toBeGreaterThanOrEqual(retired(base).fen);
      }),
    );
  });
});

describe('effective dates', () => {
  // A locality rounds to the jiao from 2027 and the centre revises the top in-service rate to 2.5 % from 2028.
  const local: DuesRuleSet = {
    ...duesRules,
    rounding: [...duesRules.rounding, { unitFen: 10, effectiveFrom: '2027-01-01', source: '某市党费收缴细则：计至角' }],
    rates: [
      ...duesRules.rates,
      {
        ...(duesRules.rates[0] as (typeof duesRules.rates)[number]),
        brackets: [
          { upToFen: 300_000, basisPoints: 50 },
          { upToFen: 500_000, basisPoints: 100 },
          { upToFen: 1_000_000, basisPoints: 150 },
          { upToFen: null, basisPoints: 250 },
        ],
        effectiveFrom: '2028-01-01',
        source: '修订后的规定',
      },
    ],
  };

  const nationalRate = (base: number) => duesRateRules[0]?.brackets.find((b) => b.upToFen === null || base <= b.upToFen)?.basisPoints ?? 0;

  it('changes results only from each later row’s first day', () => {
    fc.assert(
      fc.property(bases, fc.integer({ min: 0, max: 365 * 5 }), (base, day) => {
        const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        const fen = monthlyDues(base, 'inService', date, { rules: local }).fen;
        const rate = date >= '2028-01-01' && base > 1_000_000 ? 250 : nationalRate(base);
        if (date < '2027-01-01') expect(fen).toBe(monthlyDues(base, 'inService', date).fen);
        else expect(fen).toBe(Math.floor((base * rate + 50_000) / 100_000) * 10);
      }),
    );
  });

  it('rounds 5400.50 × 1.5 % = 81.0075 to 81.01 before and 81.00 after the jiao rule, and cites both sources', () => {
    expect(monthlyDues(540_050, 'inService', '2026-12-31', { rules: local }).fen).toBe(8101);
    const after = monthlyDues(540_050, 'inService', '2027-01-01', { rules: local });
    expect(after.fen).toBe(8100);
    expect(after.rule.source).toContain('计至角');
  });

  it('has no rule before the regulation took effect on 2008-04-01 (第三十二条)', () => {
    expect(() => inService(540_000, '2008-03-31')).toThrow(expect.objectContaining({ field: 'date' }));
    expect(inService(540_000, '2008-04-01').fen).toBe(8100);
  });
});

describe('collection limits', () => {
  it('limits back-payment to 6 months (第十二条), prepayment to 12 (local default) and alerts after 6 unpaid (第十三条)', () => {
    expect(duesLimit('backPayMonths', on)).toMatchObject({ value: 6, source: expect.stringContaining('第十二条') });
    expect(duesLimit('prepayMonths', on).value).toBe(12);
    expect(duesLimit('lapseAlertMonths', on)).toMatchObject({ value: 6, source: expect.stringContaining('第十三条') });
    expect(duesLimit('reverifyMonth', on).value).toBe(1);
  });
});

describe('money and months', () => {
  it('turns fen into yuan text and typed yuan back into fen exactly', () => {
    expect(yuan(8100)).toBe('81.00');
    expect(yuan(5)).toBe('0.05');
    expect(fenOf('5400.01')).toBe(540_001);
    expect(fenOf('5,400.5')).toBe(540_050);
    expect(fenOf('5400.001')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        expect(fenOf(yuan(fen))).toBe(fen);
      }),
    );
  });

  it('shifts and measures months across years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
    expect(monthsBetween('2025-11', '2026-05')).toBe(6);
    expect(monthOf('2026-05-31')).toBe('2026-05');
    fc.assert(
      fc.property(fc.integer({ min: -500, max: 500 }), (n) => {
        expect(monthsBetween('2026-05', addMonths('2026-05', n))).toBe(n);
      }),
    );
  });
});
