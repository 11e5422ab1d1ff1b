import { createHash } from 'node:crypto';
import { addDays } from '@hangbiao/shared/dates';
import { meetingKinds, type RequirementPeriod } from '@hangbiao/shared/glossary';
import { requirementSegments } from '@hangbiao/shared/rules';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client';
import { pathInScope } from '../../platform/access';
import type { Window } from '../indicators/indicators.catalog';
import { inRegistry } from '../members/members.service';
import { committeeOrgKinds, wholeCommitteesOf } from './orglife-compliance.service';

// ── The missed-requirements indicator, in SQL, and its rollup ───────────────────────────────────

const intervalMonths: Record<RequirementPeriod, number> = { month: 1, quarter: 3, year: 12 };

/** The requirement segments as a VALUES list, so SQL reads the same rule data as the evaluator. */
function segmentValues(): SQL {
  const rows = requirementSegments.map(
    (
      s,
    ) => sql`(${s.kind}, ${s.orgKind}, ${s.from}::date, ${s.to}::date, ${s.since}::date, ${s.requirement.period}, ${intervalMonths[s.requirement.period]}::int,
      ${s.requirement.min}::int, ${s.requirement.graceDays}::int, ${s.minFullMembers}::int, ${s.requirement.condition === 'unitTop'}::boolean, ${s.minSharePercent}::int)`,
  );
  return sql.join(rows, sql`, `);
}

/**
 * The rules the rollup was judged by: its rows stand only while this matches (a release changing the rules, or how
 * cells are judged, rebuilds it). Bump the version with any change to `unmetCells`.
 */
const rulesKey = createHash('sha256')
  .update(JSON.stringify({ version: 1, requirementSegments }))
  .digest('hex')
  .slice(0, 16);

/** The periods falling due from `from` to `to`; with `closedBefore`, only those whose grace days ended before that day. */
interface DueRange {
  from: string;
  to: string;
  closedBefore?: string;
}

/**
 * The unmet cells (fewer meetings held than owed) of the orgs `orgFilter` admits, over the periods of `range`: the
 * same rules as `evaluateCell`, in one query. Each segment's periods are listed once, then joined to the orgs of its
 * kind; meetings and exemptions are matched to cells by one join each rather than a lookup per cell. `gate`, a
 * condition the planner evaluates once, runs or skips it all.
 */
