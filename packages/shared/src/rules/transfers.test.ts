import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TransferAction, type TransferKind, type TransferState, transferActions, transferKinds, transferStates } from '../glossary';
import { actionSide, describeTransferRule, finishingSide, monthsAfter, openActions, transferDeadline, transferRule, transferTransition } from './index';

describe('transfer deadlines (党员教育管理工作条例 2019 第五章; local receipt and answer periods)', () => {
  it('keeps a letter valid for 90 days, no more than 3 months', () => {
    expect(transferRule('letterValidityDays', '2026-01-10')?.value).toBe(90);
    expect(transferDeadline('inbound', '2026-01-10')?.deadline).toBe('2026-04-10');
  });

  it('expects the receipt of a letter out of the system 120 days after it is issued', () => {
    expect(transferDeadline('outbound', '2026-01-10')).toMatchObject({ deadline: '2026-05-10', rule: { key: 'receiptDays', value: 120 } });
  });

  it('gives the receiving branch 15 days to answer a transfer within the system', () => {
    expect(transferDeadline('internal', '2026-02-20')?.deadline).toBe('2026-03-07');
  });

  it('reminds 15 days ahead and flags members away for 6 months', () => {
    expect(transferRule('reminderDays', '2026-01-01')?.value).toBe(15);
    expect(transferRule('awayMonths', '2026-01-01')?.value).toBe(6);
  });

  it('has no deadline before the rules took effect', () => {
    expect(transferDeadline('outbound', '2019-05-05')).toBeUndefined();
  });
});

describe('monthsAfter', () => {
  it('lands on the same day, or the last day of a shorter month', () => {
    expect(monthsAfter('2026-03-15', -6)).toBe('2025-09-15');
    expect(monthsAfter('2026-08-31', -6)).toBe('2026-02-28');
    expect(monthsAfter('2024-08-31', -6)).toBe('2024-02-29');
    expect(monthsAfter('2025-12-31', 2)).toBe('2026-02-28');
  });

  it('never moves more than one month’s length past whole months (property)', () => {
    const days = fc.integer({ min: 0, max: 365 * 20 }).map((n) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(days, fc.integer({ min: -24, max: 24 }), (date, months) => {
        const moved = monthsAfter(date, months);
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        expect(monthIndex(moved) - monthIndex(date)).toBe(months);
        expect(Number(moved.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)));
      }),
    );
  });
});

describe('the transfer state machine', () => {
  const allowed: [TransferKind, TransferState, TransferAction, TransferState][] = [
    ['internal', 'pending', 'accept', 'completed'],
    ['internal', 'pending', 'reject', 'rejected'],
    ['internal', 'pending', 'cancel', 'cancelled'],
    ['outbound', 'pending', 'receipt', 'completed'],
    ['outbound', 'pending', 'cancel', 'cancelled'],
    ['inbound', 'pending', 'register', 'completed'],
    ['inbound', 'pending', 'reject', 'rejected'],
  ];
  const every = transferKinds.keys.flatMap((kind) =>
    transferStates.keys.flatMap((state) => transferActions.keys.map((action) => [kind, state, action] as const)),
  );

  it.each(allowed)('lets a %s transfer go from %s by %s to %s', (kind, state, action, to) => {
    expect(transferTransition(kind, state, action)).toMatchObject({ ok: true, transition: { to } });
  });

  it('refuses every other step of every kind, state and action', () => {
    const refused = every.filter(([kind, state, action]) => !allowed.some((a) => a[0] === kind && a[1] === state && a[2] === action));
    expect(refused).toHaveLength(every.length - allowed.length);
    for (const [kind, state, action] of refused) expect(transferTransition(kind, state, action).ok, `${kind} ${state} ${action}`).toBe(false);
  });

  it('says why in Chinese: a finished transfer, or an action the kind does not have', () => {
    expect(transferTransition('internal', 'completed', 'accept')).toEqual({ ok: false, message: '该转接已办结，不能再接收' });
    expect(transferTransition('internal', 'cancelled', 'reject')).toEqual({ ok: false, message: '该转接已撤销，不能再退回' });
    expect(transferTransition('internal', 'pending', 'receipt')).toEqual({ ok: false, message: '系统内转接不适用“登记回执”' });
    expect(transferTransition('outbound', 'pending', 'accept')).toEqual({ ok: false, message: '转出系统外不适用“接收”' });
    expect(transferTransition('inbound', 'pending', 'cancel')).toEqual({ ok: false, message: '从系统外转入不适用“撤销”' });
  });

  it('offers each side only its own actions on a pending transfer', () => {
    expect(openActions('internal', 'pending', ['source'])).toEqual(['cancel']);
    expect(openActions('internal', 'pending', ['destination'])).toEqual(['accept', 'reject']);
    expect(openActions('internal', 'pending', ['source', 'destination'])).toEqual(['accept', 'reject', 'cancel']);
    expect(openActions('outbound', 'pending', ['source'])).toEqual(['receipt', 'cancel']);
    expect(openActions('inbound', 'pending', ['destination'])).toEqual(['register', 'reject']);
    expect(openActions('internal', 'completed', ['source', 'destination'])).toEqual([]);
  });

  it('leaves the last step to the destination within the system and for a letter in, to the source for a letter out', () => {
    expect(finishingSide).toEqual({ internal: 'destination', outbound: 'source', inbound: 'destination' });
    expect(actionSide('internal', 'cancel')).toBe('source');
    expect(actionSide('inbound', 'cancel')).toBeUndefined();
  });
});

describe('describeTransferRule', () => {
  it('names the number with its unit and source', () => {
    const validity = transferRule('letterValidityDays', '2026-01-01');
    const away = transferRule('awayMonths', '2026-01-01');
    if (!validity || !away) throw new Error('no rule');
    expect(describeTransferRule(validity)).toMatch(/^介绍信有效期 90 日（中国共产党党员教育管理工作条例/);
    expect(describeTransferRule(away)).toMatch(/^外出时长 6 个月（/);
  });
});
