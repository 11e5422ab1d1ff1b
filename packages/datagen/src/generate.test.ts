import { id } from '@hangbiao/shared/contracts/common';
import { addDays } from '@hangbiao/shared/dates';
import { allowedChildKinds } from '@hangbiao/shared/glossary';
import { idNumberFacts } from '@hangbiao/shared/id-number';
import { checkThresholds, termRuleFor } from '@hangbiao/shared/rules';
import { describe, expect, it } from 'vitest';
import { generate } from './generate';
import { memberBatches } from './members';
import type { Dataset } from './rows';

const today = '2026-11-25';
const city = generate({ size: 'city', seed: 7, today });
const membersOf = (data: Dataset) => [...memberBatches(data)].flat();
const cityMembers = membersOf(city);

describe('generate', () => {
  it('gives byte-identical output for the same seed, size and day, and different output for another seed', () => {
    const again = generate({ size: 'city', seed: 7, today });
    expect(JSON.stringify(again)).toBe(JSON.stringify(city));
    expect(JSON.stringify(membersOf(again))).toBe(JSON.stringify(cityMembers));
    expect(generate({ size: 'city', seed: 8, today }).committeeId).not.toBe(city.committeeId);
  });

  it('builds a city of about 70 units, 600 orgs and 12,000 members, 92 % of them full members', () => {
    expect(city.units.length).toBe(70);
    expect(city.units.filter((u) => u.regionLevel === 'county').length).toBeGreaterThan(0);
    expect(city.orgs.length).toBeGreaterThan(500);
    expect(city.orgs.length).toBeLessThan(700);
    expect(cityMembers.length).toBeGreaterThan(11_000);
    expect(cityMembers.length).toBeLessThan(13_500);
    const full = cityMembers.filter((m) => m.category === 'full').length / cityMembers.length;
    expect(full).toBeGreaterThan(0.9);
    expect(full).toBeLessThan(0.94);
  });

  it('gives every member a record the registry accepts: a unique valid ID number matching birth date and gender, birth < join < full', () => {
    const invalid = cityMembers.filter((m) => {
      const facts = idNumberFacts(m.idNumber);
      const datesInOrder = m.birthDate < m.joinedOn && (m.category === 'full' ? m.fullOn !== null && m.joinedOn < m.fullOn : m.fullOn === null);
      return !facts || facts.birthDate !== m.birthDate || facts.gender !== m.gender || !datesInOrder || m.joinedOn > today;
    });
    expect(invalid).toEqual([]);
    expect(new Set(cityMembers.map((m) => m.idNumber)).size).toBe(cityMembers.length);
    // Region codes starting 99 belong to no province: no generated number can be a real person's.
    expect(cityMembers.every((m) => m.idNumber.startsWith('99'))).toBe(true);
  });

  it('makes every id a valid UUID, unique within its table', () => {
    const tables = [city.units, city.orgs, city.orgVersions, city.orgEvents, city.orgPosts, cityMembers];
    for (const rows of tables) {
      const ids = rows.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const value of ids) expect(id.safeParse(value).success, value).toBe(true);
    }
  });

  it('keeps the tree consistent: paths, depths, allowed kinds, live child counts, one committee', () => {
    const byId = new Map(city.orgs.map((o) => [o.id, o]));
    const [root, ...rest] = city.orgs;
    expect(root).toMatchObject({ id: city.committeeId, parentId: null, path: `/${city.committeeId}/`, depth: 0, kind: 'committee' });
    for (const org of rest) {
      const parent = byId.get(org.parentId ?? '');
      expect(parent, org.name).toBeDefined();
      if (!parent) continue;
      expect(org.path).toBe(`${parent.path}${org.id}/`);
      expect(org.depth).toBe(parent.depth + 1);
      expect(allowedChildKinds[parent.kind]).toContain(org.kind);
      expect(
        org.establishedOn >= parent.establishedOn || org.dissolvedOn !== null || city.orgEvents.some((e) => e.orgId === org.id && e.kind === 'moved'),
      ).toBe(true);
    }
    for (const org of city.orgs) {
      expect(org.committeeId).toBe(city.committeeId);
      expect(org.childCount, org.name).toBe(city.orgs.filter((c) => c.parentId === org.id && !c.dissolvedOn).length);
      const siblings = city.orgs.filter((c) => c.parentId === org.parentId && c.name === org.name && !c.dissolvedOn);
      expect(siblings.length, org.name).toBe(org.dissolvedOn ? 0 : 1);
    }
  });

  it('keeps one version history per org: contiguous, ending open unless dissolved, matching the current name and parent', () => {
    for (const org of city.orgs) {
      const versions = city.orgVersions.filter((v) => v.orgId === org.id);
      expect(versions[0]?.validFrom).toBe(org.establishedOn);
      for (const [i, v] of versions.entries()) if (i > 0) expect(v.validFrom).toBe(versions[i - 1]?.validTo);
      const last = versions.at(-1);
      expect(last?.validTo ?? null).toBe(org.dissolvedOn);
      expect(last).toMatchObject({ name: org.name, parentId: org.parentId, kind: org.kind });
    }
  });

  it('records a reform history of renames, moves, merges and dissolutions with dissolved orgs left empty', () => {
    const kinds = new Set(city.orgEvents.map((e) => e.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['renamed', 'moved', 'merged', 'dissolved', 'established']));
    expect(city.orgEvents.map((e) => e.summary)).toContain('更名：市旅游局机关党支部 → 市文化广电和旅游局机关党支部');
    const dissolved = city.orgs.filter((o) => o.dissolvedOn);
    expect(dissolved.length).toBeGreaterThanOrEqual(5);
    for (const org of dissolved) {
      expect(city.orgs.some((c) => c.parentId === org.id)).toBe(false);
      expect(city.rosters.some((r) => r.orgId === org.id)).toBe(false);
      expect(city.orgPosts.filter((p) => p.orgId === org.id).every((p) => p.endedOn === org.dissolvedOn)).toBe(true);
    }
    for (const event of city.orgEvents) expect(event.occurredOn <= today).toBe(true);
  });

  it('covers 2–4 small units with each joint branch', () => {
    const joints = city.orgs.filter((o) => o.kind === 'jointBranch');
    expect(joints.length).toBeGreaterThan(0);
    for (const joint of joints) {
      const covered = city.orgUnits.filter((u) => u.orgId === joint.id).length;
      expect(covered).toBeGreaterThanOrEqual(2);
      expect(covered).toBeLessThanOrEqual(4);
    }
  });

  it('breaks a few threshold rules on purpose so the findings have something to show', () => {
    const rules = new Set<string>();
    for (const roster of city.rosters) {
      const current = city.orgPosts.filter((p) => p.orgId === roster.orgId && !p.endedOn).length;
      const metrics = { members: roster.full + roster.probationary, fullMembers: roster.full, committeeSize: current };
      for (const finding of checkThresholds('branch', metrics, today)) rules.add(finding.rule);
    }
    expect([...rules].sort()).toEqual(['branch.committeeSize', 'branch.maxMembers', 'branch.minFull']);
  });

  it('gives every branch, general branch and unit committee a secretary whose term is mostly running, some due soon, some overdue', () => {
    const statuses = { ok: 0, dueSoon: 0, overdue: 0 };
    for (const org of city.orgs.filter((o) => o.kind !== 'committee' && o.kind !== 'group' && !o.dissolvedOn)) {
      const current = city.orgPosts.filter((p) => p.orgId === org.id && !p.endedOn);
      expect(current.filter((p) => p.post === 'secretary').length, org.name).toBe(1);
      const post = current[0];
      if (!post?.termEnd) throw new Error(`${org.name} has no term end`);
      expect(post.termStart >= org.establishedOn && post.termStart <= today).toBe(true);
      expect(termRuleFor(org.kind, post.termStart)).toBeDefined();
      const rule = termRuleFor(org.kind, post.termStart);
      statuses[post.termEnd < today ? 'overdue' : addDays(post.termEnd, -(rule?.reminderDays ?? 0)) <= today ? 'dueSoon' : 'ok']++;
    }
    const total = statuses.ok + statuses.dueSoon + statuses.overdue;
    expect(statuses.ok / total).toBeGreaterThan(0.6);
    expect(statuses.dueSoon).toBeGreaterThan(10);
    expect(statuses.overdue).toBeGreaterThan(10);
  });

  it('names branch post holders from the branch members', () => {
    const names = new Map<string, Set<string>>();
    for (const m of cityMembers) {
      const set = names.get(m.orgId) ?? new Set<string>();
      set.add(m.name);
      names.set(m.orgId, set);
    }
    const branchPosts = city.orgPosts.filter((p) => !p.endedOn && names.has(p.orgId));
    expect(branchPosts.length).toBeGreaterThan(300);
    for (const post of branchPosts) expect(names.get(post.orgId)?.has(post.holderName)).toBe(true);
  });

  it('picks sample orgs for the demo accounts: a unit committee, a branch under it, another unit committee', () => {
    const byId = new Map(city.orgs.map((o) => [o.id, o]));
    const committee = byId.get(city.sample.unitCommitteeOrgId);
    const other = byId.get(city.sample.otherUnitCommitteeOrgId);
    expect(committee?.kind).toBe('unitCommittee');
    expect(other?.kind).toBe('unitCommittee');
    expect(other?.unitId).not.toBe(committee?.unitId);
    expect(byId.get(city.sample.branchOrgId)).toMatchObject({ kind: 'branch', parentId: committee?.id });
  });

  it('builds a province of about 2,300 units, 48,000 orgs and a million members streamed in batches', () => {
    const province = generate({ size: 'province', today });
    expect(province.units.length).toBeGreaterThan(2200);
    expect(province.units.length).toBeLessThan(2400);
    expect(province.orgs.length).toBeGreaterThan(40_000);
    expect(province.orgs.length).toBeLessThan(55_000);
    const members = province.rosters.reduce((sum, r) => sum + r.full + r.probationary, 0);
    expect(members).toBeGreaterThan(900_000);
    expect(members).toBeLessThan(1_100_000);
    expect(new Set(province.units.map((u) => u.name)).size).toBe(province.units.length);
    const [first] = memberBatches(province, 500);
    expect(first?.length).toBe(500);
    expect(generate({ size: 'province', today, members: false }).rosters).toEqual([]);
  }, 60_000);
});
