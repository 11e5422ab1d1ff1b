import type {
  DuesArrearsPage,
  DuesBase,
  DuesBaseConfirm,
  DuesBaseInput,
  DuesBaseUpdate,
  DuesLedger,
  DuesLedgerQuery,
  DuesLedgerRow,
  DuesPayment,
  DuesPaymentsInput,
  DuesRelief,
  DuesReliefInput,
  DuesReliefUpdate,
  DuesTotals,
  DuesTotalsRow,
  duesArrearsQuery,
  duesReverifyPage,
  duesReverifyQuery,
  duesTotalsQuery,
  MemberDues,
} from '@hangbiao/shared/contracts/dues';
import { addMonths, monthOf, monthsBetween, shanghaiDate } from '@hangbiao/shared/dates';
import {
  type DuesCategory,
  type DuesPaymentMethod,
  type DuesReliefKind,
  type JobPost,
  type MemberCategory,
  type MemberStatus,
  type OrgKind,
  registryStatuses,
} from '@hangbiao/shared/glossary';
import { DuesInputError, duesLimit, monthlyDues } from '@hangbiao/shared/rules';
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { type OrgRow, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError, type FieldError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pageOf, updateVersioned } from '../../platform/rows';
import { orgs } from '../orgs/orgs.tables';
import { members } from './members.tables';
import { duesBases, duesPayments, duesReliefs } from './members-dues.tables';

const regulation = '关于中国共产党党费收缴、使用和管理的规定（中组发〔2008〕3号）';

/** Months travel as YYYY-MM and are stored as their first day. */
const firstDay = (month: string) => `${month}-01`;
const thisMonth = (ctx: Ctx) => monthOf(shanghaiDate(ctx.now));
const int = (value: unknown) => Number(value ?? 0);
const earlierMonth = (a: string, b: string) => (monthsBetween(a, b) >= 0 ? a : b);

// ── Members in scope ──────────────────────────────────────────────

type MemberRow = typeof members.$inferSelect;
interface ScopedMember {
  member: MemberRow;
  orgName: string;
  orgPath: string;
}

/** A live member whose org lies in the scope of `permission`; missing and out of scope answer the same 403. */
async function scopedMember(ctx: Ctx, id: string, permission: 'members.read' | 'members.write', forUpdate = false): Promise<ScopedMember> {
  const paths = scopeOf(ctx, permission);
  const query = (forUpdate ? ctx.db : ctx.read)
    .select({ member: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, id), eq(members.committeeId, requireActor(ctx).committeeId), isNull(members.deletedAt), pathInScope(paths, orgs.path)));
  const [row] = forUpdate ? await query.for('update', { of: members }) : await query;
  if (!row) throw new AppError('forbidden', '无权访问该党员，或该党员不存在');
  return row;
}

const inRegistry = (status: MemberStatus) => (registryStatuses as readonly MemberStatus[]).includes(status);

function requireInRegistry(member: MemberRow) {
  if (!inRegistry(member.status)) throw new AppError('rule_violation', `${member.name}已不在册（已转出、出党或去世），不再登记党费`);
}

function fieldError(code: 'validation_failed' | 'rule_violation' | 'conflict', path: string, message: string): AppError {
  return new AppError(code, message, [{ path, message }]);
}

/** 规定第八条: probationary members pay from the day the branch general meeting accepts them (`joined_on`). */
function beforeJoining(member: MemberRow, month: string): string | null {
  const joined = monthOf(member.joinedOn);
  return month < joined ? `${member.name}于 ${member.joinedOn} 加入党组织，党费自 ${joined} 起交纳（${regulation} 第八条）` : null;
}

function requireFromJoining(member: MemberRow, month: string, path: string) {
  const problem = beforeJoining(member, month);
  if (problem) throw fieldError('rule_violation', path, problem);
}

// ── Mapping rows to contracts ─────────────────────────────────────

function toBase(row: typeof duesBases.$inferSelect): DuesBase {
  return {
    id: row.id,
    memberId: row.memberId,
    effectiveMonth: monthOf(row.effectiveMonth),
    category: row.category,
    baseFen: row.baseFen,
    fixedFen: row.fixedFen,
    monthlyFen: row.monthlyFen,
    ruleKey: row.ruleKey,
    rule: row.ruleText,
    source: row.ruleSource,
    confirmedOn: row.confirmedOn,
    note: row.note,
    version: row.version,
  };
}

function toRelief(row: typeof duesReliefs.$inferSelect, approvedByOrgName: string): DuesRelief {
  return {
    id: row.id,
    memberId: row.memberId,
    kind: row.kind,
    monthlyFen: row.monthlyFen,
    fromMonth: monthOf(row.fromMonth),
    toMonth: row.toMonth ? monthOf(row.toMonth) : null,
    reason: row.reason,
    decidedOn: row.decidedOn,
    approvedByOrgId: row.approvedByOrgId,
    approvedByOrgName,
    approvedOn: row.approvedOn,
    version: row.version,
  };
}

function toPayment(row: typeof duesPayments.$inferSelect, orgName: string): DuesPayment {
  return {
    id: row.id,
    memberId: row.memberId,
    month: monthOf(row.month),
    expectedFen: row.expectedFen,
    paidFen: row.paidFen,
    paidOn: row.paidOn,
    method: row.method,
    orgId: row.orgId,
    orgName,
    version: row.version,
  };
}

// ── What is due: SQL over stored amounts ──────────────────────────

/** After relief: exempt pays nothing, reduced pays the approved amount, otherwise the base's amount (null without a base). */
const expectedCase = (baseFen: SQL, reliefKind: SQL, reliefFen: SQL) =>
  sql`case when ${reliefKind} = 'exempt' then 0 when ${reliefKind} = 'reduced' then ${reliefFen} else ${baseFen} end`;

const latestBase = (member: SQL, month: SQL, columns = sql`*`) =>
  sql`select ${columns} from dues_bases where member_id = ${member} and effective_month <= ${month} order by effective_month desc limit 1`;
