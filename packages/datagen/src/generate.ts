import { addDays } from '@hangbiao/shared/dates';
import type { OrgEventKind, OrgKind, Post, RegionLevel } from '@hangbiao/shared/glossary';
import { termEndOf, termRuleFor } from '@hangbiao/shared/rules';
import { cityUnits, countyUnits, predecessors, type Quirk, type ReformRole, sections, type UnitTemplate } from './catalog';
import { rosterMembers } from './members';
import { chineseNumber, cityNames, countyNames, personName, provinceName } from './names';
import { idEpoch, mixSeed, Rng, uuid7 } from './random';
import type { Dataset, OrgEventRow, OrgPostRow, OrgRow, OrgUnitRow, OrgVersionRow, Roster, Size, UnitRow } from './rows';

export interface GenerateOptions {
  size: Size;
  seed?: number;
  /** The day terms are reckoned against (YYYY-MM-DD); a fixed default keeps the output independent of the clock. */
  today?: string;
  /** false leaves the rosters empty (no member rows); posts are still filled. */
  members?: boolean;
}

interface Region {
  /** Stands for `{r}` in unit names: 市 in a city data set, 鸿雁市 or 栖鹭县 in a province. */
  prefix: string;
  name: string;
  level: RegionLevel;
  templates: readonly UnitTemplate[];
  /** City regions replay the reform history and (in the first city only) the deliberate rule breaches. */
  reforms: boolean;
  quirks: boolean;
  /** Multiplies the templates' member counts: a province's organs are larger than a city's. */
  staffScale: number;
}

interface Shape {
  rootName: string;
  regions: Region[];
}

const PROVINCE_SCALE = 2.8;

function shapeOf(size: Size): Shape {
  if (size === 'province') {
    // 32 cities and 21 counties: about 2,300 units, 48,000 orgs and a million members.
    return {
      rootName: `${provinceName}省直机关工委`,
      regions: [
        ...cityNames.map((c, i) => ({
          prefix: `${c}市`,
          name: `${c}市`,
          level: 'city' as const,
          templates: cityUnits,
          reforms: true,
          quirks: i === 0,
          staffScale: PROVINCE_SCALE,
        })),
        ...countyNames.slice(0, 21).map((c) => ({
          prefix: `${c}县`,
          name: `${c}县`,
          level: 'county' as const,
          templates: countyUnits,
          reforms: false,
          quirks: false,
          staffScale: PROVINCE_SCALE,
        })),
      ],
    };
  }
  const city = cityNames[0];
  return {
    rootName: `${city}市直机关工委`,
    regions: [
      { prefix: '市', name: `${city}市`, level: 'city', templates: cityUnits, reforms: true, quirks: true, staffScale: 1 },
      ...countyNames.slice(0, 2).map((c) => ({
        prefix: `${c}县`,
        name: `${c}县`,
        level: 'county' as const,
        templates: countyUnits.slice(0, 3),
        reforms: false,
        quirks: false,
        staffScale: 1,
      })),
    ],
  };
}

const fill = (pattern: string, prefix: string) => pattern.replace('{r}', prefix);

const topSuffix = { unitCommittee: '党委', generalBranch: '党总支', branch: '党支部' } as const;

/** The unit's organs (机关): 市财政局 → 市财政局机关, while 市政协机关 stays as it is. */
const organ = (unitName: string) => (unitName.endsWith('机关') ? unitName : `${unitName}机关`);
const topName = (unitName: string, kind: keyof typeof topSuffix) => `${organ(unitName)}${topSuffix[kind]}`;

type IdTable = 'units' | 'orgs' | 'versions' | 'events' | 'posts';

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

class Builder {
  readonly units: UnitRow[] = [];
  readonly orgs: OrgRow[] = [];
  readonly orgUnits: OrgUnitRow[] = [];
  readonly events: OrgEventRow[] = [];
  readonly posts: OrgPostRow[] = [];
  readonly rosters: Roster[] = [];
  readonly root: OrgRow;
  /** The first and second reform rounds (机构改革), in past years relative to today. */
  private readonly r1: string;
  private readonly r2: string;
  private readonly rng: Rng;
  private readonly epoch: number;
  private readonly seq: Record<IdTable, number> = { units: 0, orgs: 0, versions: 0, events: 0, posts: 0 };
  private readonly states = new Map<string, { from: string; parentId: string | null; name: string }[]>();
  private readonly byId = new Map<string, OrgRow>();
  private memberSeq = 0;