function unmetCells(range: DueRange, orgFilter: SQL, gate: SQL, committees?: string[]): SQL {
  // The earliest a period falling due in the range can start (a year's), as a value the planner can estimate by.
  const firstDay = `${range.from.slice(0, 4)}-01-01`;
  const counted = sql`m.category = 'full' and m.deleted_at is null and ${inRegistry(sql`m.status`)}`;
  return sql`
    with seg(kind, org_kind, seg_from, seg_to, since, period, step, min_count, grace, min_full, unit_top, share) as (values ${segmentValues()}),
    periods as materialized (
      select s.*, q.p_from, q.p_to
      from seg s
      cross join lateral generate_series(date_trunc(s.period, ${range.from}::timestamp), ${range.to}::timestamp, make_interval(months => s.step)) p(start)
      cross join lateral (select p.start::date as p_from, (p.start + make_interval(months => s.step) - interval '1 day')::date as p_to) q
      where ${gate} and q.p_to between ${range.from}::date and ${range.to}::date and q.p_to >= s.seg_from and (s.seg_to is null or q.p_to < s.seg_to)
        ${range.closedBefore ? sql`and q.p_to + s.grace < ${range.closedBefore}::date` : sql``}
    ),
    scoped as materialized (
      select o.id, o.path, o.kind, o.established_on, o.dissolved_on, (o.depth = 1 and o.unit_id is not null) as unit_top,
        case when o.kind in ${committeeOrgKinds}
          then (select count(*)::int from members m where m.committee_id = o.committee_id and m.org_id = o.id and ${counted}) end as full_members
      from orgs o
      where ${gate} and o.deleted_at is null and ${orgFilter} and o.kind in (select org_kind from seg)
    ),
    cells as materialized (
      select o.id as org_id, o.path as org_path, p.kind, p.period, p.min_count, p.share, p.p_from, p.p_to, p.p_to + p.grace as closes_on,
        greatest(p.p_from, o.established_on, p.since) as a_from, least(p.p_to, coalesce(o.dissolved_on - 1, p.p_to)) as a_to
      from periods p
      join scoped o on o.kind = p.org_kind and (not p.unit_top or o.unit_top) and (p.min_full is null or o.full_members >= p.min_full)
    ),
    -- A meeting counts towards the one period of each kind that holds it: grouped by that period's first day, the
    -- counts meet their cells by equality.
    held as materialized (
      select m.org_id, m.kind, k.period, date_trunc(k.period, m.held_on::timestamp)::date as p_from, count(*)::int as n
      from meetings m
      join scoped o on o.id = m.org_id
      join (select distinct kind, period from periods) k on k.kind = m.kind
      where ${gate} and m.status = 'held' ${committees ? sql`and m.committee_id in ${committees}` : sql``}
        and m.held_on between ${firstDay}::date and ${range.to}::date
      group by m.org_id, m.kind, k.period, date_trunc(k.period, m.held_on::timestamp)
    ),
    exempted as (
      select c.org_id, c.kind, c.p_from, sum(greatest(0, least(e.to_on, c.a_to) - greatest(e.from_on, c.a_from) + 1))::int as days
      from cells c
      join orglife_exemptions e on e.org_id = c.org_id and (e.kind is null or e.kind = c.kind)
      group by c.org_id, c.kind, c.p_from
    ),
    judged as (
      select c.*, c.p_to - c.p_from + 1 as days, greatest(0, c.a_to - c.a_from + 1) as active,
        greatest(0, c.a_to - c.a_from + 1 - coalesce(x.days, 0)) as owed, coalesce(h.n, 0) as held
      from cells c
      left join held h on h.org_id = c.org_id and h.kind = c.kind and h.period = c.period and h.p_from = c.p_from
      left join exempted x on x.org_id = c.org_id and x.kind = c.kind and x.p_from = c.p_from
    ),
    owing as (
      select j.*, case when j.active * 100 < j.days * j.share or j.owed * 100 < j.days * j.share then 0
        else (j.min_count * j.owed + j.days - 1) / j.days end as required
      from judged j
    )
    select c.org_id, c.org_path, c.kind, c.period, c.p_from, c.p_to, c.closes_on, c.required, c.held from owing c
    where c.required > 0 and c.held < c.required`;
}

const quarterName = sql.raw(`(array['一','二','三','四'])[extract(quarter from c.p_from)::int]`);
const meetingKindLabel = sql.raw(`case c.kind ${meetingKinds.keys.map((k) => `when '${k}' then '${meetingKinds.label(k)}'`).join(' ')} end`);

/** Whether the rollup covers the window under today's rules: the CTE `rollup`, read as `covered`. */
const rollupCovers = (w: Window) => sql`
  rollup as (
    select exists (select 1 from compliance_rollup_state s where s.rules = ${rulesKey} and s.rolled_from <= ${w.from}::date
      and s.rolled_until >= least(${w.to}::date, ${w.today}::date - 1)) as covered
  )`;
const covered = sql`(select covered from rollup)`;
const markedOrgs = sql`(select org_id from compliance_dirty_orgs)`;

/** The window's missed cells judged from the records, of the orgs `orgFilter` admits, when `gate` holds. */
const judgedCells = (w: Window, orgFilter: SQL, gate: SQL) =>
  sql`select x.org_id, x.org_path, x.kind, x.period, x.p_from, x.p_to, x.required, x.held
    from (${unmetCells({ from: w.from, to: w.to, closedBefore: w.today }, orgFilter, gate, wholeCommitteesOf(w.paths))}) x`;

