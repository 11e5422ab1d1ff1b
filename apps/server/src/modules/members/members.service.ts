import { countCap } from '@hangbiao/shared/contracts/common';
import {
  type Member,
  type MemberEvent,
  type MemberFields,
  type MemberInput,
  type MemberListItem,
  type MemberListQuery,
  type MemberStatusChange,
  type MemberUpdate,
  memberRecordIssues,
  memberSorts,
  memberStatusChanges,
  memberUpdate,
} from '@hangbiao/shared/contracts/members';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { exitKinds, type MemberStatus, memberFieldLabels, memberStatuses, orgKinds, registryStatuses } from '@hangbiao/shared/glossary';
import { maskIdNumber, maskPhone } from '@hangbiao/shared/id-number';
import { roleGrants } from '@hangbiao/shared/permissions';
import { and, asc, count, desc, eq, isNull, like, ne, notLike, or, type SQL, sql } from 'drizzle-orm';
import { type AnyPgColumn, alias, type PgSelect } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../db/client';
import { covers, coversRoot, type OrgRow, pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pinyinKeys } from '../../platform/pinyin';
import { cachedRead } from '../../platform/read-cache';
import { likePrefix, pageOf, updateVersioned } from '../../platform/rows';
import { type Sealer, sealerFor } from '../../platform/secrets';
import { orgs } from '../orgs/orgs.tables';
import { users } from '../users/users.tables';
import { memberEvents, memberListCounts, members } from './members.tables';

export type MemberRow = typeof members.$inferSelect;

/**
 * How a person's name, ID number and phone are stored, for members and development cases alike: the ID number sealed,
 * hashed and masked, the phone sealed and masked, the name with its pinyin search keys.
 */
export function personValues(sealer: Sealer, input: { name: string; idNumber: string; phone?: string | null }, keys = pinyinKeys(input.name)) {
  return {
    name: input.name,
    namePinyin: keys.pinyin,
    nameInitials: keys.initials,
    idNumberSealed: sealer.seal(input.idNumber),
    idNumberHash: sealer.hash(input.idNumber),
    idNumberMasked: maskIdNumber(input.idNumber),
    phoneSealed: input.phone ? sealer.seal(input.phone) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
  };
}

/** The stored form of a member's record fields: sealed, hashed and masked where sensitive, with pinyin search keys. */
export function registryValues(sealer: Sealer, input: Omit<MemberFields, 'orgId' | 'category'>, keys = pinyinKeys(input.name)) {
  return {
    ...personValues(sealer, input, keys),
    gender: input.gender,
    ethnicity: input.ethnicity,
    birthDate: input.birthDate,
    education: input.education,
    joinedOn: input.joinedOn,
    fullOn: input.fullOn ?? null,
    jobPost: input.jobPost,
    rank: input.rank ?? null,
    addressSealed: input.address ? sealer.seal(input.address) : null,
  };
}

/** The keyed hash under which an ID number is unique in a committee. */
export function idNumberHash(ctx: Ctx, idNumber: string): string {
  return sealerFor(ctx.config).hash(idNumber);
}

/** What a masked address shows; the address has no partial form that would be safe to show. */
const hiddenAddress = '（已隐藏）';

/** What a list row reads of a member; the sensitive fields sealed and masked. */
const listColumns = {
  id: members.id,
  orgId: members.orgId,
  name: members.name,
  gender: members.gender,
  idNumberSealed: members.idNumberSealed,
  idNumberMasked: members.idNumberMasked,
  birthDate: members.birthDate,
  education: members.education,
  category: members.category,
  joinedOn: members.joinedOn,
  phoneSealed: members.phoneSealed,
  phoneMasked: members.phoneMasked,
  status: members.status,
};
type ListRow = { [K in keyof typeof listColumns]: MemberRow[K] };

/** A member as a list shows it: the ID number and phone opened only when `unmasked`. */
function toListItem(ctx: Ctx, row: ListRow, orgName: string, unmasked: boolean): MemberListItem {
  const sealer = sealerFor(ctx.config);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    name: row.name,
    gender: row.gender,
    idNumber: unmasked ? sealer.open(row.idNumberSealed) : row.idNumberMasked,
    birthDate: row.birthDate,
    education: row.education,
    category: row.category,
    joinedOn: row.joinedOn,
    phone: unmasked && row.phoneSealed ? sealer.open(row.phoneSealed) : row.phoneMasked,
    status: row.status,
    unmasked,
  };
}