  constructor(
    private readonly seed: number,
    private readonly today: string,
    rootName: string,
  ) {
    this.rng = new Rng(seed);
    this.epoch = idEpoch(today);
    const year = Number(today.slice(0, 4));
    this.r1 = `${year - 7}-02-26`;
    this.r2 = `${year - 2}-04-18`;
    const id = this.nextId('orgs');
    const established = this.date(`${year - 42}-01-01`, `${year - 38}-12-31`);
    this.root = {
      id,
      committeeId: id,
      parentId: null,
      path: `/${id}/`,
      depth: 0,
      kind: 'committee',
      name: rootName,
      unitId: null,
      establishedOn: established,
      dissolvedOn: null,
      contactName: personName(this.rng),
      contactPhone: this.phone(),
      childCount: 0,
    };
    this.orgs.push(this.root);
    this.byId.set(id, this.root);
    this.states.set(id, [{ from: established, parentId: null, name: rootName }]);
  }

  region(region: Region): void {
    const tops = new Map<ReformRole, { unit: UnitRow; top: OrgRow }>();
    const tiny: { unit: UnitRow; label: string; members: number }[] = [];
    for (const template of region.templates) {
      const unit = this.unit(region, template);
      if (template.members <= 3) tiny.push({ unit, label: fill(template.short ?? template.name, ''), members: template.members });
      else this.unitTree(region, template, unit, tops);
    }
    this.jointBranches(region, tiny);
  }

  versions(): OrgVersionRow[] {
    const rows: OrgVersionRow[] = [];
    for (const org of this.orgs) {
      const states = this.states.get(org.id) ?? [];
      states.forEach((state, i) => {
        rows.push({
          id: this.nextId('versions'),
          committeeId: this.root.id,
          orgId: org.id,
          parentId: state.parentId,
          name: state.name,
          kind: org.kind,
          validFrom: state.from,
          validTo: states[i + 1]?.from ?? org.dissolvedOn,
        });
      });
    }
    return rows;
  }

  // ── Units and their trees ─────────────────────────────────────────

  private unit(region: Region, template: UnitTemplate): UnitRow {
    const row: UnitRow = {
      id: this.nextId('units'),
      committeeId: this.root.id,
      name: fill(template.name, region.prefix),
      shortName: template.short ? fill(template.short, region.prefix) : null,
      type: template.type,
      regionLevel: region.level,
      regionName: region.name,
    };
    this.units.push(row);
    return row;
  }

