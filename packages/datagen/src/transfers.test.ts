import { transferDeadline } from '@hangbiao/shared/rules';
import { describe, expect, it } from 'vitest';
import { generate } from './generate';
import { memberBatches } from './members';
import { demoTransfers } from './transfers';

const today = '2026-11-25';
const demo = generate({ size: 'demo', seed: 3, today });
const set = demoTransfers(demo);
const members = new Map([...memberBatches(demo)].flat().map((m) => [m.id, m]));

describe('demo transfers', () => {
  it('gives the same transfers for the same data set', () => {
    expect(JSON.stringify(demoTransfers(generate({ size: 'demo', seed: 3, today })))).toBe(JSON.stringify(set));
  });

  it('covers every kind in pending and finished states, pending ones on time, near and past their deadlines', () => {
    const seen = new Set(set.transfers.map((t) => `${t.kind}:${t.state}`));
    for (const key of [
      'internal:pending',
      'internal:completed',
      'internal:rejected',
      'internal:cancelled',
      'outbound:pending',
      'outbound:completed',
      'inbound:pending',
      'inbound:completed',
    ])
      expect(seen).toContain(key);
    const pending = set.transfers.filter((t) => t.state === 'pending');
    expect(pending.some((t) => t.deadline < today)).toBe(true);
    expect(pending.some((t) => t.deadline >= today)).toBe(true);
  });

  it('keeps each deadline by the rule in force on issue and each member in at most one transfer', () => {
    for (const t of set.transfers) expect(t.deadline).toBe(transferDeadline(t.kind, t.issuedOn)?.deadline);
    const ids = set.transfers.flatMap((t) => (t.memberId ? [t.memberId] : []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('agrees with the registry: a finished move leaves the member in the destination, a returned letter marks them transferred out', () => {
    for (const t of set.transfers.filter((x) => x.memberId)) {
      const member = members.get(t.memberId ?? '');
      expect(member, t.id).toBeDefined();
      const finishedInto = (t.kind === 'internal' && t.state === 'completed') || t.kind === 'inbound';
      expect(member?.orgId).toBe(finishedInto ? t.toOrgId : t.fromOrgId);
      expect(member?.status).toBe('active');
    }
    const out = set.transfers.filter((t) => t.kind === 'outbound' && t.state === 'completed');
    expect(set.transferredOut).toEqual(out.map((t) => ({ memberId: t.memberId, statusSince: t.endedOn })));
    expect(set.memberEvents.length).toBe(set.transfers.filter((t) => t.state === 'completed').length);
  });
});