/** A member as the contract shows it: sensitive fields opened only when `unmasked`. */
export function toMember(ctx: Ctx, row: MemberRow, orgName: string, unmasked: boolean): Member {
  return {
    ...toListItem(ctx, row, orgName, unmasked),
    ethnicity: row.ethnicity,
    fullOn: row.fullOn,
    jobPost: row.jobPost,
    rank: row.rank,
    address: row.addressSealed ? (unmasked ? sealerFor(ctx.config).open(row.addressSealed) : hiddenAddress) : null,
    statusSince: row.statusSince,
    exitKind: row.exitKind,
    mobileDestination: row.mobileDestination,
    version: row.version,
  };
}

/** Whether the actor may see `orgPath`'s members' ID and phone numbers in full. */
export function unmaskerOf(ctx: Ctx): (orgPath: string) => boolean {
  const paths = requireActor(ctx)
    .roles.filter((r) => roleGrants(r.role, 'members.sensitive'))
    .map((r) => r.orgPath);
  return (orgPath) => covers(paths, orgPath);
}

/** Members in the registry (在册), who count in org figures and thresholds; `status` may be a raw column such as sql`m.status`. */
export function inRegistry(status: AnyPgColumn | SQL = members.status): SQL {
  return sql`${status} in ${[...registryStatuses]}`;
}

/**
 * The members a list query selects, within the actor's scope (joined to `orgs`). Search is by prefix, which one
 * btree serves at a million rows: letters match the pinyin or initials; Chinese text matches the name and, through
 * its own pinyin, a range of the pinyin index (张 → zhang…), which also yields the rows in list order.
 */
const wholeCommittee = (paths: string[], query: { under?: string }) => !query.under && coversRoot(paths);

const isLetters = (text: string) => /^[a-z]+$/i.test(text.replace(/\s+/g, ''));

/** A search by letters splits into two disjoint parts, each a range of one index (members_pinyin_idx, members_initials_idx). */
type LetterMatch = 'pinyin' | 'initials';

type MemberFilter = Omit<MemberListQuery, 'page' | 'pageSize' | 'sort' | 'includeFormer'> & { includeFormer?: boolean };

export async function membersWhere(ctx: Ctx, query: MemberFilter): Promise<SQL | undefined> {
  return memberConditions(ctx, query, await underOrg(ctx, query));
}

const underOrg = (ctx: Ctx, query: MemberFilter) => (query.under ? requireOrg(ctx, 'members.read', query.under) : undefined);

function memberConditions(
  ctx: Ctx,
  query: MemberFilter,
  under: OrgRow | undefined,
  /** Letters match the pinyin or the initials; or only the pinyin; or only the initials of names whose pinyin does not match. */
  letterMatch?: LetterMatch,
): SQL | undefined {
  const paths = scopeOf(ctx, 'members.read');
  const q = query.q?.replace(/\s+/g, '');
  const letters = q?.toLowerCase();
  return and(
    isNull(members.deletedAt),
    eq(members.committeeId, requireActor(ctx).committeeId),
    // The whole committee needs no path test: every member of it belongs to an org of its tree.
    wholeCommittee(paths, query) ? undefined : pathInScope(under ? [under.path] : paths, orgs.path),
    q && isLetters(q)
      ? letterMatch === 'pinyin'
        ? like(members.namePinyin, likePrefix(letters ?? ''))
        : letterMatch === 'initials'
          ? and(like(members.nameInitials, likePrefix(letters ?? '')), notLike(members.namePinyin, likePrefix(letters ?? '')))
          : or(like(members.namePinyin, likePrefix(letters ?? '')), like(members.nameInitials, likePrefix(letters ?? '')))
      : q
        ? and(like(members.name, likePrefix(q)), like(members.namePinyin, likePrefix(pinyinKeys(q).pinyin)))
        : undefined,
    codeConditions(query, members),
  );
}

/** The code filters, on the registry or on its rollup (`member_list_counts`), which carry the same columns. */
function codeConditions(query: MemberFilter, table: typeof members | typeof memberListCounts): SQL | undefined {
  return and(
    query.category ? eq(table.category, query.category) : undefined,
    query.status ? eq(table.status, query.status) : query.includeFormer ? undefined : inRegistry(table.status),
    query.education ? eq(table.education, query.education) : undefined,
    query.gender ? eq(table.gender, query.gender) : undefined,
  );
}