  private unitTree(region: Region, template: UnitTemplate, unit: UnitRow, tops: Map<ReformRole, { unit: UnitRow; top: OrgRow }>): void {
    const quirk = region.quirks ? template.quirk : undefined;
    // Units whose reform history is scripted keep the size the script plans for.
    const scale = region.reforms && template.role ? 1 : region.staffScale;
    const size = quirk === 'fewFull' ? 3 : quirk === 'oversized' ? 55 : Math.round(template.members * scale * this.rng.between(0.85, 1.28));
    const kind = size < 50 || quirk ? 'branch' : size < 100 ? 'generalBranch' : 'unitCommittee';
    const name = topName(unit.name, kind);
    const role = region.reforms ? template.role : undefined;
    const old = (pattern: string) => topName(fill(pattern, region.prefix), kind);
    const oldDate = (from = this.root.establishedOn) => this.date(from, addDays(this.r1, -400));
    let top: OrgRow;
    // The children of an org are named after it, so they date from its last change of name or place.
    let floor: string;

    switch (role) {
      case 'culture': {
        if (kind !== 'branch') throw new Error(`${unit.name} must plan as a single branch`);
        top = this.addOrg(this.root, kind, old(predecessors.tourism), unit.id, oldDate());
        const merged = this.addOrg(this.root, 'branch', topName(fill(predecessors.cultureMerged, region.prefix), 'branch'), unit.id, oldDate());
        this.pastLeadership(merged, this.r1);
        this.rename(top, name, this.r1);
        this.merge([merged], top, this.r1);
        floor = this.r1;
        break;
      }
      case 'health':
        top = this.addOrg(this.root, kind, old(predecessors.health), unit.id, oldDate());
        this.rename(top, name, this.r1);
        floor = this.r1;
        break;
      case 'market': {
        const sources = predecessors.marketMerged.map((p) => this.addOrg(this.root, 'branch', topName(fill(p, region.prefix), 'branch'), unit.id, oldDate()));
        for (const source of sources) this.pastLeadership(source, this.r1);
        top = this.addOrg(this.root, kind, name, unit.id, this.r1);
        this.event(top, 'established', this.r1, `成立：${name}`, {}, '机构改革');
        this.merge(sources, top, this.r1);
        floor = this.r1;
        break;
      }
      case 'development': {
        top = this.addOrg(this.root, kind, name, unit.id, oldDate());
        const prices = this.addOrg(this.root, 'branch', topName(fill(predecessors.prices, region.prefix), 'branch'), unit.id, oldDate());
        this.pastLeadership(prices, this.r1);
        this.dissolve(prices, this.r1);
        this.event(prices, 'dissolved', this.r1, `撤销：${prices.name}`, {}, `机构改革，职能划入${unit.name}`);
        floor = top.establishedOn;
        break;
      }
      case 'agriculture': {
        top = this.addOrg(this.root, kind, name, unit.id, oldDate());
        const rural = this.addOrg(
          this.root,
          'branch',
          topName(fill(predecessors.rural, region.prefix), 'branch'),
          unit.id,
          this.date(addDays(this.r1, 700), addDays(this.r2, -300)),
        );
        this.pastLeadership(rural, this.r2);
        this.merge([rural], top, this.r2);
        floor = top.establishedOn;
        break;
      }
      case 'data':
        if (kind === 'branch') throw new Error(`${unit.name} must plan with branches under it`);
        top = this.addOrg(this.root, kind, name, unit.id, this.r2);
        this.event(top, 'established', this.r2, `成立：${name}`, {}, '机构改革');
        floor = this.r2;
        break;
      default: {
        const established = template.since ? this.sinceDate(template.since) : oldDate();
        top = this.addOrg(this.root, kind, name, unit.id, established);
        if (template.since) this.event(top, 'established', established, `成立：${name}`, {}, '机构改革');
        floor = established;
      }
    }
    if (role) tops.set(role, { unit, top });

    if (kind === 'branch') {
      this.fillBranch(top, size, floor, quirk);
      return;
    }
    const rosters = this.subBranches(top, unit, template, size, floor, role === 'data' ? tops.get('govOffice') : undefined);
    this.leadership(top, rosters);
  }

  /** Branches (and for big units, general branches of divisions) under a unit's committee or general branch. */
  private subBranches(top: OrgRow, unit: UnitRow, template: UnitTemplate, size: number, floor: string, movedFrom?: { unit: UnitRow; top: OrgRow }): Roster[] {
    const rosters: Roster[] = [];
    let rest = size;
    if (top.kind === 'unitCommittee' && template.divisions && size >= 600) {
      for (const division of template.divisions) {
        const share = Math.round(size * this.rng.between(0.08, 0.12));
        rest -= share;
        const general = this.addOrg(top, 'generalBranch', `${unit.name}${division}党总支`, unit.id, this.date(floor, addDays(this.today, -400)));
        const parts = this.split(share, Math.max(3, Math.round(share / this.rng.between(28, 38))));
        const below = parts.map((part, i) => {
          const branch = this.addOrg(
            general,
            'branch',
            `${unit.name}${division}第${chineseNumber(i + 1)}党支部`,
            unit.id,
            this.date(general.establishedOn, addDays(this.today, -300)),
          );
          return this.fillBranch(branch, part, branch.establishedOn);
        });
        this.leadership(general, below);
        rosters.push(...below);
      }
    }
    const count =
      top.kind === 'generalBranch'
        ? Math.min(4, Math.max(2, Math.round(rest / this.rng.between(24, 34))))
        : Math.max(2, Math.round(rest / this.rng.between(30, 42)));
    const offices = sections[template.type];
    const names =
      count <= offices.length
        ? this.rng
            .shuffled(offices.map((o, i) => ({ o, i })))
            .slice(0, count)
            .sort((a, b) => a.i - b.i)
            .map(({ o }) => `${unit.name}${o}党支部`)
        : Array.from({ length: count }, (_, i) => `${organ(unit.name)}第${chineseNumber(i + 1)}党支部`);
    this.split(rest, count).forEach((part, i) => {
      const name = names[i] as string;
      if (i === 0 && movedFrom) {
        rosters.push(this.movedBranch(movedFrom, top, name, part));
        return;
      }
      const branch = this.addOrg(top, 'branch', name, unit.id, this.date(floor, addDays(this.today, -300)));
      rosters.push(this.fillBranch(branch, part, branch.establishedOn));
    });
    return rosters;
  }

