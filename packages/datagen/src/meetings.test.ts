import { addDays } from '@hangbiao/shared/dates';
import { describe, expect, it } from 'vitest';
import { generate } from './generate';
import { type MeetingBatch, meetingBatches } from './meetings';
import { memberBatches } from './members';

const today = '2026-11-25';
const dataset = generate({ size: 'demo', seed: 5, today });
const all = (batches: Iterable<MeetingBatch>) => {
  const out: MeetingBatch = { meetings: [], attendance: [] };
  for (const b of batches) {
    out.meetings.push(...b.meetings);
    out.attendance.push(...b.attendance);
  }
  return out;
};
const fiveYears = all(meetingBatches(dataset, { attendanceMonths: 2 }));

describe('generated meetings', () => {
  it('gives a city five years of meetings, about 60,000 of them, all while their org existed', () => {
    expect(fiveYears.meetings.length).toBeGreaterThan(50_000);
    expect(fiveYears.meetings.length).toBeLessThan(85_000);
    const orgs = new Map(dataset.orgs.map((o) => [o.id, o]));
    const first = fiveYears.meetings.map((m) => m.heldOn).sort()[0] ?? today;
    expect(first >= '2021-12-01').toBe(true);
    for (const m of fiveYears.meetings) {
      const org = orgs.get(m.orgId);
      expect(org && m.heldOn >= org.establishedOn && (!org.dissolvedOn || m.heldOn < org.dissolvedOn)).toBe(true);
    }
  });

  it('holds past meetings and plans the next three weeks only', () => {
    for (const m of fiveYears.meetings) {
      if (m.heldOn > today) expect([m.status, m.heldOn <= addDays(today, 21)]).toEqual(['planned', true]);
      else expect(m.status).not.toBe('planned');
    }
  });

  it('crowds org-life meetings into the fourth quarter, with a few late into January', () => {
    const months = fiveYears.meetings.filter((m) => m.kind === 'orgLifeMeeting' && m.status === 'held').map((m) => Number(m.heldOn.slice(5, 7)));
    const q4 = months.filter((m) => m >= 10).length / months.length;
    expect(q4).toBeGreaterThan(0.7);
    expect(months.filter((m) => m === 1).length).toBeGreaterThan(0);
    expect(months.filter((m) => m === 12).length).toBeGreaterThan(months.filter((m) => m === 10).length);
  });

  it('leaves real gaps: most branches meet nearly every month, a few chronically miss', () => {
    const monthsWith = new Map<string, Set<string>>();
    for (const m of fiveYears.meetings) {
      if (m.kind !== 'themeDay' || m.status !== 'held' || m.heldOn < '2022-01-01' || m.heldOn > '2025-12-31') continue;
      const set = monthsWith.get(m.orgId) ?? new Set<string>();
      set.add(m.heldOn.slice(0, 7));
      monthsWith.set(m.orgId, set);
    }
    const shares = [...monthsWith.entries()]
      .filter(([orgId]) => (dataset.orgs.find((o) => o.id === orgId)?.establishedOn ?? '') < '2022-01-01')
      .map(([, set]) => set.size / 48);
    expect(shares.filter((s) => s >= 0.95).length / shares.length).toBeGreaterThan(0.5);
    expect(shares.filter((s) => s < 0.8).length).toBeGreaterThan(0);
  });

  it('writes attendance only for the members expected, and counters equal to the rows written', () => {
    const members = new Map<string, string>();
    for (const batch of memberBatches(dataset)) for (const m of batch) members.set(m.id, m.orgId);
    const rows = new Map<string, { expected: number; present: number }>();
    const pairs = new Set<string>();
    for (const a of fiveYears.attendance) {
      expect(members.has(a.memberId)).toBe(true);
      const pair = `${a.meetingId}/${a.memberId}`;
      expect(pairs.has(pair)).toBe(false);
      pairs.add(pair);
      const r = rows.get(a.meetingId) ?? { expected: 0, present: 0 };
      r.expected += 1;
      if (a.status === 'present') r.present += 1;
      rows.set(a.meetingId, r);
    }
    expect(fiveYears.attendance.length).toBeGreaterThan(10_000);
    for (const m of fiveYears.meetings) expect([m.expectedCount, m.presentCount]).toEqual([rows.get(m.id)?.expected ?? 0, rows.get(m.id)?.present ?? 0]);
    // Attendance for the last two months only, as asked.
    const withRows = fiveYears.meetings.filter((m) => rows.has(m.id));
    expect(withRows.every((m) => m.heldOn >= '2026-10-01')).toBe(true);
  });

  it('is the same from the same data set, and comes in batches of about the size asked', () => {
    const options = { months: 3, attendanceMonths: 3 };
    const batches = [...meetingBatches(dataset, options, 500)];
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches.slice(0, -1)) expect(batch.meetings.length).toBeLessThan(700);
    expect(JSON.stringify(all(batches))).toBe(JSON.stringify(all(meetingBatches(dataset, options, 500))));
    expect(new Set(all(batches).meetings.map((m) => m.id)).size).toBe(all(batches).meetings.length);
  });
});