export const memberOrder = {
  name: [asc(members.namePinyin), asc(members.id)],
  '-name': [desc(members.namePinyin), desc(members.id)],
  joinedOn: [asc(members.joinedOn), asc(members.id)],
  '-joinedOn': [desc(members.joinedOn), desc(members.id)],
  birthDate: [asc(members.birthDate), asc(members.id)],
  '-birthDate': [desc(members.birthDate), desc(members.id)],
} as const;

/** The sort keys as expressions no index provides, which keeps the planner from walking a sort index. */
const unindexed = {
  name: sql`(${members.namePinyin} || '') collate "C"`,
  joinedOn: sql`${members.joinedOn} + 0`,
  birthDate: sql`${members.birthDate} + 0`,
};

/**
 * The same orders, applied after filtering. Walking an index in sort order and filtering as it goes is quick only
 * when most rows pass; for a search or a narrower scope it would walk most of a million rows (张 sorts among the
 * last pinyin), so those rows are found through their own indexes first and then sorted.
 */
const orderAfterFilter = Object.fromEntries(
  memberSorts.map((sort) => {
    const direction = sort.startsWith('-') ? desc : asc;
    return [sort, [direction(unindexed[sort.replace(/^-/, '') as keyof typeof unindexed]), direction(members.id)]];
  }),
) as Record<MemberListQuery['sort'], SQL[]>;

/**
 * Whether walking a sort index answers the list at once: over the whole committee with no search, or in name order
 * with a Chinese search, which narrows the pinyin index to a range. The code filters (category, status, …) are left to the
 * planner, whose statistics know how common each value is.
 */
function indexOrdered(ctx: Ctx, query: MemberListQuery): boolean {
  // Letters match pinyin or initials, two ranges of two indexes: their few rows are found first, then sorted.
  if (query.q) return !isLetters(query.q) && (query.sort === 'name' || query.sort === '-name');
  return wholeCommittee(scopeOf(ctx, 'members.read'), query);
}

/** Joins the orgs only for a scope that filters on their paths: over a whole committee, a query reads the members' indexes alone. */
function inListScope<T extends PgSelect>(ctx: Ctx, query: MemberListQuery, candidates: T) {
  return wholeCommittee(scopeOf(ctx, 'members.read'), query) ? candidates : candidates.innerJoin(orgs, eq(orgs.id, members.orgId));
}

/**
 * A page of the registry. Its rows and count are a hot read, kept for the committed state they were read from (as the
 * org list): paging back and forth or several admins on one list read it once. ID numbers, phones and addresses are
 * opened or masked per request, for the caller's role.
 */
export async function listMembers(ctx: Ctx, query: MemberListQuery) {
  const paths = scopeOf(ctx, 'members.read');
  const { rows, counted, exact } = await cachedRead(ctx, `members:${paths}:${JSON.stringify(query)}`, () => readMemberPage(ctx, query));
  const unmasked = unmaskerOf(ctx);
  const cap = countCapOf(query);
  return {
    ...pageOf(
      rows.map((r) => toListItem(ctx, r.member, r.orgName, unmasked(r.orgPath))),
      exact ? counted : Math.min(counted, cap),
      query,
    ),
    totalCapped: !exact && counted > cap,
  };
}

/** How far a search counts past its page: fifty pages of 20 to page on, never a province's every namesake. */
const searchLookahead = 1_000;

/**
 * Where a capped count stops. A search is for finding people: it counts as far as its page reaches and a thousand
 * more, so the pager always offers the next pages and a deeper page counts deeper; other lists count to 10,000.
 */
const countCapOf = (query: MemberListQuery) => (query.q ? query.page * query.pageSize + searchLookahead : countCap);