const reliefIn = (member: SQL, month: SQL) =>
  sql`select kind, monthly_fen from dues_reliefs where member_id = ${member} and from_month <= ${month} and (to_month is null or to_month >= ${month}) order by from_month desc limit 1`;

/** The amount due from `member` for `month` (both SQL), as one scalar subquery. */
const expectedAt = (member: SQL, month: SQL) =>
  sql`(select ${expectedCase(sql`b.monthly_fen`, sql`r.kind`, sql`r.monthly_fen`)}
    from (${latestBase(member, month)}) b left join lateral (${reliefIn(member, month)}) r on true)`;

const monthIndex = (date: SQL) => sql`(extract(year from ${date})::int * 12 + extract(month from ${date})::int)`;

/**
 * Keeps `expected_fen` of a member's payments from `fromMonth` on in step with bases and reliefs, in the transaction
 * that changed them, so ledgers compare stored figures.
 */
async function refreshExpected(ctx: Ctx, memberId: string, fromMonth: string) {
  await ctx.db.execute(sql`
    update dues_payments p set expected_fen = coalesce(${expectedAt(sql`p.member_id`, sql`p.month`)}, p.expected_fen)
    where p.member_id = ${memberId} and p.month >= ${firstDay(fromMonth)}::date`);
}

interface LedgerSqlRow {
  member_id: string;
  name: string;
  name_pinyin: string;
  org_id: string;
  org_name: string;
  org_path: string;
  member_category: MemberCategory;
  status: MemberStatus;
  job_post: JobPost;
  joined_on: string;
  base_id: string | null;
  effective_month: string | null;
  category: DuesCategory | null;
  base_fen: number | null;
  fixed_fen: number | null;
  monthly_fen: number | null;
  rule_key: string | null;
  rule_text: string | null;
  rule_source: string | null;
  confirmed_on: string | null;
  base_version: number | null;
  relief_kind: DuesReliefKind | null;
  relief_fen: number | null;
  expected_fen: number | null;
  payment_id: string | null;
  paid_fen: number | null;
  paid_on: string | null;
  method: DuesPaymentMethod | null;
  payment_version: number | null;
  unpaid_months: number;
}

/** The month after the last payment up to `m` for member `member`, as SQL. */
const afterLastPayment = (member: SQL, m: SQL) =>
  sql`(select (month + interval '1 month')::date from dues_payments where member_id = ${member} and month <= ${m} order by month desc limit 1)`;

/**
 * The run of unpaid months ending with `month` of the member `m` (the members table's alias), given the ids of its base,
 * relief kind and payment of the month: none without a base, when exempt or paid. The run starts after the later of
 * the last payment and the last exempt month, and never before the member joined or had a base; it takes three probes.
 * The fence (offset 0) keeps the planner from inlining the subqueries once per use of `start`.
 */
function unpaidMonths(month: string, of: { base: SQL; reliefKind: SQL; payment: SQL }): SQL {
  const m = sql`${firstDay(month)}::date`;
  const run = sql`(select greatest(0, ${monthIndex(m)} - ${monthIndex(sql`x.start`)} + 1) from (select greatest(
      date_trunc('month', m.joined_on)::date,
      (select effective_month from dues_bases where member_id = m.id order by effective_month limit 1),
      ${afterLastPayment(sql`m.id`, m)},
      (select (max(least(coalesce(to_month, ${m}), ${m})) + interval '1 month')::date from dues_reliefs
        where member_id = m.id and kind = 'exempt' and from_month <= ${m})) as start offset 0) x)`;
  return sql`case when ${of.base} is null or ${of.reliefKind} = 'exempt' or ${of.payment} is not null then 0 else ${run} end`;
}

/**
 * One row per member in the registry selected by `where` (over `m` and `o`) who had joined by `month`: the base in
 * force, any relief, the payment and, unless `run` is false, the run of unpaid months ending with `month`, in one
 * statement. The base is an index-only probe per member, the month's payments (from their index alone) and the
 * committee's few reliefs are hash-joined, and the run is worked out only for members with no payment for the month.
 */
function ledgerRows(committeeId: string, where: SQL, month: string, run = true): SQL {
  const m = sql`${firstDay(month)}::date`;
  return sql`
    select m.id as member_id, o.path as org_path, m.name_pinyin, b.id as base_id, b.confirmed_on as base_confirmed_on,
      r.kind as relief_kind, r.monthly_fen as relief_fen, ${expectedCase(sql`b.monthly_fen`, sql`r.kind`, sql`r.monthly_fen`)} as expected_fen,
      p.id as payment_id, p.paid_fen
      ${run ? sql`, ${unpaidMonths(month, { base: sql`b.id`, reliefKind: sql`r.kind`, payment: sql`p.id` })} as unpaid_months` : sql``}
    from orgs o
    join members m on m.org_id = o.id
    left join lateral (${latestBase(sql`m.id`, m, sql`id, confirmed_on, monthly_fen`)}) b on true
    left join (select distinct on (member_id) member_id, kind, monthly_fen from dues_reliefs
      where committee_id = ${committeeId} and from_month <= ${m} and (to_month is null or to_month >= ${m})
      order by member_id, from_month desc) r on r.member_id = m.id
    left join dues_payments p on p.committee_id = ${committeeId} and p.month = ${m} and p.member_id = m.id
    where o.committee_id = ${committeeId} and o.deleted_at is null and m.deleted_at is null
      and m.status in ${[...registryStatuses]} and m.joined_on < ${m} + interval '1 month' and ${where}`;
}

/**
 * The displayed columns of the ledger rows in the CTE named `page`, joined back for those rows only: a city's ledger
 * carries narrow rows through its sort and sums, and only a page gets names, rule texts and payment details.
 */
