import type {
  ComplianceCell,
  ComplianceMatrix,
  ComplianceOrg,
  ComplianceSummary,
  complianceExportQuery,
  complianceOrgQuery,
  complianceQuery,
  Exemption,
  ExemptionCreate,
  exemptionListQuery,
} from '@hangbiao/shared/contracts/compliance';
import { addDays, addMonths, monthsBetween, shanghaiDate } from '@hangbiao/shared/dates';
import {
  type ComplianceStatus,
  complianceStatuses,
  type MeetingKind,
  type MeetingStatus,
  meetingKinds,
  type OrgKind,
  orgKinds,
  type RequirementPeriod,
  requirementPeriods,
} from '@hangbiao/shared/glossary';
import {
  type CellOutcome,
  type ComplianceCounts,
  type CompliancePeriod,
  complianceRate,
  dayNumber,
  describeCell,
  type ExemptionDays,
  type ExemptionSpan,
  emptyCounts,
  evaluateCell,
  exemptionDaysOf,
  judgeCell,
  type MeetingTally,
  newJudgement,
  type OrgDays,
  orgDaysOf,
  periodOfKey,
  periodsEndingBetween,
  type RequirementSegment,
  requiredKindsOf,
  requirementSegments,
  segmentOn,
} from '@hangbiao/shared/rules';
import { and, desc, eq, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pageOf } from '../../platform/rows';
import { type Column, xlsxStream } from '../../platform/xlsx';
import { inRegistry } from '../members/members.service';
import { orgs } from '../orgs/orgs.tables';
import { orglifeExemptions } from './orglife-compliance.tables';

// ── Loading and evaluating a subtree ──────────────────────────────────────────────────────

export interface ComplianceOrgFacts {
  id: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  depth: number;
  path: string;
  establishedOn: string;
  dissolvedOn: string | null;
  unitTop: boolean;
  fullMembers: number;
}

export interface EvaluatedSeries {
  kind: MeetingKind;
  period: RequirementPeriod;
  statuses: ComplianceStatus[];
  required: number[];
  held: number[];
}

/** An org with at least one requirement in the range, and how many of its cells stand where. */
export interface EvaluatedRow {
  org: ComplianceOrgFacts;
  counts: ComplianceCounts;
}

export interface TreeQuery {
  paths: string[];
  /** Months YYYY-MM, inclusive: the cells falling due in them. */
  from: string;
  to: string;
  kind?: MeetingKind | undefined;
  /** Only this org, not its subtree. */
  orgId?: string | undefined;
}

export interface Evaluation {
  today: string;
  from: string;
  to: string;
  periods: Record<RequirementPeriod, CompliancePeriod[]>;
  /** The first day of the earliest period and the last day of the latest: the meetings read. */
  rangeFrom: string;
  rangeTo: string;
  rows: EvaluatedRow[];
  /** A row's cells, one series per requirement (computed on demand: a page of rows, not a province's). */
  seriesOf(row: EvaluatedRow): EvaluatedSeries[];
  /** The full outcome of one cell of a row, recomputed from the same inputs as its status. */
  outcomeOf(row: EvaluatedRow, kind: MeetingKind, period: CompliancePeriod): CellOutcome;
  segmentOf(row: EvaluatedRow, kind: MeetingKind, period: CompliancePeriod): RequirementSegment | undefined;
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** Every org kind some requirement names: only these can have a row. */
const requiredOrgKinds = orgKinds.keys.filter((k) => requiredKindsOf(k).length > 0);
export const committeeOrgKinds = [...new Set(requirementSegments.filter((s) => s.requirement.condition === 'hasCommittee').map((s) => s.orgKind))];
const kindIndex = new Map<MeetingKind, number>(meetingKinds.keys.map((k, i) => [k, i]));
const kindCode = sql.raw(`case m.kind ${meetingKinds.keys.map((k, i) => `when '${k}' then ${i}`).join(' ')} end`);
const periodKindsOf = new Map<string, RequirementPeriod[]>();
for (const s of requirementSegments) {
  const key = `${s.kind}/${s.orgKind}`;
  const list = periodKindsOf.get(key) ?? [];
  if (!list.includes(s.requirement.period)) periodKindsOf.set(key, [...list, s.requirement.period]);
}

/**
 * Each meeting as one number, `kind × 16384 + day × 2 + planned`, the day counted from the range's first: the
 * statement then answers one short text per org instead of a row per org, kind and month, which is what makes a
 * province's seven hundred thousand meetings quick to read. Counts land in `into` at `offset` + kind × `stride` +
 * month × 2 (+ 1 for planned), saturating at 255.
 */
function parseMeetingCodes(text: string, into: Uint8Array, offset: number, stride: number, monthOfDay: Int16Array) {
  let code = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c !== 44) {
      code = code * 10 + (c - 48);
      continue;
    }
    const at = offset + (code >> 14) * stride + (monthOfDay[(code & 16383) >> 1] ?? 0) * 2 + (code & 1);
    if ((into[at] ?? 0) < 255) into[at] = (into[at] ?? 0) + 1;
    code = 0;
  }
}