/**
 * Missed cells as records, named and labelled: the periods falling due within the window whose requirement was not
 * met by the end of the grace days, judged today. When the rollup covers the window under today's rules, the cells
 * of unmarked orgs come from it and only marked orgs are judged from the records; otherwise every org is.
 */
export function missedRequirementRecords(w: Window): SQL {
  const scope = pathInScope(w.paths, sql`o.path`);
  return sql`
    with ${rollupCovers(w)},
    unmet as (
      select r.org_id, r.org_path, r.kind, r.period, r.p_from, r.due_on as p_to, r.required, r.held
      from compliance_misses r
      where ${covered} and r.due_on between ${w.from}::date and ${w.to}::date and r.closes_on < ${w.today}::date
        and r.org_id not in ${markedOrgs} and ${pathInScope(w.paths, sql`r.org_path`)}
      union all
      ${judgedCells(w, sql`${scope} and o.id in ${markedOrgs}`, covered)}
      union all
      ${judgedCells(w, scope, sql`not ${covered}`)}
    )
    select c.org_id || ':' || c.kind || ':' || c.p_from::text as id, o.name as org_name, c.kind, ${meetingKindLabel} as kind_label,
      case c.period when 'month' then extract(year from c.p_from)::int || '年' || extract(month from c.p_from)::int || '月'
        when 'quarter' then extract(year from c.p_from)::int || '年第' || ${quarterName} || '季度'
        else extract(year from c.p_from)::int || '年' end as period_label,
      c.required, c.held, c.p_to::text as due_on, c.org_path, c.p_to::text || c.org_path || c.kind as sort_key
    from unmet c join orgs o on o.id = c.org_id`;
}

/**
 * The same cells counted for whole units by unit and month: the units' totals, less the kept cells of marked orgs,
 * plus those orgs' cells judged now; or every org judged, as the records are, when the rollup does not cover the window.
 */
export function missedRequirementCounts(w: Window): SQL {
  const scope = pathInScope(w.paths, sql`o.path`);
  const due = sql`c.due_on between ${w.from}::date and ${w.to}::date and c.closes_on < ${w.today}::date`;
  return sql`
    with ${rollupCovers(w)}
    select c.unit_path as org_path, c.due_on, c.misses as n from compliance_unit_misses c
    where ${covered} and ${due} and ${pathInScope(w.paths, sql`c.unit_path`)}
    union all
    select c.org_path, c.due_on, -1 from compliance_misses c
    where ${covered} and ${due} and c.org_id in ${markedOrgs} and ${pathInScope(w.paths, sql`c.org_path`)}
    union all
    select c.org_path, c.p_to, 1 from (${judgedCells(w, sql`${scope} and o.id in ${markedOrgs}`, covered)}) c
    union all
    select c.org_path, c.p_to, 1 from (${judgedCells(w, scope, sql`not ${covered}`)}) c`;
}

/** Orgs re-judged per transaction: a province's marked orgs in a few short transactions rather than one long one. */
const refreshBatch = 2_000;

/** Years of periods the rollup holds before this year (the dashboards' this year and last); a window reaching further back is judged from the records. */
const rolledYears = 1;

const insertUnmet = (range: DueRange, orgFilter: SQL) => sql`
  insert into compliance_misses (org_id, org_path, kind, period, p_from, due_on, closes_on, required, held)
  select x.org_id, x.org_path, x.kind, x.period, x.p_from, x.p_to, x.closes_on, x.required, x.held from (${unmetCells(range, orgFilter, sql`true`)}) x
  returning org_path, due_on, closes_on`;

