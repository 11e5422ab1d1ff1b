import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkThresholds, ruleOn, termEndOf, termRuleFor, termRules } from './index';

describe('ruleOn picks the row in force on a date', () => {
  const table = [
    { key: 'a', value: 1, effectiveFrom: '2018-01-01', source: 'old' },
    { key: 'a', value: 2, effectiveFrom: '2024-07-01', source: 'revised' },
  ];
  it('uses the older row before the revision and the newer from its first day', () => {
    expect(ruleOn(table, '2024-06-30', (r) => r.key === 'a')?.value).toBe(1);
    expect(ruleOn(table, '2024-07-01', (r) => r.key === 'a')?.value).toBe(2);
    expect(ruleOn(table, '2017-12-31', (r) => r.key === 'a')).toBeUndefined();
  });
});

describe('term lengths (党和国家机关基层组织工作条例 2019 第十二条; 支部工作条例 2018 第十四条)', () => {
  it('gives a unit Party committee 5 years and a branch 3 years', () => {
    expect(termRuleFor('unitCommittee', '2021-05-10')?.years).toBe(5);
    expect(termRuleFor('branch', '2021-05-10')?.years).toBe(3);
    expect(termRuleFor('group', '2021-05-10')).toBeUndefined();
  });

  it('ends a term on the same calendar day years later, and a 29 February start on 28 February', () => {
    const branch = termRuleFor('branch', '2020-02-29');
    if (!branch) throw new Error('no branch rule');
    expect(termEndOf(branch, '2021-05-10')).toBe('2024-05-10');
    expect(termEndOf(branch, '2020-02-29')).toBe('2023-02-28');
  });

  it('always ends a term after it starts, within one day of whole years (property)', () => {
    const days = fc.integer({ min: 0, max: 365 * 30 }).map((n) => new Date(Date.UTC(2019, 3, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(days, fc.constantFrom(...termRules), (start, rule) => {
        const end = termEndOf(rule, start);
        expect(end > start).toBe(true);
        expect(Number(end.slice(0, 4)) - Number(start.slice(0, 4))).toBe(rule.years);
      }),
    );
  });
});

describe('org thresholds (支部工作条例 2018 第五条、第八条)', () => {
  it('blocks a branch with fewer than 3 full members and passes one with 3', () => {
    expect(checkThresholds('branch', { fullMembers: 2, members: 2 }, '2026-01-01').map((f) => [f.rule, f.severity])).toContainEqual([
      'branch.minFull',
      'block',
    ]);
    expect(checkThresholds('branch', { fullMembers: 3, members: 3 }, '2026-01-01')).toEqual([]);
  });

  it('only warns when a branch has more than 50 members (一般不超过)', () => {
    const findings = checkThresholds('branch', { fullMembers: 51, members: 51, committeeSize: 5 }, '2026-01-01');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'branch.maxMembers', severity: 'warn' });
  });

  it('requires a branch committee of 3 to 7 only from 7 full members', () => {
    expect(checkThresholds('branch', { fullMembers: 6, committeeSize: 1 }, '2026-01-01')).toEqual([]);
    expect(checkThresholds('branch', { fullMembers: 7, committeeSize: 1 }, '2026-01-01')[0]).toMatchObject({ rule: 'branch.committeeSize', severity: 'block' });
    expect(checkThresholds('branch', { fullMembers: 7, committeeSize: 8 }, '2026-01-01')[0]?.rule).toBe('branch.committeeSize');
  });

  it('blocks a joint branch covering one unit and warns above five', () => {
    expect(checkThresholds('jointBranch', { coveredUnits: 1 }, '2026-01-01')[0]).toMatchObject({ severity: 'block' });
    expect(checkThresholds('jointBranch', { coveredUnits: 6 }, '2026-01-01')[0]).toMatchObject({ severity: 'warn' });
    expect(checkThresholds('jointBranch', { coveredUnits: 3 }, '2026-01-01')).toEqual([]);
  });

  it('does not apply a rule before its effective date', () => {
    expect(checkThresholds('branch', { fullMembers: 1 }, '2018-10-27')).toEqual([]);
  });
});