const ledgerDetails = (page: string, extra: SQL = sql``) => {
  const p = sql.raw(page);
  return sql`
    select ${p}.*, m.name, m.org_id, o.name as org_name, m.category as member_category, m.status, m.job_post, m.joined_on::text as joined_on,
      b.effective_month::text as effective_month, b.category, b.base_fen, b.fixed_fen, b.monthly_fen, b.rule_key, b.rule_text, b.rule_source,
      b.confirmed_on::text as confirmed_on, b.version as base_version, dp.paid_on::text as paid_on, dp.method, dp.version as payment_version ${extra}
    from ${p} join members m on m.id = ${p}.member_id join orgs o on o.id = m.org_id
    left join dues_bases b on b.id = ${p}.base_id left join dues_payments dp on dp.id = ${p}.payment_id`;
};

const subtree = (org: OrgRow) => sql`o.path like ${`${org.path}%`}`;

function toLedgerRow(row: LedgerSqlRow): DuesLedgerRow {
  return {
    memberId: row.member_id,
    name: row.name,
    orgId: row.org_id,
    orgName: row.org_name,
    memberCategory: row.member_category,
    status: row.status,
    jobPost: row.job_post,
    joinedOn: row.joined_on,
    base: row.base_id
      ? {
          id: row.base_id,
          effectiveMonth: monthOf(row.effective_month ?? ''),
          category: row.category as DuesCategory,
          baseFen: row.base_fen,
          fixedFen: row.fixed_fen,
          monthlyFen: int(row.monthly_fen),
          ruleKey: row.rule_key ?? '',
          rule: row.rule_text ?? '',
          source: row.rule_source ?? '',
          confirmedOn: row.confirmed_on ?? '',
          version: int(row.base_version),
        }
      : null,
    relief: row.relief_kind ? { kind: row.relief_kind, monthlyFen: row.relief_fen } : null,
    expectedFen: row.expected_fen === null ? null : int(row.expected_fen),
    payment: row.payment_id
      ? {
          id: row.payment_id,
          paidFen: int(row.paid_fen),
          paidOn: row.paid_on ?? '',
          method: row.method as DuesPaymentMethod,
          version: int(row.payment_version),
        }
      : null,
    unpaidMonths: int(row.unpaid_months),
  };
}

const ledgerFilters: Record<DuesLedgerQuery['filter'], SQL> = {
  all: sql`true`,
  unpaid: sql`l.payment_id is null and l.expected_fen > 0`,
  paid: sql`l.payment_id is not null`,
  short: sql`l.payment_id is not null and l.paid_fen < l.expected_fen`,
  noBase: sql`l.base_id is null`,
};

// ── The ledger of a branch or subtree ─────────────────────────────

export async function ledger(ctx: Ctx, query: DuesLedgerQuery): Promise<DuesLedger> {
  const org = await requireOrg(ctx, 'members.read', query.orgId);
  const month = query.month ?? thisMonth(ctx);
  type Summary = Record<'s_members' | 's_expected' | 's_paid' | 's_paid_members' | 's_unpaid_members' | 's_no_base' | 's_total', number>;
  const rows = await rowsOf<LedgerSqlRow & Summary>(
    ctx.read,
    sql`
    with l as (${ledgerRows(org.committeeId, subtree(org), month, false)}),
    s as (
      select count(*) as members, coalesce(sum(expected_fen), 0) as expected, coalesce(sum(paid_fen), 0) as paid,
        count(payment_id) as paid_members, count(*) filter (where payment_id is null and expected_fen > 0) as unpaid_members,
        count(*) filter (where base_id is null) as no_base, count(*) filter (where ${ledgerFilters[query.filter]}) as total
      from l),
    page as (
      select * from l where ${ledgerFilters[query.filter]} order by l.org_path, l.name_pinyin, l.member_id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}),
    shown as (${ledgerDetails(
      'page',
      // A city's ledger sums 12,000 members; only its page shows their runs of unpaid months.
      sql`, ${unpaidMonths(month, { base: sql`page.base_id`, reliefKind: sql`page.relief_kind`, payment: sql`page.payment_id` })} as unpaid_months`,
    )})
    select s.members as s_members, s.expected as s_expected, s.paid as s_paid, s.paid_members as s_paid_members,
      s.unpaid_members as s_unpaid_members, s.no_base as s_no_base, s.total as s_total, shown.*
    from s left join shown on true order by shown.org_path, shown.name_pinyin, shown.member_id`,
  );
  const first: Partial<Summary> = rows[0] ?? {};
  return {
    ...pageOf(rows.filter((r) => r.member_id).map(toLedgerRow), int(first.s_total), query),
    month,
    summary: {
      members: int(first.s_members),
      expectedFen: int(first.s_expected),
      paidFen: int(first.s_paid),
      paidMembers: int(first.s_paid_members),
      unpaidMembers: int(first.s_unpaid_members),
      noBase: int(first.s_no_base),
    },
  };
}

// ── Arrears and the 6-months alert ────────────────────────────────

async function arrearsOf(
  ctx: Ctx,
  query: Omit<z.infer<typeof duesArrearsQuery>, 'minMonths'>,
  minMonths: number,
  rule: string | null,
): Promise<DuesArrearsPage> {
  const org = await requireOrg(ctx, 'members.read', query.orgId);
  const month = query.month ?? thisMonth(ctx);
  const m = sql`${firstDay(month)}::date`;
  const rows = await rowsOf<LedgerSqlRow & { total: number; owed_fen: number; from_month: string; last_paid_month: string | null }>(
    ctx.read,
    sql`
    with l as (${ledgerRows(org.committeeId, subtree(org), month)}),
    page as (
      select l.*, count(*) over () as total, (${m} - make_interval(months => l.unpaid_months - 1))::date as from_date from l
      where l.unpaid_months >= ${minMonths}
      order by l.unpaid_months desc, l.org_path, l.name_pinyin, l.member_id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize})
    select shown.* from (${ledgerDetails(
      'page',
      sql`, page.from_date::text as from_month,
      (${afterLastPayment(sql`page.member_id`, m)} - interval '1 month')::date::text as last_paid_month,
      (select coalesce(sum(${expectedAt(sql`page.member_id`, sql`g.month::date`)}), 0)
        from generate_series(page.from_date, ${m}, interval '1 month') g(month)) as owed_fen`,
    )}) shown
    order by shown.unpaid_months desc, shown.org_path, shown.name_pinyin, shown.member_id`,
  );
  return {
    ...pageOf(
      rows.map((r) => ({
        memberId: r.member_id,
        name: r.name,
        orgId: r.org_id,
        orgName: r.org_name,
        status: r.status,
        unpaidMonths: int(r.unpaid_months),
        fromMonth: monthOf(r.from_month),
        lastPaidMonth: r.last_paid_month ? monthOf(r.last_paid_month) : null,
        owedFen: int(r.owed_fen),
      })),
      int(rows[0]?.total),
      query,
    ),
    month,
    minMonths,
    rule,
  };
}