/** Runs `rows`, a write of compliance_misses returning the rows it wrote or removed, and adds them (+1 or -1) to their units'. */
const withUnits = (rows: SQL, sign: 1 | -1) => sql`
  with changed as (${rows})
  insert into compliance_unit_misses as u (unit_path, due_on, closes_on, misses)
  select unit_path_of(c.org_path), c.due_on, c.closes_on, ${sign}::int * count(*)::int from changed c group by 1, 2, 3 order by 1, 2, 3
  on conflict (unit_path, due_on, closes_on) do update set misses = u.misses + excluded.misses`;

type Marks = { org_id: string; marked: number }[];

/** Clears the marks read, unless marked again since: that change may not have been seen, so its org stays marked. */
const clearMarks = (marks: Marks) => sql`
  delete from compliance_dirty_orgs d using unnest(${`{${marks.map((m) => m.org_id).join(',')}}`}::uuid[], ${`{${marks.map((m) => m.marked).join(',')}}`}::bigint[]) x(org_id, marked)
  where d.org_id = x.org_id and d.marked = x.marked`;

/**
 * Brings the rollup up to date on `today`: rebuilt when the rules changed (or at first), extended to the periods
 * falling due up to yesterday, and the marked orgs re-judged. Marks are read before judging, in their own
 * statement, so every change they stand for is committed and seen.
 */
export async function refreshMissedRollup(db: Db, today: string): Promise<{ rebuilt: boolean; orgs: number }> {
  const until = addDays(today, -1);
  const [state] = await rowsOf<{ rules: string; rolled_from: string; rolled_until: string }>(
    db,
    sql`select rules, rolled_from::text as rolled_from, rolled_until::text as rolled_until from compliance_rollup_state`,
  );
  if (state?.rules !== rulesKey) {
    const from = `${Number(today.slice(0, 4)) - rolledYears}-01-01`;
    await db.transaction(async (tx) => {
      const marks = await rowsOf<Marks[number]>(tx, sql`select org_id, marked from compliance_dirty_orgs`);
      await tx.execute(sql`delete from compliance_misses`);
      await tx.execute(sql`delete from compliance_unit_misses`);
      await tx.execute(withUnits(insertUnmet({ from, to: until }, sql`true`), 1));
      if (marks.length > 0) await tx.execute(clearMarks(marks));
      await tx.execute(sql`delete from compliance_rollup_state`);
      await tx.execute(sql`insert into compliance_rollup_state (rules, rolled_from, rolled_until) values (${rulesKey}, ${from}, ${until})`);
    });
    await db.execute(sql`analyze compliance_misses, compliance_unit_misses`);
    return { rebuilt: true, orgs: 0 };
  }
  let rolledUntil = state.rolled_until;
  if (rolledUntil < until) {
    await db.transaction(async (tx) => {
      await tx.execute(withUnits(insertUnmet({ from: addDays(state.rolled_until, 1), to: until }, sql`true`), 1));
      await tx.execute(sql`update compliance_rollup_state set rolled_until = ${until}, refreshed_at = now()`);
    });
    rolledUntil = until;
  }
  // One pass in org order: an org marked again meanwhile waits for the next refresh.
  let orgs = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const marks = await rowsOf<Marks[number]>(
      db,
      sql`select org_id, marked from compliance_dirty_orgs where org_id > ${after} order by org_id limit ${refreshBatch}`,
    );
    if (marks.length === 0) break;
    const ids = sql`${`{${marks.map((m) => m.org_id).join(',')}}`}::uuid[]`;
    await db.transaction(async (tx) => {
      await tx.execute(withUnits(sql`delete from compliance_misses where org_id = any(${ids}) returning org_path, due_on, closes_on`, -1));
      await tx.execute(withUnits(insertUnmet({ from: state.rolled_from, to: rolledUntil }, sql`o.id = any(${ids})`), 1));
      await tx.execute(sql`delete from compliance_unit_misses where misses = 0`);
      await tx.execute(clearMarks(marks));
    });
    orgs += marks.length;
    after = marks[marks.length - 1]?.org_id ?? after;
  }
  return { rebuilt: false, orgs };
}