  /** The e-government branch of the government office, moved to the new data bureau and then renamed (r2). */
  private movedBranch(from: { unit: UnitRow; top: OrgRow }, to: OrgRow, name: string, size: number): Roster {
    const branch = this.addOrg(
      from.top,
      'branch',
      `${from.unit.name}${predecessors.eGovernment}党支部`,
      // Recorded with the unit it belongs to now; the unit is not part of an org's version history.
      to.unitId,
      this.date(from.top.establishedOn, addDays(this.r2, -400)),
    );
    this.move(branch, to, this.r2);
    // The server refuses two changes of one org on the same day, so the rename follows a few weeks later.
    const renamed = addDays(this.r2, 21);
    this.rename(branch, name, renamed);
    return this.fillBranch(branch, size, renamed);
  }

  /** A branch's members (as a roster), Party groups and leadership. */
  private fillBranch(branch: OrgRow, size: number, floor: string, quirk?: Quirk, probationary?: number): Roster {
    const prob = probationary ?? (quirk === 'fewFull' ? 1 : Math.min(size - 3, Math.round(size * this.rng.between(0.03, 0.13))));
    const roster = this.roster(branch, size - prob, prob);
    const groups = size >= 47 ? 3 : size >= 42 ? 2 : 0;
    const full = roster.full;
    const posts: Post[] = ['secretary'];
    if (quirk !== 'noCommittee') {
      if (full >= 7) {
        posts.push('organizationMember', 'publicityMember');
        if (full >= 15) posts.push('deputySecretary');
        if (full >= 20) posts.push('disciplineMember');
      } else if (full >= 5 && this.rng.chance(0.5)) {
        posts.push('deputySecretary');
      }
    }
    const names = this.rosterNames(roster, Math.min(full, posts.length + groups));
    const start = this.elect(branch, posts, names);
    for (let g = 0; g < groups; g++) {
      const group = this.addOrg(
        branch,
        'group',
        `${branch.name}第${chineseNumber(g + 1)}党小组`,
        branch.unitId,
        this.date(floor, minDate(maxDate(floor, start), this.today)),
      );
      this.postRows(group, ['groupLeader'], [names[(posts.length + g) % names.length] as string], maxDate(start, group.establishedOn), null);
    }
    return roster;
  }

  private jointBranches(region: Region, tiny: { unit: UnitRow; label: string; members: number }[]): void {
    let rest = tiny;
    while (rest.length >= 2) {
      let n = Math.min(rest.length, this.rng.int(2, 4));
      if (rest.length - n === 1) n = n === 4 ? 3 : n + 1;
      const covered = rest.slice(0, n);
      rest = rest.slice(n);
      const labels = covered.map((c) => c.label);
      const name = n <= 3 ? `${region.prefix}${labels.join('')}联合党支部` : `${region.prefix}${labels[0]}等${chineseNumber(n)}家单位联合党支部`;
      const joint = this.addOrg(this.root, 'jointBranch', name, null, this.date(this.root.establishedOn, addDays(this.today, -400)));
      let full = 0;
      for (const { unit, members } of covered) {
        this.orgUnits.push({ orgId: joint.id, unitId: unit.id, committeeId: this.root.id });
        // Each covered unit has fewer than 3 full members: that is why it has no branch of its own.
        full += members === 3 ? 2 : this.rng.int(1, 2);
      }
      const total = covered.reduce((sum, c) => sum + c.members, 0);
      this.fillBranch(joint, total, joint.establishedOn, undefined, total - full);
    }
  }

  /** Splits `total` members into `parts` branches of uneven size, none above 48. */
  private split(total: number, parts: number): number[] {
    const weights = Array.from({ length: parts }, () => this.rng.between(0.6, 1.4));
    const sum = weights.reduce((a, b) => a + b, 0);
    const sizes = weights.map((w) => Math.floor((total * w) / sum));
    for (let left = total - sizes.reduce((a, b) => a + b, 0); left > 0; left--) {
      const i = this.rng.int(0, parts - 1);
      sizes[i] = (sizes[i] as number) + 1;
    }
    for (let i = 0; i < parts; i++) {
      const excess = (sizes[i] as number) - 48;
      if (excess > 0) {
        const smallest = sizes.indexOf(Math.min(...sizes));
        sizes[i] = 48;
        sizes[smallest] = (sizes[smallest] as number) + excess;
      }
    }
    return sizes;
  }