/** Members behind with their dues: runs of consecutive unpaid months ending with the month. */
export function arrears(ctx: Ctx, query: z.infer<typeof duesArrearsQuery>): Promise<DuesArrearsPage> {
  return arrearsOf(ctx, query, query.minMonths, null);
}

/** Members who have paid nothing for the rule's number of months: a reminder to talk with them, never an action. */
export function lapseAlerts(ctx: Ctx, query: Omit<z.infer<typeof duesArrearsQuery>, 'minMonths'>): Promise<DuesArrearsPage> {
  const rule = duesLimit('lapseAlertMonths', shanghaiDate(ctx.now));
  const text = `连续 ${rule.value} 个月未交纳党费：党支部应及时了解情况、批评教育；无正当理由的，由党组织按自行脱党处理（系统仅作提醒）。${rule.source}`;
  return arrearsOf(ctx, query, rule.value, text);
}

// ── Bases ─────────────────────────────────────────────────────────

function reckon(input: Pick<DuesBaseInput, 'category' | 'baseFen' | 'fixedFen'>, month: string) {
  try {
    return monthlyDues(input.baseFen ?? null, input.category, firstDay(month), { fixedFen: input.fixedFen ?? null });
  } catch (error) {
    if (!(error instanceof DuesInputError)) throw error;
    throw fieldError('validation_failed', `body.${error.field === 'date' ? 'effectiveMonth' : error.field}`, error.message);
  }
}

function baseValues(input: Omit<DuesBaseUpdate, 'version'>, month: string) {
  const amount = reckon(input, month);
  return {
    category: input.category,
    baseFen: input.baseFen ?? null,
    fixedFen: input.category === 'farmer' ? amount.fen : null,
    monthlyFen: amount.fen,
    ruleKey: amount.rule.key,
    ruleText: amount.rule.text,
    ruleSource: amount.rule.source,
    confirmedOn: input.confirmedOn,
    note: input.note ?? null,
  };
}

function requireNotFuture(ctx: Ctx, date: string, path: string) {
  if (date > shanghaiDate(ctx.now)) throw fieldError('validation_failed', path, '日期不能晚于今天');
}

/** Sets a member's base from a month on (a new salary, a retirement); earlier months keep their base. */
export async function setBase(ctx: Ctx, memberId: string, input: DuesBaseInput): Promise<DuesBase> {
  return transact(ctx, async (tx) => {
    const { member, orgPath } = await scopedMember(tx, memberId, 'members.write', true);
    requireInRegistry(member);
    requireFromJoining(member, input.effectiveMonth, 'body.effectiveMonth');
    requireNotFuture(tx, input.confirmedOn, 'body.confirmedOn');
    const today = shanghaiDate(tx.now);
    const horizon = duesLimit('prepayMonths', today);
    if (monthsBetween(monthOf(today), input.effectiveMonth) > horizon.value)
      throw fieldError('validation_failed', 'body.effectiveMonth', `基数生效月份不能晚于 ${addMonths(monthOf(today), horizon.value)}`);
    const [clash] = await tx.db
      .select({ id: duesBases.id })
      .from(duesBases)
      .where(and(eq(duesBases.memberId, memberId), eq(duesBases.effectiveMonth, firstDay(input.effectiveMonth))));
    if (clash) throw fieldError('conflict', 'body.effectiveMonth', `${input.effectiveMonth} 起已有党费基数，如需修改请更正该条记录`);
    const values = baseValues(input, input.effectiveMonth);
    const [row] = await tx.db
      .insert(duesBases)
      .values({ id: newId(), committeeId: member.committeeId, orgId: member.orgId, memberId, effectiveMonth: firstDay(input.effectiveMonth), ...values })
      .returning();
    if (!row) throw new AppError('internal');
    await refreshExpected(tx, memberId, input.effectiveMonth);
    await audit(tx, {
      action: 'dues.baseSet',
      entityType: 'member',
      entityId: memberId,
      orgId: member.orgId,
      orgPath,
      committeeId: member.committeeId,
      summary: { after: { ...input, monthlyFen: values.monthlyFen, rule: values.ruleText } },
    });
    return toBase(row);
  });
}

async function scopedBase(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select({ base: duesBases }).from(duesBases).where(eq(duesBases.id, id));
  // The member's scope decides; a base outside it is as unknown as a missing one.
  if (!row) throw new AppError('forbidden', '无权访问该记录，或该记录不存在');
  return { base: row.base, ...(await scopedMember(ctx, row.base.memberId, 'members.write', true)) };
}

/** Corrects a base row (a typing error, a late-known allowance); payments of the months it covers follow. */
export async function updateBase(ctx: Ctx, id: string, input: DuesBaseUpdate): Promise<DuesBase> {
  return transact(ctx, async (tx) => {
    const { base, member, orgPath } = await scopedBase(tx, id);
    requireNotFuture(tx, input.confirmedOn, 'body.confirmedOn');
    const month = monthOf(base.effectiveMonth);
    const { version, ...fields } = input;
    const values = baseValues(fields, month);
    const row = await updateVersioned(tx, duesBases, id, version, values);
    await refreshExpected(tx, member.id, month);
    await audit(tx, {
      action: 'dues.baseCorrected',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath,
      committeeId: member.committeeId,
      summary: {
        month,
        before: { category: base.category, baseFen: base.baseFen, fixedFen: base.fixedFen, monthlyFen: base.monthlyFen, confirmedOn: base.confirmedOn },
        after: { ...fields, monthlyFen: values.monthlyFen, rule: values.ruleText },
      },
    });
    return toBase(row as typeof duesBases.$inferSelect);
  });
}