async function readMemberPage(ctx: Ctx, query: MemberListQuery) {
  const under = await underOrg(ctx, query);
  const where = memberConditions(ctx, query, under);
  const letters = query.q !== undefined && isLetters(query.q);
  // A whole committee's list by codes alone is counted exactly from its rollup. Otherwise counting stops past the cap
  // (countCapOf): a million-row registry answers "more than 10,000" at once instead of counting them all. A search by
  // letters counts its two parts apart, each from its index alone, rather than a bitmap of both checked row by row.
  // The count rides along with the page's rows, one statement for both; only a page past the end asks alone.
  const exact = !query.q && wholeCommittee(scopeOf(ctx, 'members.read'), query);
  const capped = (condition: SQL | undefined) =>
    sql<number>`(select count(*) from (${inListScope(ctx, query, ctx.read.select({ one: sql`1` }).from(members).$dynamic())
      .where(condition)
      .limit(countCapOf(query) + 1)}) matches)::int`;
  const total = exact
    ? sql<number>`(select coalesce(sum(${memberListCounts.members}), 0) from ${memberListCounts} where ${and(
        eq(memberListCounts.committeeId, requireActor(ctx).committeeId),
        codeConditions(query, memberListCounts),
      )})::int`
    : letters
      ? sql<number>`${capped(memberConditions(ctx, query, under, 'pinyin'))} + ${capped(memberConditions(ctx, query, under, 'initials'))}`
      : capped(where);
  const rows =
    letters && (query.sort === 'name' || query.sort === '-name')
      ? await letterPage(ctx, query, under, total)
      : await ctx.read
          .select({ member: listColumns, orgName: orgs.name, orgPath: orgs.path, total })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(where)
          .orderBy(...(indexOrdered(ctx, query) ? memberOrder[query.sort] : orderAfterFilter[query.sort]))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize);
  const counted = rows[0]?.total ?? (await rowsOf<{ total: number }>(ctx.read, sql`select ${total} as total`))[0]?.total ?? 0;
  return { rows, counted, exact };
}

/**
 * A page in name order of a search by letters. "zhang" matches tens of thousands of a province's members, too many
 * to fetch and sort: the pinyin matches and the other initials matches each come in pinyin order from their own index,
 * as many as the page reaches, and only those are merged, in the same statement that reads the page's rows.
 */
function letterPage(ctx: Ctx, query: MemberListQuery, under: OrgRow | undefined, total: SQL<number>) {
  const reach = query.page * query.pageSize;
  const part = (match: LetterMatch) =>
    inListScope(ctx, query, ctx.read.select({ id: members.id, key: members.namePinyin }).from(members).$dynamic())
      .where(memberConditions(ctx, query, under, match))
      // The initials' range is not in pinyin order: its rows are found first, then sorted, never by walking the pinyin
      // index for the few that match (zs: 8 s on a province).
      .orderBy(...(match === 'pinyin' ? memberOrder[query.sort] : orderAfterFilter[query.sort]))
      .limit(reach);
  const direction = sql.raw(query.sort === 'name' ? 'asc' : 'desc');
  const page = sql`(${part('pinyin')}) union all (${part('initials')}) order by 2 ${direction}, 1 ${direction} limit ${query.pageSize} offset ${reach - query.pageSize}`;
  return ctx.read
    .select({ member: listColumns, orgName: orgs.name, orgPath: orgs.path, total })
    .from(sql`(${page}) page (id, key)`)
    .innerJoin(members, sql`${members.id} = page.id`)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .orderBy(sql`page.key ${direction}, page.id ${direction}`);
}

// ── One member ──────────────────────────────────────────────────

interface ScopedMember {
  member: MemberRow;
  orgName: string;
  orgPath: string;
}

/**
 * Loads a live member of the actor's committee whose org lies in the scope of `permission`. A missing member and
 * one outside the scope get the same 403, as with orgs, so the answer never reveals whether a record exists.
 */
async function findMember(ctx: Ctx, id: string, permission: 'members.read' | 'members.write', options: { forUpdate?: boolean } = {}): Promise<ScopedMember> {
  const paths = scopeOf(ctx, permission);
  const query = ctx.read
    .select({ member: members, orgName: orgs.name, orgPath: orgs.path })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.id, id), eq(members.committeeId, requireActor(ctx).committeeId), isNull(members.deletedAt), pathInScope(paths, orgs.path)));
  const [row] = options.forUpdate ? await query.for('update', { of: members }) : await query;
  if (!row) throw new AppError('forbidden', '无权访问该党员，或该党员不存在');
  return row;
}