  // ── Leadership and terms ──────────────────────────────────────────

  /** A committee or general branch, led by members drawn from the branches below it. */
  private leadership(org: OrgRow, rosters: Roster[]): void {
    const posts: Post[] =
      org.kind === 'unitCommittee'
        ? [
            'secretary',
            'deputySecretary',
            'organizationMember',
            'publicityMember',
            'disciplineMember',
            ...Array.from({ length: this.rng.int(0, 2) }, (): Post => 'committeeMember'),
          ]
        : ['secretary', ...(this.rng.chance(0.5) ? (['deputySecretary'] as const) : []), 'organizationMember', 'publicityMember', 'disciplineMember'];
    const names = posts.map((_, j) => {
      const roster = rosters[j % rosters.length] as Roster;
      // Past the branch committee (at most 5 posts) so nobody holds two posts by accident.
      const index = Math.min(roster.full - 1, 5 + Math.floor(j / rosters.length));
      return this.rosterNames(roster, index + 1)[index] as string;
    });
    this.elect(org, posts, names);
  }

  /** Records the current leadership (and sometimes the one before) and returns the term's start. */
  private elect(org: OrgRow, posts: Post[], names: string[]): string {
    const rule = termRuleFor(org.kind, this.today);
    const days = (rule?.years ?? 3) * 365;
    const reminder = rule?.reminderDays ?? 60;
    const u = this.rng.next();
    // Most terms are running, some due for renewal soon, some overdue: the renewal board has something to show.
    const age =
      u < 0.7 ? this.rng.int(365, days - reminder - 10) : u < 0.85 ? this.rng.int(days - reminder + 5, days - 5) : this.rng.int(days + 10, days + 420);
    let start = addDays(this.today, -age);
    if (start < org.establishedOn) start = this.date(org.establishedOn, minDate(addDays(org.establishedOn, 60), this.today));
    this.postRows(org, posts, names, start, null);
    const previous = addDays(start, -(days + this.rng.int(0, 60)));
    if (previous >= org.establishedOn && this.rng.chance(0.4)) this.postRows(org, ['secretary'], [personName(this.rng)], previous, start);
    org.contactName = names[0] ?? null;
    org.contactPhone = this.phone();
    return start;
  }

  /** The last leadership of an org that a reform ended. */
  private pastLeadership(org: OrgRow, endedOn: string): void {
    const start = maxDate(org.establishedOn, addDays(endedOn, -this.rng.int(200, 1000)));
    const posts: Post[] = this.rng.chance(0.5) ? ['secretary', 'deputySecretary'] : ['secretary'];
    this.postRows(
      org,
      posts,
      posts.map(() => personName(this.rng)),
      start,
      endedOn,
    );
    org.contactName = null;
  }

  private postRows(org: OrgRow, posts: Post[], names: string[], termStart: string, endedOn: string | null): void {
    const rule = termRuleFor(org.kind, termStart);
    const termEnd = rule ? termEndOf(rule, termStart) : null;
    posts.forEach((post, i) => {
      this.posts.push({
        id: this.nextId('posts'),
        committeeId: this.root.id,
        orgId: org.id,
        post,
        holderName: names[i] ?? personName(this.rng),
        termStart,
        termEnd,
        endedOn,
      });
    });
  }

  // ── Orgs and reform operations (mirroring what the server's reform service records) ──

  private addOrg(parent: OrgRow, kind: OrgKind, name: string, unitId: string | null, establishedOn: string): OrgRow {
    const id = this.nextId('orgs');
    const org: OrgRow = {
      id,
      committeeId: this.root.id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      kind,
      name,
      unitId,
      establishedOn,
      dissolvedOn: null,
      contactName: null,
      contactPhone: null,
      childCount: 0,
    };
    parent.childCount++;
    this.orgs.push(org);
    this.byId.set(id, org);
    this.states.set(id, [{ from: establishedOn, parentId: parent.id, name }]);
    return org;
  }

  private rename(org: OrgRow, name: string, on: string): void {
    this.event(org, 'renamed', on, `更名：${org.name} → ${name}`, { from: org.name, to: name }, '机构改革');
    org.name = name;
    this.states.get(org.id)?.push({ from: on, parentId: org.parentId, name });
  }