/** The start of the current re-verification year: bases confirmed before it are due. */
function reverifySince(today: string) {
  const rule = duesLimit('reverifyMonth', today);
  const month = String(rule.value).padStart(2, '0');
  const year = Number(today.slice(0, 4));
  const since = `${today.slice(5, 7) >= month ? year : year - 1}-${month}-01`;
  return { since, rule: `${since} 起应复核党费基数。${rule.source}` };
}

/** Confirms unchanged bases in the yearly re-verification, all or none. */
export async function confirmBases(ctx: Ctx, input: DuesBaseConfirm): Promise<{ confirmed: number }> {
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'members.write', input.orgId);
    requireNotFuture(tx, input.confirmedOn, 'body.confirmedOn');
    const ids = input.items.map((i) => i.baseId);
    const found = await tx.db
      .select({ id: duesBases.id, memberId: duesBases.memberId, version: duesBases.version, name: members.name })
      .from(duesBases)
      .innerJoin(members, eq(members.id, duesBases.memberId))
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inArray(duesBases.id, ids), isNull(members.deletedAt), sql`${orgs.path} like ${`${org.path}%`}`));
    const byId = new Map(found.map((f) => [f.id, f]));
    const errors: FieldError[] = [];
    input.items.forEach((item, i) => {
      const base = byId.get(item.baseId);
      if (!base) errors.push({ path: `body.items.${i}.baseId`, message: '该记录不在本组织范围内' });
      else if (base.version !== item.version) errors.push({ path: `body.items.${i}.version`, message: `${base.name}的基数已被他人修改，请刷新后重试` });
    });
    if (errors.some((e) => e.path.endsWith('baseId'))) throw new AppError('forbidden', '所选记录不在本组织范围内', errors);
    if (errors.length) throw new AppError('stale_version', undefined, errors);
    // Each row only at the version the list showed, so an edit made meanwhile is not confirmed unseen.
    const versions = sql.join(
      input.items.map((i) => sql`(${i.baseId}::uuid, ${i.version}::int)`),
      sql`, `,
    );
    const updated = await rowsOf<{ id: string }>(
      tx.db,
      sql`update dues_bases b set confirmed_on = ${input.confirmedOn}::date, version = b.version + 1, updated_at = ${tx.now.toISOString()}::timestamptz
        from (values ${versions}) v(id, version) where b.id = v.id and b.version = v.version returning b.id`,
    );
    if (updated.length !== input.items.length) throw new AppError('stale_version');
    await audit(tx, {
      action: 'dues.basesConfirmed',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { confirmedOn: input.confirmedOn, members: found.map((f) => ({ memberId: f.memberId, name: f.name })) },
    });
    return { confirmed: updated.length };
  });
}

/** Members whose base was not confirmed in this re-verification year, or who have none. */
export async function reverifyList(ctx: Ctx, query: z.infer<typeof duesReverifyQuery>): Promise<z.infer<typeof duesReverifyPage>> {
  const org = await requireOrg(ctx, 'members.read', query.orgId);
  const today = shanghaiDate(ctx.now);
  const { since, rule } = reverifySince(today);
  const rows = await rowsOf<LedgerSqlRow & { total: number }>(
    ctx.read,
    sql`
    with page as (
      select l.*, count(*) over () as total from (${ledgerRows(org.committeeId, subtree(org), monthOf(today), false)}) l
      where l.base_id is null or l.base_confirmed_on < ${since}::date
      order by l.org_path, l.name_pinyin, l.member_id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize})
    select shown.* from (${ledgerDetails('page')}) shown order by shown.org_path, shown.name_pinyin, shown.member_id`,
  );
  return {
    ...pageOf(
      rows.map((r) => {
        const row = toLedgerRow(r);
        return { memberId: row.memberId, name: row.name, orgId: row.orgId, orgName: row.orgName, jobPost: row.jobPost, joinedOn: row.joinedOn, base: row.base };
      }),
      int(rows[0]?.total),
      query,
    ),
    since,
    rule,
  };
}

// ── Reliefs ───────────────────────────────────────────────────────

/** 规定第七条: a reduction or exemption is decided by the branch and approved by the Party organisation above it. */
async function requireApprover(ctx: Ctx, memberOrgPath: string, approverId: string) {
  const [approver] = await ctx.db
    .select({ id: orgs.id, name: orgs.name, path: orgs.path })
    .from(orgs)
    .where(and(eq(orgs.id, approverId), eq(orgs.committeeId, requireActor(ctx).committeeId), isNull(orgs.deletedAt)));
  if (!approver || approver.path === memberOrgPath || !memberOrgPath.startsWith(approver.path))
    throw fieldError('rule_violation', 'body.approvedByOrgId', `少交或免交党费须经党支部研究，报上一级党委批准（${regulation} 第七条）`);
  return approver;
}

async function requireNoOverlap(ctx: Ctx, memberId: string, input: Pick<DuesReliefInput, 'fromMonth' | 'toMonth'>, exceptId?: string) {
  const to = input.toMonth ? sql`${firstDay(input.toMonth)}::date` : sql`'infinity'::date`;
  const [clash] = await ctx.db
    .select({ from: duesReliefs.fromMonth })
    .from(duesReliefs)
    .where(
      and(
        eq(duesReliefs.memberId, memberId),
        sql`${duesReliefs.fromMonth} <= ${to} and coalesce(${duesReliefs.toMonth}, 'infinity'::date) >= ${firstDay(input.fromMonth)}::date`,
        exceptId ? sql`${duesReliefs.id} <> ${exceptId}` : undefined,
      ),
    );
  if (clash) throw fieldError('conflict', 'body.fromMonth', `与 ${monthOf(clash.from)} 起的少交免交记录重叠`);
}