export async function getMember(ctx: Ctx, id: string): Promise<Member> {
  const found = await findMember(ctx, id, 'members.read');
  return toMember(ctx, found.member, found.orgName, unmaskerOf(ctx)(found.orgPath));
}

/** The signed-in person's own record, through the member their login is linked to; always in full. */
export async function myMember(ctx: Ctx): Promise<Member> {
  const actor = requireActor(ctx);
  const [row] = await ctx.read
    .select({ member: members, orgName: orgs.name })
    .from(users)
    .innerJoin(members, and(eq(members.id, users.memberId), isNull(members.deletedAt)))
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(users.id, actor.id));
  if (!row) throw new AppError('not_found', '当前账户尚未关联党员信息，请联系所在党组织的党务管理员关联');
  return toMember(ctx, row.member, row.orgName, true);
}

// ── Writing the record ──────────────────────────────────────────

type EditableFields = Omit<MemberFields, 'orgId' | 'category'>;
const editableFields = Object.keys(memberUpdate.shape).filter((key) => key !== 'version') as (keyof EditableFields)[];

function fieldProblem(code: 'validation_failed' | 'rule_violation', issues: { path: string; message: string }[]): AppError {
  return new AppError(
    code,
    issues.map((i) => i.message).join('；'),
    issues.map((i) => ({ path: `body.${i.path}`, message: i.message })),
  );
}

/** The record's cross-field rules (against the stored category on an edit), and no date after today. */
function assertRecord(ctx: Ctx, record: EditableFields & { category: MemberFields['category'] }) {
  const today = shanghaiDate(ctx.now);
  const issues: { path: string; message: string }[] = memberRecordIssues(record);
  for (const key of ['birthDate', 'joinedOn', 'fullOn'] as const) {
    const value = record[key];
    if (value && value > today) issues.push({ path: key, message: `${memberFieldLabels.label(key)}不能晚于今天` });
  }
  if (issues.length) throw fieldProblem('validation_failed', issues);
}

/** Members are placed in branches (支部工作条例 ch. 2): a committee or general branch holds no members of its own. */
function assertBranch(org: OrgRow) {
  if (org.kind !== 'branch' && org.kind !== 'jointBranch')
    throw fieldProblem('rule_violation', [{ path: 'orgId', message: `党员须编入党支部或联合党支部，不能直接编入${orgKinds.label(org.kind)}` }]);
  if (org.dissolvedOn) throw fieldProblem('rule_violation', [{ path: 'orgId', message: `${org.name}已于 ${org.dissolvedOn} 撤销` }]);
}

const duplicateIdNumber = () =>
  new AppError('conflict', '该身份证号已登记在本工委的党员名册中，同一人不能重复登记', [{ path: 'body.idNumber', message: '身份证号已登记' }]);

async function assertIdNumberFree(ctx: Ctx, committeeId: string, hash: string, exceptId?: string) {
  const [clash] = await ctx.db
    .select({ id: members.id })
    .from(members)
    .where(
      and(eq(members.committeeId, committeeId), eq(members.idNumberHash, hash), isNull(members.deletedAt), exceptId ? ne(members.id, exceptId) : undefined),
    );
  if (clash) throw duplicateIdNumber();
}

/** Record fields as the audit log keeps them: ID and phone numbers masked, the address hidden. */
function audited(fields: Partial<EditableFields>) {
  const { idNumber, phone, address, ...plain } = fields;
  return {
    ...plain,
    ...(idNumber !== undefined && { idNumber: maskIdNumber(idNumber) }),
    ...(phone !== undefined && { phone: phone ? maskPhone(phone) : null }),
    ...(address !== undefined && { address: address ? hiddenAddress : null }),
  };
}

export async function createMember(ctx: Ctx, input: MemberInput): Promise<Member> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'members.write', input.orgId);
    assertBranch(org);
    assertRecord(tx, input);
    const { orgId: _org, category, ...fields } = input;
    const values = registryValues(sealerFor(ctx.config), fields);
    await assertIdNumberFree(tx, org.committeeId, values.idNumberHash);
    const id = newId();
    // A concurrent entry of the same person loses on the unique index instead of failing the request.
    const [row] = await tx.db
      .insert(members)
      .values({ id, committeeId: org.committeeId, orgId: org.id, category, status: 'active', statusSince: input.joinedOn, ...values })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicateIdNumber();
    await tx.db.insert(memberEvents).values({
      id: newId(),
      committeeId: org.committeeId,
      memberId: id,
      kind: 'registered',
      // Dated when the membership began, so the history reads in order; the audit log keeps when it was entered.
      occurredOn: input.joinedOn,
      toOrgId: org.id,
      toStatus: 'active',
    });
    await audit(tx, {
      action: 'member.create',
      entityType: 'member',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { after: { orgId: org.id, category, ...audited(fields) } },
    });
    return toMember(tx, row, org.name, unmaskerOf(tx)(org.path));
  });
}