/** One requirement of an org kind over the range: its periods with their month span, days and segment. */
interface PlanItem {
  kind: MeetingKind;
  kindIndex: number;
  periodKind: RequirementPeriod;
  cells: { first: number; last: number; start: number; end: number; segment: RequirementSegment | undefined }[];
}

/** An org of the subtree with what judging its cells needs. */
interface Judged {
  facts: ComplianceOrgFacts & OrgDays;
  exempted: readonly ExemptionDays[];
  /** Its place in the tallies, or -1 without meetings in the range. */
  slot: number;
}

const noExemptions: readonly ExemptionDays[] = [];
const statusList = complianceStatuses.keys;
const statusIndex = Object.fromEntries(statusList.map((status, k) => [status, k])) as Record<ComplianceStatus, number>;

/** A scope of whole committees (their roots) needs no org paths to find its rows: each row carries its committee. */
export function wholeCommitteesOf(paths: string[]): string[] | undefined {
  const roots = paths.map((p) => p.split('/').filter(Boolean));
  return roots.every((r) => r.length === 1) ? roots.map((r) => r[0] as string) : undefined;
}

/**
 * Full members in the registry per org, for the requirements that depend on a branch having a committee. Whole
 * committees count theirs from one index in org order (a province's million members in 0.2 s); a subtree counts
 * the members of its own orgs.
 */
function fullMembersByOrg(wholeCommittees: string[] | undefined, scope: SQL | undefined): SQL {
  const counted = sql`m.category = 'full' and m.deleted_at is null and ${inRegistry(sql`m.status`)}`;
  return wholeCommittees
    ? sql`select m.org_id, count(*)::int as n from members m where m.committee_id in ${wholeCommittees} and ${counted} group by m.org_id`
    : sql`select m.org_id, count(*)::int as n from members m join orgs o on o.id = m.org_id
        where ${counted} and o.kind in ${committeeOrgKinds} and ${scope} group by m.org_id`;
}

/**
 * The compliance of every org of a subtree over a range: three reads (orgs with their full members, each org's
 * meetings of the range, exemptions), then every cell judged in memory by the shared rules.
 */