function reliefValues(input: Omit<DuesReliefUpdate, 'version'>) {
  return {
    kind: input.kind,
    monthlyFen: input.kind === 'reduced' ? (input.monthlyFen ?? 0) : null,
    fromMonth: firstDay(input.fromMonth),
    toMonth: input.toMonth ? firstDay(input.toMonth) : null,
    reason: input.reason,
    decidedOn: input.decidedOn,
    approvedByOrgId: input.approvedByOrgId,
    approvedOn: input.approvedOn,
  };
}

export async function grantRelief(ctx: Ctx, memberId: string, input: DuesReliefInput): Promise<DuesRelief> {
  return transact(ctx, async (tx) => {
    const { member, orgPath } = await scopedMember(tx, memberId, 'members.write', true);
    requireInRegistry(member);
    requireFromJoining(member, input.fromMonth, 'body.fromMonth');
    requireNotFuture(tx, input.approvedOn, 'body.approvedOn');
    const approver = await requireApprover(tx, orgPath, input.approvedByOrgId);
    await requireNoOverlap(tx, memberId, input);
    const [row] = await tx.db
      .insert(duesReliefs)
      .values({ id: newId(), committeeId: member.committeeId, orgId: member.orgId, memberId, ...reliefValues(input) })
      .returning();
    if (!row) throw new AppError('internal');
    await refreshExpected(tx, memberId, input.fromMonth);
    await audit(tx, {
      action: 'dues.reliefGranted',
      entityType: 'member',
      entityId: memberId,
      orgId: member.orgId,
      orgPath,
      committeeId: member.committeeId,
      summary: { after: { ...input, approvedBy: approver.name } },
    });
    return toRelief(row, approver.name);
  });
}

export async function updateRelief(ctx: Ctx, id: string, input: DuesReliefUpdate): Promise<DuesRelief> {
  return transact(ctx, async (tx) => {
    const [found] = await tx.db.select().from(duesReliefs).where(eq(duesReliefs.id, id));
    if (!found) throw new AppError('forbidden', '无权访问该记录，或该记录不存在');
    const { member, orgPath } = await scopedMember(tx, found.memberId, 'members.write', true);
    requireFromJoining(member, input.fromMonth, 'body.fromMonth');
    requireNotFuture(tx, input.approvedOn, 'body.approvedOn');
    const approver = await requireApprover(tx, orgPath, input.approvedByOrgId);
    await requireNoOverlap(tx, member.id, input, id);
    const { version, ...fields } = input;
    const row = (await updateVersioned(tx, duesReliefs, id, version, reliefValues(fields))) as typeof duesReliefs.$inferSelect;
    await refreshExpected(tx, member.id, earlierMonth(monthOf(found.fromMonth), input.fromMonth));
    await audit(tx, {
      action: 'dues.reliefUpdated',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath,
      committeeId: member.committeeId,
      summary: {
        before: { kind: found.kind, monthlyFen: found.monthlyFen, fromMonth: monthOf(found.fromMonth), toMonth: found.toMonth && monthOf(found.toMonth) },
        after: fields,
      },
    });
    return toRelief(row, approver.name);
  });
}

// ── One member's dues ─────────────────────────────────────────────

export async function memberDues(ctx: Ctx, memberId: string): Promise<MemberDues> {
  const { member, orgName, orgPath } = await scopedMember(ctx, memberId, 'members.read');
  const above = orgPath.split('/').filter(Boolean).slice(0, -1);
  const [bases, reliefs, payments, [current], approvers] = await Promise.all([
    ctx.read.select().from(duesBases).where(eq(duesBases.memberId, memberId)).orderBy(desc(duesBases.effectiveMonth)),
    ctx.read
      .select({ relief: duesReliefs, approver: orgs.name })
      .from(duesReliefs)
      .innerJoin(orgs, eq(orgs.id, duesReliefs.approvedByOrgId))
      .where(eq(duesReliefs.memberId, memberId))
      .orderBy(desc(duesReliefs.fromMonth)),
    ctx.read
      .select({ payment: duesPayments, orgName: orgs.name })
      .from(duesPayments)
      .innerJoin(orgs, eq(orgs.id, duesPayments.orgId))
      .where(eq(duesPayments.memberId, memberId))
      .orderBy(desc(duesPayments.month)),
    rowsOf<{ unpaid_months: number }>(ctx.read, ledgerRows(member.committeeId, sql`m.id = ${memberId}`, thisMonth(ctx))),
    above.length ? ctx.read.select({ id: orgs.id, name: orgs.name, depth: orgs.depth }).from(orgs).where(inArray(orgs.id, above)) : [],
  ]);
  return {
    memberId,
    name: member.name,
    orgId: member.orgId,
    orgName,
    joinedOn: member.joinedOn,
    jobPost: member.jobPost,
    bases: bases.map(toBase),
    reliefs: reliefs.map((r) => toRelief(r.relief, r.approver)),
    payments: payments.map((p) => toPayment(p.payment, p.orgName)),
    unpaidMonths: int(current?.unpaid_months),
    approvers: approvers.sort((a, b) => b.depth - a.depth).map(({ id, name }) => ({ id, name })),
  };
}

// ── Payments ──────────────────────────────────────────────────────

type PaymentProblem = FieldError & { kind: 'rule' | 'conflict' | 'stale' | 'input' };

/** What each item's month is due, from the stored bases and reliefs, in one statement. */
async function expectedFor(ctx: Ctx, pairs: { memberId: string; month: string }[]): Promise<Map<string, number | null>> {
  const values = sql.join(
    pairs.map((p) => sql`(${p.memberId}::uuid, ${firstDay(p.month)}::date)`),
    sql`, `,
  );
  const rows = await rowsOf<{ member_id: string; month: string; fen: number | null }>(
    ctx.db,
    sql`select v.member_id, v.month::text as month, ${expectedAt(sql`v.member_id`, sql`v.month`)} as fen from (values ${values}) v(member_id, month)`,
  );
  return new Map(rows.map((r) => [`${r.member_id}|${monthOf(r.month)}`, r.fen === null ? null : int(r.fen)]));
}