/** An edit of the record's fields; org and category change only through transfers and conversion. */
export async function updateMember(ctx: Ctx, id: string, input: MemberUpdate): Promise<Member> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const { member: before, orgName, orgPath } = await findMember(tx, id, 'members.write');
    const { version, ...fields } = input;
    assertRecord(tx, { ...fields, category: before.category });
    const values = registryValues(sealerFor(ctx.config), fields);
    if (values.idNumberHash !== before.idNumberHash) await assertIdNumberFree(tx, before.committeeId, values.idNumberHash, id);
    const row = await updateVersioned(tx, members, id, version, values);
    const old = toMember(tx, before, orgName, true);
    const changed = editableFields.filter((key) => (old[key] ?? null) !== (fields[key] ?? null));
    const pick = (record: Partial<EditableFields>) => Object.fromEntries(changed.map((key) => [key, record[key] ?? null])) as Partial<EditableFields>;
    await audit(tx, {
      action: 'member.update',
      entityType: 'member',
      entityId: id,
      orgId: before.orgId,
      orgPath,
      committeeId: before.committeeId,
      summary: { name: row.name, before: audited(pick(old as EditableFields)), after: audited(pick(fields)) },
    });
    return toMember(tx, row, orgName, unmaskerOf(tx)(orgPath));
  });
}

function transitionProblem(from: MemberStatus, to: MemberStatus): AppError | undefined {
  const allowed = memberStatusChanges[from];
  if (allowed.includes(to)) return undefined;
  const message =
    from === 'transferredOut'
      ? '该党员的组织关系已转出，状态由组织关系转接办理'
      : allowed.length === 0
        ? `该党员已${memberStatuses.label(from)}，党籍状态不能再变更`
        : from === to
          ? `该党员当前已是“${memberStatuses.label(to)}”状态`
          : `党籍状态不能由“${memberStatuses.label(from)}”直接变更为“${memberStatuses.label(to)}”，可变更为：${allowed.map((s) => memberStatuses.label(s)).join('、')}`;
  return fieldProblem('rule_violation', [{ path: 'status', message }]);
}

/** 党籍状态变更: mobile, lost contact, suspended, left, deceased and back to active, with its event. */
export async function changeMemberStatus(ctx: Ctx, id: string, input: MemberStatusChange): Promise<Member> {
  scopeOf(ctx, 'members.write');
  return transact(ctx, async (tx) => {
    const { member: before, orgName, orgPath } = await findMember(tx, id, 'members.write');
    const refused = transitionProblem(before.status, input.status);
    if (refused) throw refused;
    if (input.exitKind === 'probationCancelled' && before.category !== 'probationary')
      throw fieldProblem('rule_violation', [{ path: 'exitKind', message: `只有预备党员才能${exitKinds.label('probationCancelled')}` }]);
    if (input.occurredOn > shanghaiDate(ctx.now)) throw fieldProblem('validation_failed', [{ path: 'occurredOn', message: '变更日期不能晚于今天' }]);
    if (input.occurredOn < before.statusSince)
      throw fieldProblem('validation_failed', [{ path: 'occurredOn', message: `变更日期不能早于当前状态的起始日期 ${before.statusSince}` }]);
    const after = {
      status: input.status,
      statusSince: input.occurredOn,
      exitKind: input.status === 'left' ? (input.exitKind ?? null) : null,
      mobileDestination: input.status === 'mobile' ? (input.mobileDestination ?? null) : null,
    };
    const row = await updateVersioned(tx, members, id, input.version, after);
    await tx.db.insert(memberEvents).values({
      id: newId(),
      committeeId: before.committeeId,
      memberId: id,
      kind: 'statusChanged',
      occurredOn: input.occurredOn,
      fromStatus: before.status,
      toStatus: input.status,
      note: input.note ?? null,
    });
    await audit(tx, {
      action: 'member.statusChanged',
      entityType: 'member',
      entityId: id,
      orgId: before.orgId,
      orgPath,
      committeeId: before.committeeId,
      summary: {
        name: before.name,
        before: { status: before.status, statusSince: before.statusSince, exitKind: before.exitKind, mobileDestination: before.mobileDestination },
        after,
        note: input.note ?? null,
      },
    });
    return toMember(tx, row, orgName, unmaskerOf(tx)(orgPath));
  });
}

