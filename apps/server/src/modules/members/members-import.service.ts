import type { Readable } from 'node:stream';
import type { ImportReport } from '@hangbiao/shared/contracts/imports';
import { memberRecordIssues } from '@hangbiao/shared/contracts/members';
import type { MemberExportQuery } from '@hangbiao/shared/contracts/members-import';
import { shanghaiDate } from '@hangbiao/shared/dates';
import { type MemberSheetLayout, memberSheetLayouts, memberStatuses, orgKinds, registryStatuses } from '@hangbiao/shared/glossary';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client';
import { covers, requireActor, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { errorSheet, type Importer, insertRows, loadOrgIndex, type Resolution, type RowIssue, runImport, sheetStream } from '../../platform/import';
import { sealerFor } from '../../platform/secrets';
import { orgs } from '../orgs/orgs.tables';
import { inRegistry, type MemberRow, memberOrder, membersWhere, registryValues, toMember, unmaskerOf } from './members.service';
import { memberEvents, members } from './members.tables';
import { branchKinds, type MemberRecord, type MemberSheet, withMemberSheet } from './members-forms.service';

/**
 * Member import and export through Excel, in the registry's layout or the national collection form's. An import
 * matches rows to members by system id or ID number hash, adds new members, updates changed record fields, and
 * leaves org, category and status to their own procedures (transfer, conversion, status change).
 */

type StoredValues = ReturnType<typeof registryValues>;
/** A member row as an import writes it: the same columns for new and changed members, so one statement takes both. */
type MemberWrite = Pick<MemberRow, 'id' | 'committeeId' | 'orgId' | 'category' | 'status' | 'statusSince' | 'exitKind' | 'mobileDestination' | 'version'> &
  StoredValues;

interface MemberPlan {
  row: MemberWrite;
  orgPath: string;
  created: boolean;
}

interface Stored {
  member: MemberRow;
  orgPath: string;
}

/** The record fields an import may change: exactly what `registryValues` stores, checked by the compiler. */
const updatable = Object.keys({
  name: true,
  namePinyin: true,
  nameInitials: true,
  gender: true,
  ethnicity: true,
  birthDate: true,
  idNumberSealed: true,
  idNumberHash: true,
  idNumberMasked: true,
  education: true,
  joinedOn: true,
  fullOn: true,
  jobPost: true,
  rank: true,
  phoneSealed: true,
  phoneMasked: true,
  addressSealed: true,
} satisfies Record<keyof StoredValues, true>) as (keyof StoredValues)[];

const dateFields = ['birthDate', 'joinedOn', 'fullOn', 'statusSince'] as const;

/** The rules of one record on its own: date order, ID number facts, no date after today (as the registry form checks). */
function recordIssues(record: MemberRecord, idNumber: string, today: string): RowIssue[] {
  const issues: RowIssue[] = memberRecordIssues({ ...record, idNumber }).map((issue) => ({ column: issue.path, message: issue.message }));
  for (const field of dateFields) {
    const value = record[field];
    if (value && value > today) issues.push({ column: field, message: '不能晚于今天' });
  }
  if (record.statusSince && record.statusSince < record.joinedOn) issues.push({ column: 'statusSince', message: '不能早于加入党组织日期' });
  return issues;
}

/** The deepest org path containing both, so the import's audit row is visible where its members are. */
function commonPath(a: string | null, b: string): string {
  if (a === null) return b;
  const left = a.split('/').filter(Boolean);
  const right = b.split('/').filter(Boolean);
  const shared: string[] = [];
  for (let i = 0; i < left.length && left[i] === right[i]; i++) shared.push(left[i] as string);
  return `/${shared.join('/')}/`;
}

function memberImporter<R>(ctx: Ctx, sheet: MemberSheet<R>, layout: MemberSheetLayout, scope: readonly string[]): Importer<R, MemberRecord, MemberPlan> {
  const sealer = sealerFor(ctx.config);
  const committeeId = requireActor(ctx).committeeId;
  const today = shanghaiDate(ctx.now);
  // Across batches: the first row of each ID number and of each member, for duplicates within the file.
  const rowOfHash = new Map<string, number>();
  const rowOfMember = new Map<string, number>();
  let writtenUnder: string | null = null;

  const fail = (column: string | null, message: string): Resolution<MemberPlan> => ({ issues: [{ column, message }] });

  function create(record: MemberRecord, idNumber: string | null): Resolution<MemberPlan> {
    if (idNumber === null) return fail('idNumber', '脱敏的身份证号只能用于更新已有党员：新增党员请填写完整号码');
    const issues: RowIssue[] = [];
    const { org } = record;
    if (!branchKinds.includes(org.kind)) issues.push({ column: 'org', message: `党员须编入党支部或联合党支部，不能直接编入${orgKinds.label(org.kind)}` });
    else if (org.dissolved) issues.push({ column: 'org', message: `${org.name}已撤销` });
    if (!(registryStatuses as readonly string[]).includes(record.status))
      issues.push({ column: 'status', message: `新登记的党员状态只能是：${registryStatuses.map((s) => memberStatuses.label(s)).join('、')}` });
    if (record.phone && 'masked' in record.phone) issues.push({ column: 'phone', message: '新增党员请填写完整电话号码' });
    if (record.address && 'masked' in record.address) issues.push({ column: 'address', message: '新增党员请填写住址或留空' });
    if (issues.length > 0) return { issues };
    const values = registryValues(sealer, {
      ...record,
      idNumber,
      rank: record.rank ?? null,
      phone: record.phone && 'plain' in record.phone ? record.phone.plain : null,
      address: record.address && 'plain' in record.address ? record.address.plain : null,
    });
    const row: MemberWrite = {
      id: newId(),
      committeeId,
      orgId: org.id,
      category: record.category,
      status: record.status,
      statusSince: record.statusSince ?? (record.status === 'active' ? record.joinedOn : today),
      exitKind: null,
      mobileDestination: record.mobileDestination,
      version: 1,
      ...values,
    };
    return { action: 'create', plan: { row, orgPath: org.path, created: true } };
  }

  function update(record: MemberRecord, idNumber: string | null, stored: Stored, byHash: Map<string, Stored>): Resolution<MemberPlan> {
    const { member } = stored;
    if (!covers(scope, stored.orgPath))
      return record.id ? fail('id', '该党员不在您的管理范围内') : fail('idNumber', '该身份证号已登记在您管理范围以外的党组织；调入须办理组织关系转接');
    const issues: RowIssue[] = [];
    if (!record.id && record.name !== member.name)
      issues.push({ column: 'name', message: `该身份证号已登记为“${member.name}”，与本行姓名不一致；更名请使用含系统编号的党员名册格式` });
    if (idNumber !== null && sealer.hash(idNumber) !== member.idNumberHash && byHash.has(sealer.hash(idNumber)))
      issues.push({ column: 'idNumber', message: '该身份证号已登记为另一名党员' });
    if ('masked' in record.idNumber && record.idNumber.masked !== member.idNumberMasked)
      issues.push({ column: 'idNumber', message: '与该党员登记的身份证号不符：修改身份证号请填写完整号码' });
    if (record.org.id !== member.orgId) issues.push({ column: 'org', message: '所在党支部的变更须办理组织关系转接，导入不修改组织关系' });
    if (record.category !== member.category) issues.push({ column: 'category', message: '人员类别的变更须办理预备党员转正，导入不修改' });
    const statusChanged =
      record.status !== member.status ||
      (record.statusSince !== null && record.statusSince !== member.statusSince) ||
      (record.mobileDestination ?? null) !== (member.mobileDestination ?? null);
    if (statusChanged)
      issues.push({ column: 'status', message: `党籍状态（现为“${memberStatuses.label(member.status)}”）的变更须办理党籍状态变更，导入不修改` });
    if (record.phone && 'masked' in record.phone && record.phone.masked !== member.phoneMasked)
      issues.push({ column: 'phone', message: '与登记的电话不符：修改电话请填写完整号码' });
    if (record.address && 'masked' in record.address && !member.addressSealed)
      issues.push({ column: 'address', message: '该党员未登记住址，请填写住址或留空' });
    const fields = {
      ...record,
      idNumber: idNumber ?? sealer.open(member.idNumberSealed),
      rank: record.rank === undefined ? member.rank : record.rank,
      phone: record.phone === null ? null : 'plain' in record.phone ? record.phone.plain : member.phoneSealed && sealer.open(member.phoneSealed),
      address: record.address === null ? null : 'plain' in record.address ? record.address.plain : member.addressSealed && sealer.open(member.addressSealed),
    };
    // A masked number hid the birth date and gender: check them against the stored number.
    if (idNumber === null) issues.push(...recordIssues(record, fields.idNumber, today).filter((i) => i.column === 'birthDate' || i.column === 'gender'));
    if (issues.length > 0) return { issues };
    const stays =
      fields.name === member.name &&
      fields.gender === member.gender &&
      fields.ethnicity === member.ethnicity &&
      sealer.hash(fields.idNumber) === member.idNumberHash &&
      fields.birthDate === member.birthDate &&
      fields.education === member.education &&
      fields.joinedOn === member.joinedOn &&
      (fields.fullOn ?? null) === member.fullOn &&
      fields.jobPost === member.jobPost &&
      (fields.rank ?? null) === member.rank &&
      (fields.phone ?? null) === (member.phoneSealed && sealer.open(member.phoneSealed)) &&
      (fields.address ?? null) === (member.addressSealed && sealer.open(member.addressSealed));
    if (stays) return { action: 'unchanged' };
    const { id, orgId, category, status, statusSince, exitKind, mobileDestination, version } = member;
    const row: MemberWrite = { id, committeeId, orgId, category, status, statusSince, exitKind, mobileDestination, version, ...registryValues(sealer, fields) };
    return { action: 'update', plan: { row, orgPath: stored.orgPath, created: false } };
  }

  return {
    spec: sheet.spec,
    check(row) {
      const record = sheet.toRecord(row);
      if ('issues' in record) return record;
      const idNumber = 'plain' in record.value.idNumber ? record.value.idNumber.plain : '';
      const issues = recordIssues(record.value, idNumber, today);
      return issues.length > 0 ? { issues } : record;
    },

    async resolve(tx, rows) {
      const plain = rows.map(({ value }) => ('plain' in value.idNumber ? value.idNumber.plain : null));
      const hashes = plain.map((idNumber) => (idNumber === null ? null : sealer.hash(idNumber)));
      const ids = rows.flatMap(({ value }) => (value.id ? [value.id] : []));
      const hashList = hashes.filter((hash): hash is string => hash !== null);
      const found =
        ids.length + hashList.length === 0
          ? []
          : await tx.db
              .select({ member: members, orgPath: orgs.path })
              .from(members)
              .innerJoin(orgs, eq(orgs.id, members.orgId))
              .where(
                and(
                  eq(members.committeeId, committeeId),
                  isNull(members.deletedAt),
                  or(sql`${members.id} = any(${sql.param(ids)}::uuid[])`, sql`${members.idNumberHash} = any(${sql.param(hashList)}::text[])`),
                ),
              );
      const byId = new Map(found.map((s) => [s.member.id, s]));
      const byHash = new Map(found.map((s) => [s.member.idNumberHash, s]));
      return rows.map(({ row, value: record }, i) => {
        const idNumber = plain[i] ?? null;
        const hash = hashes[i] ?? null;
        const firstOfHash = hash === null ? undefined : rowOfHash.get(hash);
        if (firstOfHash !== undefined) return fail('idNumber', `与第 ${firstOfHash} 行的身份证号重复`);
        if (hash !== null) rowOfHash.set(hash, row);
        const stored = record.id ? byId.get(record.id) : hash === null ? undefined : byHash.get(hash);
        if (record.id && !stored) return fail('id', '本工委名册中没有这个系统编号的党员（已删除的记录不能导入）');
        if (!stored) return create(record, idNumber);
        const firstOfMember = rowOfMember.get(stored.member.id);
        if (firstOfMember !== undefined) return fail(null, `与第 ${firstOfMember} 行是同一名党员`);
        rowOfMember.set(stored.member.id, row);
        return update(record, idNumber, stored, byHash);
      });
    },

    async write(tx, plans) {
      const set = updatable.map((key) => sql`${sql.identifier(members[key].name)} = excluded.${sql.identifier(members[key].name)}`);
      // Creates and updates in one statement; an update applies only at the version resolved, else the import is stale.
      const written = await rowsOf<{ id: string }>(
        tx.db,
        sql`${insertRows(
          members,
          plans.map((p) => p.row),
        )} on conflict (id) do update set ${sql.join(set, sql`, `)}, version = ${members.version} + 1, updated_at = ${tx.now.toISOString()}::timestamptz
          where ${members.version} = excluded.version returning id`,
      );
      if (written.length !== plans.length) throw new AppError('stale_version', '导入期间有党员信息被他人修改，请重新预览后导入');
      const events = plans
        .filter((p) => p.created)
        .map(({ row }) => ({
          id: newId(),
          committeeId,
          memberId: row.id,
          kind: 'registered' as const,
          occurredOn: today,
          toOrgId: row.orgId,
          toStatus: row.status,
          note: `${memberSheetLayouts.label(layout)}导入`,
        }));
      if (events.length > 0) await tx.db.execute(insertRows(memberEvents, events));
      for (const plan of plans) writtenUnder = commonPath(writtenUnder, plan.orgPath);
    },

    async finish(tx, counts) {
      await audit(tx, {
        action: 'member.import',
        entityType: 'member',
        orgId: writtenUnder?.split('/').filter(Boolean).at(-1) ?? null,
        orgPath: writtenUnder,
        committeeId,
        summary: { layout, rows: counts.rows, created: counts.created, updated: counts.updated, unchanged: counts.unchanged },
      });
    },
  };
}

/** Where the caller may import: the org paths of `members.write`, and the orgs a sheet may name there. */
async function writeScope(ctx: Ctx) {
  const scope = scopeOf(ctx, 'members.write');
  return { scope, orgIndex: await loadOrgIndex(ctx, scope) };
}

/**
 * Imports members from an .xlsx stream: with `commit: false` a preview that writes nothing; with `commit: true` every
 * row in one transaction, or none and a 422 naming the rows and columns at fault.
 */
export async function importMembers(ctx: Ctx, source: Readable, options: { layout: MemberSheetLayout; commit: boolean }): Promise<ImportReport> {
  const { scope, orgIndex } = await writeScope(ctx);
  return withMemberSheet(options.layout, orgIndex, (sheet) => runImport(ctx, source, memberImporter(ctx, sheet, options.layout, scope), options));
}

/** The upload back with an error column and the cells at fault highlighted. */
export async function memberImportErrors(ctx: Ctx, source: Readable, layout: MemberSheetLayout) {
  const { scope, orgIndex } = await writeScope(ctx);
  const body = await withMemberSheet(layout, orgIndex, (sheet) => errorSheet(ctx, source, memberImporter(ctx, sheet, layout, scope)));
  return { filename: `${memberSheetLayouts.label(layout)}导入错误报告.xlsx`, body };
}

/** An empty workbook of the layout: instructions, dropdowns, and the branches the caller may import into. */
export async function memberTemplate(ctx: Ctx, layout: MemberSheetLayout) {
  const { orgIndex } = await writeScope(ctx);
  return withMemberSheet(layout, orgIndex, (sheet) => ({ filename: `${memberSheetLayouts.label(layout)}导入模板.xlsx`, stream: sheetStream(sheet.spec) }));
}

const exportBatch = 5000;
const sortFields = { name: 'namePinyin', joinedOn: 'joinedOn', birthDate: 'birthDate' } as const;

/**
 * The members a list query selects, as a workbook of the layout, read in keyset batches along the list's order.
 * ID and phone numbers are masked where the reader may not see them, as in the list.
 */
export async function exportMembers(ctx: Ctx, query: MemberExportQuery) {
  const { layout, sort, ...filter } = query;
  const where = await membersWhere(ctx, filter);
  const orgIndex = await loadOrgIndex(ctx, scopeOf(ctx, 'members.read'));
  const unmasked = unmaskerOf(ctx);
  const field = sortFields[sort.replace(/^-/, '') as keyof typeof sortFields];
  const column = members[field];
  const before = sort.startsWith('-');
  const filename = `${memberSheetLayouts.label(layout)}（${shanghaiDate(ctx.now)}）.xlsx`;
  return withMemberSheet(layout, orgIndex, (sheet) => {
    async function* batches() {
      let after: { key: string; id: string } | undefined;
      for (;;) {
        const keyset =
          after && (before ? sql`(${column}, ${members.id}) < (${after.key}, ${after.id})` : sql`(${column}, ${members.id}) > (${after.key}, ${after.id})`);
        const rows = await ctx.read
          .select({ member: members, orgName: orgs.name, orgPath: orgs.path, orgKind: orgs.kind })
          .from(members)
          .innerJoin(orgs, eq(orgs.id, members.orgId))
          .where(and(where, sheet.registryOnly ? inRegistry() : undefined, keyset))
          .orderBy(...memberOrder[sort])
          .limit(exportBatch);
        if (rows.length > 0)
          yield rows.map((r) => {
            const org = orgIndex.get(r.member.orgId) ?? {
              id: r.member.orgId,
              path: r.orgPath,
              kind: r.orgKind,
              name: r.orgName,
              namePath: r.orgName,
              dissolved: true,
            };
            return sheet.fromMember(toMember(ctx, r.member, r.orgName, unmasked(r.orgPath)), org);
          });
        const last = rows.at(-1);
        if (!last || rows.length < exportBatch) return;
        after = { key: last.member[field], id: last.member.id };
      }
    }
    return { filename, stream: sheetStream(sheet.spec, batches()) };
  });
}