/**
 * Payments entered on a ledger, written together or not at all. Each item is checked against the member's joining,
 * the back-payment and prepayment limits in force on the day paid, and the version of a payment it corrects;
 * every refusal names its item and, for a rule, cites it.
 */
export async function recordPayments(ctx: Ctx, input: DuesPaymentsInput): Promise<{ items: DuesPayment[] }> {
  const today = shanghaiDate(ctx.now);
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'members.write', input.orgId);
    const memberIds = [...new Set(input.items.map((i) => i.memberId))];
    const found = await tx.db
      .select({ member: members, orgName: orgs.name })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(inArray(members.id, memberIds), isNull(members.deletedAt), sql`${orgs.path} like ${`${org.path}%`}`))
      .for('update', { of: members });
    const byMember = new Map(found.map((f) => [f.member.id, f]));
    const existing = await tx.db
      .select()
      .from(duesPayments)
      .where(and(inArray(duesPayments.memberId, memberIds), inArray(duesPayments.month, [...new Set(input.items.map((i) => firstDay(i.month)))])));
    const paymentOf = new Map(existing.map((p) => [`${p.memberId}|${monthOf(p.month)}`, p]));
    const expected = await expectedFor(tx, input.items);

    const seen = new Set<string>();
    const check = (item: DuesPaymentsInput['items'][number], i: number): PaymentProblem | null => {
      const refuse = (kind: PaymentProblem['kind'], field: string, message: string) => ({ kind, path: `body.items.${i}.${field}`, message });
      const entry = byMember.get(item.memberId);
      if (!entry) return refuse('input', 'memberId', '该党员不在本台账的组织范围内');
      const { member } = entry;
      const key = `${item.memberId}|${item.month}`;
      const who = `${member.name} ${item.month}`;
      if (seen.has(key)) return refuse('input', 'month', `${who} 重复登记`);
      seen.add(key);
      if (!inRegistry(member.status)) return refuse('rule', 'memberId', `${member.name}已不在册，不再登记党费`);
      if (item.paidOn > today) return refuse('input', 'paidOn', '交纳日期不能晚于今天');
      const unjoined = beforeJoining(member, item.month);
      if (unjoined) return refuse('rule', 'month', unjoined);
      const paidMonth = monthOf(item.paidOn);
      const back = duesLimit('backPayMonths', item.paidOn);
      const late = monthsBetween(item.month, paidMonth);
      if (late > back.value)
        return refuse('rule', 'month', `${who}：补交党费的时间一般不得超过 ${back.value} 个月，此笔补交 ${late} 个月前的党费（${back.source}）`);
      const ahead = duesLimit('prepayMonths', item.paidOn);
      const early = monthsBetween(paidMonth, item.month);
      if (early > ahead.value) return refuse('rule', 'month', `${who}：预交党费不超过 ${ahead.value} 个月，此笔预交 ${early} 个月（${ahead.source}）`);
      if ((expected.get(key) ?? null) === null) return refuse('rule', 'month', `${who} 尚未核定党费基数，请先核定基数`);
      const current = paymentOf.get(key);
      if (current && item.version === undefined) return refuse('conflict', 'month', `${who} 已登记交纳，如需更正请刷新后修改`);
      if (!current && item.version !== undefined) return refuse('stale', 'version', `${who} 的交纳记录已被删除，请刷新后重试`);
      if (current && current.version !== item.version) return refuse('stale', 'version', `${who} 的交纳记录已被他人修改，请刷新后重试`);
      return null;
    };
    const problems = input.items.map(check).filter((p): p is PaymentProblem => p !== null);
    if (problems.length) {
      const code = problems.some((p) => p.kind === 'rule')
        ? 'rule_violation'
        : problems.some((p) => p.kind === 'conflict')
          ? 'conflict'
          : problems.some((p) => p.kind === 'stale')
            ? 'stale_version'
            : 'validation_failed';
      throw new AppError(
        code,
        `${problems.length} 条有误，全部未登记：${problems[0]?.message}`,
        problems.map(({ path, message }) => ({ path, message })),
      );
    }

    const written: DuesPayment[] = [];
    const fresh = input.items.filter((item) => item.version === undefined);
    if (fresh.length) {
      const rows = await tx.db
        .insert(duesPayments)
        .values(
          fresh.map((item) => {
            const { member } = byMember.get(item.memberId) as (typeof found)[number];
            return {
              id: newId(),
              committeeId: member.committeeId,
              orgId: member.orgId,
              memberId: item.memberId,
              month: firstDay(item.month),
              expectedFen: expected.get(`${item.memberId}|${item.month}`) ?? 0,
              paidFen: item.paidFen,
              paidOn: item.paidOn,
              method: item.method,
            };
          }),
        )
        .returning();
      written.push(...rows.map((row) => toPayment(row, byMember.get(row.memberId)?.orgName ?? '')));
    }
    for (const item of input.items.filter((i) => i.version !== undefined)) {
      const current = paymentOf.get(`${item.memberId}|${item.month}`) as typeof duesPayments.$inferSelect;
      const row = (await updateVersioned(tx, duesPayments, current.id, item.version as number, {
        paidFen: item.paidFen,
        paidOn: item.paidOn,
        method: item.method,
      })) as typeof duesPayments.$inferSelect;
      written.push(toPayment(row, byMember.get(row.memberId)?.orgName ?? ''));
    }
    await audit(tx, {
      action: 'dues.paymentsRecorded',
      entityType: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: {
        items: input.items.map((item) => ({
          memberId: item.memberId,
          name: byMember.get(item.memberId)?.member.name,
          month: item.month,
          paidFen: item.paidFen,
          paidOn: item.paidOn,
          method: item.method,
          ...(item.version === undefined ? {} : { before: paymentOf.get(`${item.memberId}|${item.month}`)?.paidFen }),
        })),
      },
    });
    return { items: written };
  });
}