/** Removes a record entered by mistake. A member with any history is changed by a status change instead, so history stays whole. */
export async function deleteMember(ctx: Ctx, id: string): Promise<void> {
  scopeOf(ctx, 'members.write');
  await transact(ctx, async (tx) => {
    const { member, orgPath } = await findMember(tx, id, 'members.write', { forUpdate: true });
    const [history] = await tx.db
      .select({ n: count() })
      .from(memberEvents)
      .where(and(eq(memberEvents.memberId, id), ne(memberEvents.kind, 'registered')));
    if (history && history.n > 0)
      throw new AppError(
        'conflict',
        `该党员已有 ${history.n} 条状态或组织关系变动记录，不能删除；误录之外的情形请使用“党籍状态变更”（如出党、去世），以保留历史`,
      );
    await tx.db
      .update(members)
      .set({ deletedAt: ctx.now, updatedAt: ctx.now, version: sql`${members.version} + 1` })
      .where(eq(members.id, id));
    await audit(tx, {
      action: 'member.delete',
      entityType: 'member',
      entityId: id,
      orgId: member.orgId,
      orgPath,
      committeeId: member.committeeId,
      summary: { before: { name: member.name, idNumber: member.idNumberMasked, category: member.category, status: member.status } },
    });
  });
}

// ── History ─────────────────────────────────────────────────────

/** A member's history, newest first, with the names of the orgs it moved between. */
export async function listMemberEvents(ctx: Ctx, id: string): Promise<MemberEvent[]> {
  const { member } = await findMember(ctx, id, 'members.read');
  const fromOrg = alias(orgs, 'from_org');
  const toOrg = alias(orgs, 'to_org');
  const rows = await ctx.read
    .select({ event: memberEvents, fromOrgName: fromOrg.name, toOrgName: toOrg.name })
    .from(memberEvents)
    .leftJoin(fromOrg, eq(fromOrg.id, memberEvents.fromOrgId))
    .leftJoin(toOrg, eq(toOrg.id, memberEvents.toOrgId))
    .where(eq(memberEvents.memberId, member.id))
    .orderBy(desc(memberEvents.occurredOn), desc(memberEvents.id));
  return rows.map(({ event, fromOrgName, toOrgName }) => ({
    id: event.id,
    kind: event.kind,
    occurredOn: event.occurredOn,
    fromOrgName,
    toOrgName,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    note: event.note,
  }));
}

/** UUIDv7 made in SQL for rows an INSERT … SELECT writes: `at` in the first 48 bits, the rest random. */
const uuidv7At = (at: Date) =>
  sql`overlay(overlay(replace(gen_random_uuid()::text, '-', '') placing lpad(to_hex(${at.getTime()}::bigint), 12, '0') from 1 for 12) placing '7' from 13 for 1)::uuid`;

/**
 * Moves every member of one org to another, as an institutional reform does, and records an `orgChanged` event
 * for each in the same statement, however many there are.
 */
export async function moveMembers(ctx: Ctx, move: { fromOrgId: string; toOrgId: string; occurredOn: string; note?: string | undefined }) {
  await ctx.db.execute(sql`
    with moved as (
      update members set org_id = ${move.toOrgId}, version = version + 1, updated_at = ${ctx.now.toISOString()}::timestamptz
      where org_id = ${move.fromOrgId} and deleted_at is null
      returning id, committee_id)
    insert into member_events (id, committee_id, member_id, kind, occurred_on, from_org_id, to_org_id, note)
    select ${uuidv7At(ctx.now)}, committee_id, id, 'orgChanged', ${move.occurredOn}::date, ${move.fromOrgId}::uuid, ${move.toOrgId}::uuid, ${move.note ?? null}
    from moved`);
}