export async function evaluateTree(ctx: Ctx, query: TreeQuery): Promise<Evaluation> {
  const today = shanghaiDate(ctx.now);
  const periods = {
    month: periodsEndingBetween('month', query.from, query.to),
    quarter: periodsEndingBetween('quarter', query.from, query.to),
    year: periodsEndingBetween('year', query.from, query.to),
  };
  const starts = [periods.month, periods.quarter, periods.year].flatMap((list) => (list[0] ? [list[0].from] : []));
  const rangeFrom = starts.sort()[0] ?? `${query.from}-01`;
  const rangeTo = periodOfKey(query.to).to;
  const base = monthIndex(rangeFrom);
  const months = monthIndex(rangeTo) - base + 1;
  const scope = and(pathInScope(query.paths, sql`o.path`), query.orgId ? sql`o.id = ${query.orgId}` : undefined);
  const wholeCommittees = query.orgId ? undefined : wholeCommitteesOf(query.paths);

  const middle = `${addMonths(query.from, Math.floor((monthsBetween(query.from, query.to) + 1) / 2))}-01`;
  const halves: [string, string][] =
    middle > rangeFrom
      ? [
          [rangeFrom, addDays(middle, -1)],
          [middle, rangeTo],
        ]
      : [[rangeFrom, rangeTo]];
  const meetingCodes = (from: string, to: string) =>
    ctx.read.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '64MB'`);
      return rowsOf<{ org_id: string; codes: string }>(
        tx,
        sql`select m.org_id, string_agg((${kindCode} * 16384 + (m.held_on - ${rangeFrom}::date) * 2 + (m.status = 'planned')::int)::text, ',') as codes
            from meetings m ${wholeCommittees ? sql`` : sql`join orgs o on o.id = m.org_id`}
            where m.held_on between ${from} and ${to} and m.status in ('held', 'planned')
              and ${wholeCommittees ? sql`m.committee_id in ${wholeCommittees}` : scope}
              ${query.kind ? sql`and m.kind = ${query.kind}` : sql``}
            group by m.org_id`,
      );
    });
  const [orgRows, meetingRows, exemptionRows] = await Promise.all([
    rowsOf<{
      id: string;
      name: string;
      kind: OrgKind;
      parent_id: string | null;
      depth: number;
      path: string;
      established_on: string;
      dissolved_on: string | null;
      unit_top: boolean;
      full_members: number | null;
    }>(
      ctx.read,
      sql`select o.id, o.name, o.kind, o.parent_id, o.depth, o.path, o.established_on::text as established_on, o.dissolved_on::text as dissolved_on,
            (o.depth = 1 and o.unit_id is not null) as unit_top, case when o.kind in ${committeeOrgKinds} then f.n end as full_members
          from orgs o
          left join (${fullMembersByOrg(wholeCommittees, scope)}) f on f.org_id = o.id
          where o.deleted_at is null and ${scope} and o.kind in ${requiredOrgKinds}
            and o.established_on <= ${rangeTo} and (o.dissolved_on is null or o.dissolved_on > ${rangeFrom})
          order by o.path`,
    ),
    // A province's year is some 700,000 meetings: read as two halves of the range at once (two connections, two
    // cores on PostgreSQL), each grouped in memory rather than spilled to disk in small batches.
    Promise.all(halves.map(([from, to]) => meetingCodes(from, to))).then((parts) => parts.flat()),
    rowsOf<{ org_id: string; kind: MeetingKind | null; from_on: string; to_on: string }>(
      ctx.read,
      sql`select e.org_id, e.kind, e.from_on::text as from_on, e.to_on::text as to_on
          from orglife_exemptions e join orgs o on o.id = e.org_id
          where e.from_on <= ${rangeTo} and e.to_on >= ${rangeFrom} and ${scope}`,
    ),
  ]);

  // Every org's meetings in one buffer: per org, per kind, per month, held then planned.
  const stride = months * 2;
  const orgStride = meetingKinds.keys.length * stride;
  const slots = new Map<string, number>();
  for (const r of meetingRows) if (!slots.has(r.org_id)) slots.set(r.org_id, slots.size);
  const tallies = new Uint8Array(slots.size * orgStride);
  const firstDay = dayNumber(rangeFrom);
  const monthOfDay = Int16Array.from({ length: dayNumber(rangeTo) - firstDay + 1 }, (_, day) => monthIndex(addDays(rangeFrom, day)) - base);
  for (const r of meetingRows) parseMeetingCodes(r.codes, tallies, (slots.get(r.org_id) as number) * orgStride, stride, monthOfDay);
  const exemptions = new Map<string, ExemptionSpan[]>();
  for (const e of exemptionRows) exemptions.set(e.org_id, [...(exemptions.get(e.org_id) ?? []), { kind: e.kind, from: e.from_on, to: e.to_on }]);

  const cellsOf = (list: CompliancePeriod[], kind: MeetingKind, orgKind: OrgKind, periodKind: RequirementPeriod) =>
    list.map((p) => {
      const segment = segmentOn(kind, orgKind, p.to);
      return {
        first: monthIndex(p.from) - base,
        last: monthIndex(p.to) - base,
        start: dayNumber(p.from),
        end: dayNumber(p.to),
        segment: segment?.requirement.period === periodKind ? segment : undefined,
      };
    });
  // The requirements of each org kind, laid out once per request: the same for every org of that kind.
  const plans = new Map<OrgKind, PlanItem[]>();
  const planOf = (orgKind: OrgKind) => {
    let plan = plans.get(orgKind);
    if (!plan) {
      plan = requiredKindsOf(orgKind)
        .filter((kind) => !query.kind || kind === query.kind)
        .flatMap((kind) =>
          (periodKindsOf.get(`${kind}/${orgKind}`) ?? []).map((periodKind) => ({
            kind,
            kindIndex: kindIndex.get(kind) as number,
            periodKind,
            cells: cellsOf(periods[periodKind], kind, orgKind, periodKind),
          })),
        );
      plans.set(orgKind, plan);
    }
    return plan;
  };
  const calendarMonth = Array.from({ length: months }, (_, i) => ((base + i) % 12) + 1);
  const todayNumber = dayNumber(today);
  const judgement = newJudgement();
  const tally: MeetingTally = { held: 0, planned: 0, heldInUsualMonths: 0 };

  /** Sums an org's meetings of one kind over months `first`..`last` into `tally`. */
  function count(slot: number, kind: number, first: number, last: number, usual: readonly number[] | undefined) {
    tally.held = 0;
    tally.planned = 0;
    tally.heldInUsualMonths = 0;
    if (slot < 0) return tally;
    const at = slot * orgStride + kind * stride;
    for (let m = first; m <= last; m++) {
      const held = tallies[at + m * 2] ?? 0;
      tally.held += held;
      tally.planned += tallies[at + m * 2 + 1] ?? 0;
      if (usual?.includes(calendarMonth[m] ?? 0)) tally.heldInUsualMonths += held;
    }
    return tally;
  }

  /** Judges a row's cells in order into `judgement`, calling `visit` after each; false when none applies. */
  function walk(j: Judged, visit: (item: PlanItem, i: number) => void) {
    let any = false;
    for (const item of planOf(j.facts.kind)) {
      for (let i = 0; i < item.cells.length; i++) {
        const cell = item.cells[i] as PlanItem['cells'][number];
        count(j.slot, item.kindIndex, cell.first, cell.last, cell.segment?.requirement.usual?.months);
        judgeCell(cell.segment, j.facts, cell.start, cell.end, tally.held, tally.heldInUsualMonths, j.exempted, todayNumber, judgement);
        if (judgement.status !== 'notApplicable') any = true;
        visit(item, i);
      }
    }
    return any;
  }

  const judged = new WeakMap<EvaluatedRow, Judged>();
  const rows: EvaluatedRow[] = [];
  // Counted by status index while judging a million cells, turned into the contract's counts once per row.
  const seriesCounts = new Int32Array(statusList.length);
  const rowCounts = new Int32Array(statusList.length);
  let applicable = false;
  for (const r of orgRows) {
    const org: ComplianceOrgFacts & OrgDays = {
      id: r.id,
      name: r.name,
      kind: r.kind,
      parentId: r.parent_id,
      depth: r.depth,
      path: r.path,
      establishedOn: r.established_on,
      dissolvedOn: r.dissolved_on,
      unitTop: Boolean(r.unit_top),
      fullMembers: r.full_members ?? 0,
      ...orgDaysOf({ establishedOn: r.established_on, dissolvedOn: r.dissolved_on }),
    };
    const spans = exemptions.get(r.id);
    const j: Judged = { facts: org, exempted: spans ? spans.map(exemptionDaysOf) : noExemptions, slot: slots.get(r.id) ?? -1 };
    rowCounts.fill(0);
    // A series counts only when one of its cells applies: its cells are added up when it ends.
    const any = walk(j, (item, i) => {
      const k = statusIndex[judgement.status];
      seriesCounts[k] = (seriesCounts[k] ?? 0) + 1;
      if (judgement.status !== 'notApplicable') applicable = true;
      if (i < item.cells.length - 1) return;
      for (let k = 0; k < seriesCounts.length; k++) {
        if (applicable) rowCounts[k] = (rowCounts[k] ?? 0) + (seriesCounts[k] ?? 0);
        seriesCounts[k] = 0;
      }
      applicable = false;
    });
    if (!any) continue;
    const counts = emptyCounts();
    statusList.forEach((status, k) => {
      counts[status] = rowCounts[k] ?? 0;
    });
    const row = { org, counts };
    judged.set(row, j);
    rows.push(row);
  }

  const judgedOf = (row: EvaluatedRow) => judged.get(row) as Judged;
  const segmentOf = (row: EvaluatedRow, kind: MeetingKind, period: CompliancePeriod) =>
    planOf(row.org.kind)
      .find((item) => item.kind === kind && item.periodKind === period.kind)
      ?.cells.find((_, i) => periods[period.kind][i]?.key === period.key)?.segment;
  return {
    today,
    from: query.from,
    to: query.to,
    periods,
    rangeFrom,
    rangeTo,
    rows,
    segmentOf,
    seriesOf(row) {
      const series = new Map<PlanItem, EvaluatedSeries>();
      walk(judgedOf(row), (item) => {
        let one = series.get(item);
        if (!one) {
          one = { kind: item.kind, period: item.periodKind, statuses: [], required: [], held: [] };
          series.set(item, one);
        }
        one.statuses.push(judgement.status);
        one.required.push(judgement.required);
        one.held.push(tally.held);
      });
      return [...series.values()].filter((one) => one.statuses.some((status) => status !== 'notApplicable'));
    },
    outcomeOf(row, kind, period) {
      const segment = segmentOf(row, kind, period);
      const { slot } = judgedOf(row);
      const counted = {
        ...count(slot, kindIndex.get(kind) as number, monthIndex(period.from) - base, monthIndex(period.to) - base, segment?.requirement.usual?.months),
      };
      return evaluateCell(segment, row.org, period, counted, exemptions.get(row.org.id) ?? [], today);
    },
  };
}

export function summaryOf(rows: readonly EvaluatedRow[]): ComplianceSummary {
  const counts = emptyCounts();
  let orgsWithMisses = 0;
  for (const row of rows) {
    for (const status of complianceStatuses.keys) counts[status] += row.counts[status];
    if (row.counts.missed > 0) orgsWithMisses += 1;
  }
  return { counts, rate: complianceRate(counts), orgs: rows.length, orgsWithMisses };
}

/** The range asked for, or this calendar year. */
function rangeOf(ctx: Ctx, query: { from?: string | undefined; to?: string | undefined }) {
  const year = shanghaiDate(ctx.now).slice(0, 4);
  const from = query.from ?? (query.to ? `${query.to.slice(0, 4)}-01` : `${year}-01`);
  const to = query.to ?? (query.from ? `${query.from.slice(0, 4)}-12` : `${year}-12`);
  if (from > to) throw new AppError('validation_failed', '结束月份不能早于开始月份', [{ path: 'querystring.to', message: `须不早于 ${from}` }]);
  return { from, to };
}

async function scopePaths(ctx: Ctx, orgId: string | undefined): Promise<string[]> {
  const paths = scopeOf(ctx, 'orglife.read');
  return orgId ? [(await requireOrg(ctx, 'orglife.read', orgId)).path] : paths;
}

// ── The matrix ───────────────────────────────────────────────────────────────────────────

export async function complianceMatrix(ctx: Ctx, query: z.infer<typeof complianceQuery>): Promise<ComplianceMatrix> {
  const paths = await scopePaths(ctx, query.orgId);
  const range = rangeOf(ctx, query);
  const evaluation = await evaluateTree(ctx, { paths, ...range, kind: query.kind });
  const selected = query.status ? evaluation.rows.filter((r) => r.counts[query.status as ComplianceStatus] > 0) : evaluation.rows;
  const page = selected.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  return {
    orgId: query.orgId ?? null,
    ...range,
    kind: query.kind ?? null,
    today: evaluation.today,
    periods: {
      month: evaluation.periods.month.map((p) => p.key),
      quarter: evaluation.periods.quarter.map((p) => p.key),
      year: evaluation.periods.year.map((p) => p.key),
    },
    summary: summaryOf(evaluation.rows),
    ...pageOf(
      page.map((row) => ({
        orgId: row.org.id,
        name: row.org.name,
        kind: row.org.kind,
        parentId: row.org.parentId,
        depth: row.org.depth,
        dissolvedOn: row.org.dissolvedOn,
        series: evaluation.seriesOf(row),
        counts: row.counts,
      })),
      selected.length,
      query,
    ),
  };
}

/** One org's cells with their explanation, rule and the meetings counted. */
export async function complianceOfOrg(ctx: Ctx, orgId: string, query: z.infer<typeof complianceOrgQuery>): Promise<ComplianceOrg> {
  const org = await requireOrg(ctx, 'orglife.read', orgId);
  const range = rangeOf(ctx, query);
  const evaluation = await evaluateTree(ctx, { paths: [org.path], orgId: org.id, ...range, kind: query.kind });
  const row = evaluation.rows[0];
  const [meetings, exemptions] = await Promise.all([
    rowsOf<{ id: string; title: string; held_on: string; status: MeetingStatus; kind: MeetingKind }>(
      ctx.read,
      sql`select id, title, held_on::text as held_on, status, kind from meetings
          where org_id = ${org.id} and held_on between ${evaluation.rangeFrom} and ${evaluation.rangeTo} and status in ('held', 'planned')
          order by held_on, starts_at`,
    ),
    exemptionsWhere(ctx, eq(orglifeExemptions.orgId, org.id)),
  ]);
  const cells = row
    ? evaluation.seriesOf(row).flatMap((series) =>
        evaluation.periods[series.period].flatMap((period): ComplianceCell[] => {
          const outcome = evaluation.outcomeOf(row, series.kind, period);
          if (outcome.status === 'notApplicable') return [];
          const counted = meetings.filter((m) => m.kind === series.kind && m.held_on >= period.from && m.held_on <= period.to);
          return [
            {
              kind: series.kind,
              period: period.key,
              periodKind: period.kind,
              from: period.from,
              to: period.to,
              ...outcome,
              explanation: describeCell(series.kind, period, outcome),
              source: evaluation.segmentOf(row, series.kind, period)?.requirement.source ?? null,
              meetings: counted.map((m) => ({ id: m.id, title: m.title, heldOn: m.held_on, status: m.status })),
            },
          ];
        }),
      )
    : [];
  const counts = row?.counts ?? emptyCounts();
  return {
    org: {
      id: org.id,
      name: org.name,
      kind: org.kind,
      establishedOn: org.establishedOn,
      dissolvedOn: org.dissolvedOn,
      fullMembers: row?.org.fullMembers ?? 0,
    },
    ...range,
    today: evaluation.today,
    cells,
    counts,
    rate: complianceRate(counts),
    exemptions: exemptions.filter((e) => e.to >= range.from && e.from <= range.to),
  };
}

const cellText = (status: ComplianceStatus, held: number, required: number) =>
  status === 'notApplicable' ? '' : status === 'exempt' ? complianceStatuses.label(status) : `${complianceStatuses.label(status)} ${held}/${required}`;

/** The matrix as an Excel sheet: one row per org and requirement, each cell in the month it falls due. */
export async function exportCompliance(ctx: Ctx, query: z.infer<typeof complianceExportQuery>) {
  const paths = await scopePaths(ctx, query.orgId);
  const range = rangeOf(ctx, query);
  const evaluation = await evaluateTree(ctx, { paths, ...range, kind: query.kind });
  const rows = query.status ? evaluation.rows.filter((r) => r.counts[query.status as ComplianceStatus] > 0) : evaluation.rows;
  const months = evaluation.periods.month.map((p) => p.key);
  const columns: Column[] = [
    { key: 'org', title: '组织名称' },
    { key: 'orgKind', title: '组织类别' },
    { key: 'kind', title: '组织生活' },
    { key: 'period', title: '周期' },
    ...months.map((m) => ({ key: m, title: m })),
    { key: 'rate', title: '完成率' },
  ];
  async function* batches() {
    let batch: Record<string, unknown>[] = [];
    for (const row of rows) {
      for (const series of evaluation.seriesOf(row)) {
        const line: Record<string, unknown> = {
          org: `${'　'.repeat(Math.max(0, row.org.depth - 1))}${row.org.name}`,
          orgKind: orgKinds.label(row.org.kind),
          kind: meetingKinds.label(series.kind),
          period: requirementPeriods.label(series.period),
        };
        const counts = emptyCounts();
        evaluation.periods[series.period].forEach((period, i) => {
          const status = series.statuses[i] as ComplianceStatus;
          counts[status] += 1;
          line[period.to.slice(0, 7)] = cellText(status, series.held[i] ?? 0, series.required[i] ?? 0);
        });
        const rate = complianceRate(counts);
        line.rate = rate === null ? '' : `${Math.round(rate * 1000) / 10}%`;
        batch.push(line);
        if (batch.length === 1000) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }
  const kind = query.kind ? meetingKinds.label(query.kind) : '组织生活';
  return { filename: `${kind}完成情况（${range.from}至${range.to}）.xlsx`, stream: xlsxStream('完成情况', columns, batches()) };
}

// ── Exemptions ───────────────────────────────────────────────────────────────────────────

function toExemption(row: typeof orglifeExemptions.$inferSelect, orgName: string): Exemption {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    kind: row.kind,
    from: row.fromOn.slice(0, 7),
    to: row.toOn.slice(0, 7),
    reason: row.reason,
    approvedBy: row.approvedBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

async function exemptionsWhere(ctx: Ctx, where: SQL) {
  const rows = await ctx.read
    .select({ exemption: orglifeExemptions, orgName: orgs.name })
    .from(orglifeExemptions)
    .innerJoin(orgs, eq(orgs.id, orglifeExemptions.orgId))
    .where(where)
    .orderBy(desc(orglifeExemptions.fromOn), desc(orglifeExemptions.id));
  return rows.map((r) => toExemption(r.exemption, r.orgName));
}

export async function listExemptions(ctx: Ctx, query: z.infer<typeof exemptionListQuery>) {
  const paths = await scopePaths(ctx, query.orgId);
  const where = pathInScope(paths, orgs.path);
  const [items, [total]] = await Promise.all([
    ctx.read
      .select({ exemption: orglifeExemptions, orgName: orgs.name })
      .from(orglifeExemptions)
      .innerJoin(orgs, eq(orgs.id, orglifeExemptions.orgId))
      .where(where)
      .orderBy(desc(orglifeExemptions.fromOn), desc(orglifeExemptions.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: sql<number>`count(*)::int` }).from(orglifeExemptions).innerJoin(orgs, eq(orgs.id, orglifeExemptions.orgId)).where(where),
  ]);
  return pageOf(
    items.map((r) => toExemption(r.exemption, r.orgName)),
    total?.n ?? 0,
    query,
  );
}

/** An exemption is approved from above: recorded by someone whose scope lies strictly above the org. */
function requireApprovalLevel(ctx: Ctx, orgPath: string) {
  const paths = scopeOf(ctx, 'orglife.write');
  if (!paths.some((p) => orgPath.startsWith(p) && orgPath !== p))
    throw new AppError('forbidden', '豁免须由上级党组织审批登记，不能为本级组织登记豁免', [{ path: 'body.orgId', message: '请由上级党组织的管理员登记' }]);
}

export async function createExemption(ctx: Ctx, input: ExemptionCreate): Promise<Exemption> {
  const actor = requireActor(ctx);
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'orglife.write', input.orgId, { forUpdate: true });
    requireApprovalLevel(tx, org.path);
    const fromOn = `${input.from}-01`;
    const toOn = periodOfKey(input.to).to;
    const [clash] = await exemptionsWhere(
      tx,
      and(
        eq(orglifeExemptions.orgId, org.id),
        lte(orglifeExemptions.fromOn, toOn),
        gte(orglifeExemptions.toOn, fromOn),
        input.kind ? or(isNull(orglifeExemptions.kind), eq(orglifeExemptions.kind, input.kind)) : undefined,
      ) as SQL,
    );
    if (clash) {
      const what = clash.kind ? meetingKinds.label(clash.kind) : '全部组织生活';
      throw new AppError('conflict', `与已登记的豁免重叠：${what} ${clash.from} 至 ${clash.to}`, [{ path: 'body.from', message: '豁免期间不能重叠' }]);
    }
    const [row] = await tx.db
      .insert(orglifeExemptions)
      .values({
        id: newId(),
        committeeId: org.committeeId,
        orgId: org.id,
        kind: input.kind,
        fromOn,
        toOn,
        reason: input.reason,
        approvedBy: input.approvedBy,
        createdBy: actor.id,
        createdByName: actor.displayName,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await audit(tx, {
      action: 'orglife.exemptionCreated',
      entityType: 'exemption',
      entityId: row.id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { after: input },
    });
    return toExemption(row, org.name);
  });
}

export async function deleteExemption(ctx: Ctx, id: string): Promise<void> {
  scopeOf(ctx, 'orglife.write');
  await transact(ctx, async (tx) => {
    const [row] = await tx.db.select().from(orglifeExemptions).where(eq(orglifeExemptions.id, id));
    if (!row) throw new AppError('not_found', '豁免记录不存在');
    const org = await requireOrg(tx, 'orglife.write', row.orgId);
    requireApprovalLevel(tx, org.path);
    await tx.db.delete(orglifeExemptions).where(eq(orglifeExemptions.id, id));
    await audit(tx, {
      action: 'orglife.exemptionDeleted',
      entityType: 'exemption',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { before: toExemption(row, org.name) },
    });
  });
}