export async function deletePayment(ctx: Ctx, id: string, version: number): Promise<void> {
  await transact(ctx, async (tx) => {
    const [found] = await tx.db.select().from(duesPayments).where(eq(duesPayments.id, id));
    if (!found) throw new AppError('forbidden', '无权访问该记录，或该记录不存在');
    const { member, orgPath } = await scopedMember(tx, found.memberId, 'members.write', true);
    const deleted = await tx.db
      .delete(duesPayments)
      .where(and(eq(duesPayments.id, id), eq(duesPayments.version, version)))
      .returning({ id: duesPayments.id });
    if (deleted.length === 0) throw new AppError('stale_version');
    await audit(tx, {
      action: 'dues.paymentDeleted',
      entityType: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath,
      committeeId: member.committeeId,
      summary: { before: { month: monthOf(found.month), paidFen: found.paidFen, paidOn: found.paidOn, method: found.method } },
    });
  });
}

// ── Totals by subtree and period ──────────────────────────────────

function periodOf(period: z.infer<typeof duesTotalsQuery>['period'], month: string): [string, string] {
  const year = month.slice(0, 4);
  if (period === 'year') return [`${year}-01`, `${year}-12`];
  if (period === 'quarter') {
    const first = addMonths(`${year}-01`, Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3);
    return [first, addMonths(first, 2)];
  }
  return [month, month];
}

/**
 * Expected, paid and arrears over a month, quarter or year, for each child subtree of an org and the org itself.
 * Months after the current one are not yet due and are left out.
 */
export async function totals(ctx: Ctx, query: z.infer<typeof duesTotalsQuery>): Promise<DuesTotals> {
  const org = await requireOrg(ctx, 'members.read', query.orgId);
  const now = thisMonth(ctx);
  const [fromMonth, periodEnd] = periodOf(query.period, query.month ?? now);
  const toMonth = earlierMonth(periodEnd, now);
  const from = sql`${firstDay(fromMonth)}::date`;
  const to = sql`${firstDay(toMonth)}::date`;
  const child = sql`split_part(substr(o.path, ${org.path.length + 1}), '/', 1)`;
  // Set-based rather than per member-month: each base counts for the months it was in force within the period, the
  // few reliefs correct their months, and what was paid towards what was due comes from the payments' stored
  // expected amounts (arrears = due − Σ min(paid, expected)), so overpayments never offset anyone's arrears.
  const rows = await rowsOf<{ id: string; name: string; kind: OrgKind; members: number; expected: number; paid: number; covered: number }>(
    ctx.read,
    sql`
    with mem as (
      select m.id, ${child} as child, greatest(date_trunc('month', m.joined_on)::date, ${from}) as start
      from orgs o join members m on m.org_id = o.id
      where ${subtree(org)} and o.committee_id = ${org.committeeId} and o.deleted_at is null and m.deleted_at is null
        and m.status in ${[...registryStatuses]} and m.joined_on < ${to} + interval '1 month'),
    spans as (
      select mem.child, mem.start, b.monthly_fen, b.effective_month,
        coalesce((lead(b.effective_month) over (partition by b.member_id order by b.effective_month) - interval '1 month')::date, ${to}) as last
      from mem join dues_bases b on b.member_id = mem.id),
    due as (
      select child, sum(monthly_fen::bigint * greatest(0, ${monthIndex(sql`least(last, ${to})`)} - ${monthIndex(sql`greatest(effective_month, start)`)} + 1)) as fen
      from spans group by child),
    relieved as (
      select mem.child, sum(${expectedCase(sql`base.monthly_fen`, sql`r.kind`, sql`r.monthly_fen`)} - base.monthly_fen) as fen
      from mem join dues_reliefs r on r.member_id = mem.id and r.from_month <= ${to} and coalesce(r.to_month, ${to}) >= mem.start
      cross join generate_series(greatest(r.from_month, mem.start), least(coalesce(r.to_month, ${to}), ${to}), interval '1 month') g(month)
      join lateral (${latestBase(sql`mem.id`, sql`g.month::date`)}) base on true
      group by mem.child),
    paid as (
      select mem.child, sum(p.paid_fen) as paid, sum(least(p.paid_fen, p.expected_fen)) as covered
      from mem join dues_payments p on p.committee_id = ${org.committeeId} and p.month between ${from} and ${to} and p.member_id = mem.id
      group by mem.child),
    t as (select child, count(*) as members from mem group by child)
    select c.id, c.name, c.kind, coalesce(t.members, 0) as members, coalesce(due.fen, 0) + coalesce(relieved.fen, 0) as expected,
      coalesce(paid.paid, 0) as paid, coalesce(paid.covered, 0) as covered
    from orgs c left join t on t.child = c.id::text or (t.child = '' and c.id = ${org.id})
    left join due on due.child = t.child left join relieved on relieved.child = t.child left join paid on paid.child = t.child
    where c.id = ${org.id} or (c.parent_id = ${org.id} and c.deleted_at is null and (c.dissolved_on is null or t.child is not null))
    order by c.id <> ${org.id}, c.name`,
  );
  const toRow = (r: (typeof rows)[number]): DuesTotalsRow => ({
    orgId: r.id,
    orgName: r.name,
    kind: r.kind,
    members: int(r.members),
    expectedFen: int(r.expected),
    paidFen: int(r.paid),
    arrearsFen: int(r.expected) - int(r.covered),
  });
  const items = rows.map(toRow);
  const sum = (key: 'members' | 'expectedFen' | 'paidFen' | 'arrearsFen') => items.reduce((acc, r) => acc + r[key], 0);
  return {
    fromMonth,
    toMonth,
    total: {
      orgId: org.id,
      orgName: org.name,
      kind: org.kind,
      members: sum('members'),
      expectedFen: sum('expectedFen'),
      paidFen: sum('paidFen'),
      arrearsFen: sum('arrearsFen'),
    },
    rows: items,
  };
}
