import { checkStep, type StepRecord } from '@hangbiao/shared/rules';
import { describe, expect, it } from 'vitest';
import { developmentData } from './development';
import { generate } from './generate';
import { memberBatches } from './members';

const today = '2026-11-25';
const demo = generate({ size: 'demo', seed: 3, today });
const set = developmentData(demo);
const members = new Map([...memberBatches(demo)].flat().map((m) => [m.id, m]));

describe('demo development cases', () => {
  it('gives the same cases for the same data set', () => {
    expect(JSON.stringify(developmentData(generate({ size: 'demo', seed: 3, today })))).toBe(JSON.stringify(set));
  });

  it('has cases at every stage, some overdue and some not', () => {
    const stages = new Set(set.cases.map((c) => c.stage));
    expect([...stages].sort()).toEqual(['activist', 'applicant', 'candidate', 'full', 'probationary']);
    expect(set.cases.some((c) => c.nextDueOn && c.nextDueOn < today && c.status !== 'converted')).toBe(true);
    expect(set.cases.some((c) => c.nextDueOn && c.nextDueOn >= today)).toBe(true);
  });

  it('records every step in an order and on dates the rules accept, none after today', () => {
    for (const c of set.cases) {
      const records = set.steps.filter((s) => s.caseId === c.id).sort((a, b) => a.seq - b.seq);
      const done: StepRecord[] = [];
      let status: 'active' | 'admitted' | 'converted' = 'active';
      for (const r of records) {
        const blocks = checkStep({ birthDate: c.birthDate, status, records: done }, r.step, r.data, r.doneOn).filter((f) => f.severity === 'block');
        expect(blocks, `${c.name} step ${r.step}`).toEqual([]);
        expect(r.doneOn <= today).toBe(true);
        done.push({ step: r.step, doneOn: r.doneOn, data: r.data });
        if (r.step === 17) status = 'admitted';
        if (r.step === 24) status = 'converted';
      }
    }
  });

  it('links admitted cases to the registry: joined on the admission vote, converted on the day probation ended', () => {
    const linked = set.cases.filter((c) => c.memberId);
    expect(linked.length).toBeGreaterThan(0);
    for (const c of linked) {
      const member = members.get(c.memberId as string);
      const vote = set.steps.find((s) => s.caseId === c.id && s.step === 15);
      expect(member?.joinedOn).toBe(vote?.doneOn);
      expect(member?.category).toBe(c.status === 'converted' ? 'full' : 'probationary');
      if (c.status === 'converted') expect(member?.fullOn).toBe(c.probationEndsOn);
    }
  });
});