  /** Only orgs without children yet are moved, so no descendant paths need rewriting. */
  private move(org: OrgRow, parent: OrgRow, on: string): void {
    const old = this.byId.get(org.parentId ?? '');
    if (!old || org.childCount > 0) throw new Error(`cannot move ${org.name}`);
    old.childCount--;
    parent.childCount++;
    org.parentId = parent.id;
    org.path = `${parent.path}${org.id}/`;
    org.depth = parent.depth + 1;
    this.states.get(org.id)?.push({ from: on, parentId: parent.id, name: org.name });
    this.event(org, 'moved', on, `调整隶属：${old.name} → ${parent.name}`, { from: old.id, to: parent.id }, '机构改革');
  }

  private dissolve(org: OrgRow, on: string): void {
    org.dissolvedOn = on;
    const parent = this.byId.get(org.parentId ?? '');
    if (parent) parent.childCount--;
  }

  private merge(sources: OrgRow[], target: OrgRow, on: string): void {
    for (const source of sources) {
      this.dissolve(source, on);
      this.event(source, 'merged', on, `并入：${source.name} → ${target.name}`, { into: target.id }, '机构改革');
    }
    this.event(target, 'merged', on, `合并：${sources.map((s) => s.name).join('、')} 并入 ${target.name}`, { from: sources.map((s) => s.id) }, '机构改革');
  }

  private event(org: OrgRow, kind: OrgEventKind, occurredOn: string, summary: string, details: Record<string, unknown>, note: string): void {
    this.events.push({ id: this.nextId('events'), committeeId: this.root.id, orgId: org.id, kind, occurredOn, details, summary, note });
  }

  // ── Members ───────────────────────────────────────────────────────

  private roster(org: OrgRow, full: number, probationary: number): Roster {
    const roster: Roster = { orgId: org.id, full, probationary, seed: mixSeed(this.seed, this.rosters.length), firstSeq: this.memberSeq };
    this.memberSeq += full + probationary;
    this.rosters.push(roster);
    return roster;
  }

  /** The first `count` member names of a roster: post holders are members of their branch. */
  private rosterNames(roster: Roster, count: number): string[] {
    const names: string[] = [];
    for (const row of rosterMembers(roster, this.root.id, this.today, this.epoch)) {
      if (names.length === count) break;
      names.push(row.name);
    }
    return names;
  }

  // ── Small helpers ─────────────────────────────────────────────────

  private nextId(table: IdTable): string {
    const n = this.seq[table]++;
    return uuid7(this.epoch + n, this.rng);
  }

  /** A random day in [from, to]. */
  private date(from: string, to: string): string {
    return addDays(from, this.rng.int(0, Math.max(0, daysBetween(from, to))));
  }

  private sinceDate(since: 'r1' | 'r2'): string {
    return addDays(since === 'r1' ? this.r1 : this.r2, this.rng.int(0, 45));
  }

  private phone(): string {
    return String(this.rng.int(60_000_000, 69_999_999));
  }
}

/** The unit Party committee with a branch under it that demo accounts hang on, and another unit's committee. */
function sampleOf(orgs: OrgRow[]): Dataset['sample'] {
  const live = orgs.filter((o) => !o.dissolvedOn);
  const committees = live.filter((o) => o.kind === 'unitCommittee');
  for (const committee of committees) {
    const branch = live.find((o) => o.parentId === committee.id && o.kind === 'branch');
    const other = committees.find((o) => o.unitId !== committee.unitId);
    if (branch && other) return { unitCommitteeOrgId: committee.id, branchOrgId: branch.id, otherUnitCommitteeOrgId: other.id };
  }
  throw new Error('no unit Party committee with a branch under it');
}

/** A whole committee's org tree, leadership and member rosters: the same options always give the same data set. */
export function generate(options: GenerateOptions): Dataset {
  const seed = options.seed ?? 1;
  const today = options.today ?? '2026-07-01';
  const shape = shapeOf(options.size);
  const builder = new Builder(seed, today, shape.rootName);
  for (const region of shape.regions) builder.region(region);
  const orgVersions = builder.versions();
  return {
    size: options.size,
    seed,
    today,
    committeeId: builder.root.id,
    units: builder.units,
    orgs: builder.orgs,
    orgUnits: builder.orgUnits,
    orgVersions,
    orgEvents: builder.events,
    orgPosts: builder.posts,
    rosters: options.members === false ? [] : builder.rosters,
    sample: sampleOf(builder.orgs),
  };
}
