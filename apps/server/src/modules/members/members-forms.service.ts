import { id, limits } from '@hangbiao/shared/contracts/common';
import type { Member } from '@hangbiao/shared/contracts/members';
import { phone } from '@hangbiao/shared/contracts/members';
import type { orgFormQuery } from '@hangbiao/shared/contracts/members-import';
import { shanghaiDate } from '@hangbiao/shared/dates';
import {
  type Education,
  type Ethnicity,
  educations,
  ethnicities,
  type Gender,
  genders,
  type JobPost,
  jobPosts,
  type MemberCategory,
  type MemberSheetLayout,
  type MemberStatus,
  memberCategories,
  memberFieldLabels,
  memberStatuses,
  type OrgKind,
  type OrgUnitSituation,
  orgKinds,
  orgUnitSituations,
  type RegionLevel,
  regionLevels,
  type UnitType,
  unitTypes,
} from '@hangbiao/shared/glossary';
import { idNumberProblem, normalizeIdNumber } from '@hangbiao/shared/id-number';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { pathInScope, requireActor, requireOrg, scopeOf } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import {
  type Cell,
  type Checked,
  type ColumnDef,
  cellText,
  choiceColumn,
  dateColumn,
  loadOrgIndex,
  type OrgEntry,
  type OrgIndex,
  orgColumn,
  type RowIssue,
  type SheetSpec,
  sheetStream,
  textColumn,
  yesNoColumn,
} from '../../platform/import';

/**
 * The Excel layouts of member records: the registry's own (with the system id, so an edited export updates the same
 * members) and the national collection form's 16 items (中组部 2017 党员基本信息采集表, DOMAIN.md §2); and the
 * national org form (10 items), exported only.
 */

/** A sensitive value as a sheet holds it: in full, or masked as lists and exports show it to those who may not see it. */
export type Sensitive = { plain: string } | { masked: string };

/** What the registry shows for an address the reader may not see (as `toMember` does). */
const hiddenAddress = '（已隐藏）';

/** A member row of either layout, as the import resolves it. */
export interface MemberRecord {
  /** The system id: the row updates that member. Null: the ID number finds the member, or the row is a new one. */
  id: string | null;
  name: string;
  gender: Gender;
  ethnicity: Ethnicity;
  idNumber: Sensitive;
  birthDate: string;
  education: Education;
  category: MemberCategory;
  org: OrgEntry;
  joinedOn: string;
  fullOn: string | null;
  jobPost: JobPost;
  /** Undefined where the layout has no such column: the stored value stays. */
  rank: string | null | undefined;
  phone: Sensitive | null;
  address: Sensitive | null;
  status: MemberStatus;
  /** Null when not given: a new member in good standing starts on the join date, others on the import date. */
  statusSince: string | null;
  mobileDestination: string | null;
}

export interface MemberSheet<R> {
  spec: SheetSpec<R>;
  /** The member record a parsed row stands for, or what keeps it from being one. */
  toRecord(row: R): Checked<MemberRecord>;
  /** A member, as the list shows it to the reader, as a row of this layout. */
  fromMember(member: Member, org: OrgEntry): R;
  /** Whether the layout holds only members in the registry (在册), as the national form does. */
  registryOnly: boolean;
}

const label = (field: Parameters<typeof memberFieldLabels.label>[0]) => memberFieldLabels.label(field);
const maskedIdNumber = /^\d{6}\*{8}[\dX]{3}[\dX]$/;
/** Members are placed in branches and joint branches (支部工作条例 ch. 2). */
export const branchKinds: readonly OrgKind[] = ['branch', 'jointBranch'];

const sensitiveFormat = (value: Sensitive): Cell => ('plain' in value ? value.plain : value.masked);
const sensitiveOf = (shown: string, unmasked: boolean): Sensitive => (unmasked ? { plain: shown } : { masked: shown });

const idNumberColumn: ColumnDef<Sensitive> & { required: true } = {
  title: label('idNumber'),
  help: '18 位公民身份号码，末位可为 X；出生日期、性别须与号码一致。导出文件中带 * 的脱敏号码表示不修改',
  required: true,
  text: true,
  width: 22,
  parse: (cell) => {
    const text = normalizeIdNumber(cellText(cell));
    if (text.includes('*')) return maskedIdNumber.test(text) ? { value: { masked: text } } : { error: '脱敏的身份证号应保持导出时的原样' };
    const problem = idNumberProblem(text);
    if (problem && typeof cell === 'number') return { error: '身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为文本后重新填写' };
    return problem ? { error: problem } : { value: { plain: text } };
  },
  format: sensitiveFormat,
};

const phoneColumn: ColumnDef<Sensitive> & { required: false } = {
  title: label('phone'),
  help: '手机或固定电话。导出文件中带 * 的脱敏号码表示不修改',
  required: false,
  text: true,
  width: 16,
  parse: (cell) => {
    const text = cellText(cell);
    if (text.includes('*')) return { value: { masked: text } };
    const parsed = phone.safeParse(text);
    return parsed.success ? { value: { plain: parsed.data } } : { error: parsed.error.issues[0]?.message ?? '电话号码格式不正确' };
  },
  format: sensitiveFormat,
};

const addressColumn: ColumnDef<Sensitive> & { required: false } = {
  title: label('address'),
  help: `导出文件中显示为“${hiddenAddress}”表示不修改`,
  required: false,
  width: 30,
  parse: (cell) => {
    const text = cellText(cell);
    if (text === hiddenAddress) return { value: { masked: text } };
    return text.length > limits.shortText ? { error: `不能超过 ${limits.shortText} 个字符` } : { value: { plain: text } };
  },
  format: sensitiveFormat,
};

/** The columns both layouts share, in the national form's order. */
function recordColumns(orgs: OrgIndex) {
  return {
    name: textColumn({ title: label('name'), help: '党员姓名', required: true, max: limits.name }),
    gender: choiceColumn({ title: label('gender'), help: '须与身份证号一致', required: true, labels: genders }),
    ethnicity: choiceColumn({ title: label('ethnicity'), help: '按 GB/T 3304 民族名称', required: true, labels: ethnicities }),
    idNumber: idNumberColumn,
    birthDate: dateColumn({ title: label('birthDate'), help: '格式 YYYY-MM-DD，须与身份证号一致', required: true }),
    education: choiceColumn({ title: label('education'), help: '最高学历', required: true, labels: educations }),
    category: choiceColumn({
      title: label('category'),
      help: '正式党员或预备党员；转正须通过预备党员转正办理，导入不修改已有党员的类别',
      required: true,
      labels: memberCategories,
    }),
    org: orgColumn({
      title: label('orgId'),
      help: '党员所在的党支部或联合党支部，须在您的管理范围内。填写名称路径（从单位党组织写起，用“/”分隔，如“某某局机关党委/第一党支部”）；能唯一确定时也可只写末尾部分，或填写组织编号。已有党员的组织关系须通过转接办理，导入不修改',
      required: true,
      index: orgs,
      choices: orgs.choices((org) => branchKinds.includes(org.kind)),
    }),
    joinedOn: dateColumn({ title: label('joinedOn'), help: '支部党员大会通过接收的日期，须晚于出生日期', required: true }),
    fullOn: dateColumn({ title: label('fullOn'), help: '正式党员必填，须晚于入党日期；预备党员不填', required: false }),
    jobPost: choiceColumn({ title: label('jobPost'), help: '工作岗位', required: true, labels: jobPosts }),
  };
}

/** The values of those columns, and of phone and address, from a member as the list shows it to the reader. */
const recordFields = (m: Member, org: OrgEntry) => ({
  name: m.name,
  gender: m.gender,
  ethnicity: m.ethnicity,
  idNumber: sensitiveOf(m.idNumber, m.unmasked),
  birthDate: m.birthDate,
  education: m.education,
  category: m.category,
  org,
  joinedOn: m.joinedOn,
  fullOn: m.fullOn,
  jobPost: m.jobPost,
  phone: m.phone === null ? null : sensitiveOf(m.phone, m.unmasked),
  address: m.address === null ? null : sensitiveOf(m.address, m.unmasked),
});

const commonRules = [
  '出生日期 < 加入党组织日期 < 转为正式党员日期，且都不晚于今天；身份证号须为 18 位且校验码正确，出生日期、性别须与号码一致。',
  '所在党支部须为您管理范围内现有的党支部或联合党支部。',
  '同一身份证号在文件中只能出现一次；已登记在您管理范围以外组织的身份证号不能导入（须通过组织关系转接调入）。',
  '已有党员的所在组织、人员类别和党籍状态不能通过导入修改：请分别办理组织关系转接、预备党员转正和党籍状态变更。',
  '文件中有任何一处错误时不导入任何数据：请下载错误报告，按“错误说明”列修改标红的单元格后重新导入。',
];

// ── The registry's layout ───────────────────────────────────────

/** The record as this layout's columns hold it: rank as written, and status blank when not given. */
interface RegistryRow extends Omit<MemberRecord, 'rank' | 'status'> {
  rank: string | null;
  status: MemberStatus | null;
}

const systemIdColumn: ColumnDef<string> & { required: false } = {
  title: '系统编号',
  help: '导出文件中的原值，用于更新同一名党员；新增党员留空（此时按身份证号查找已登记的党员）',
  required: false,
  width: 38,
  parse: (cell) => {
    const text = cellText(cell).toLowerCase();
    return id.safeParse(text).success ? { value: text } : { error: '系统编号应保持导出时的原样；新增党员请留空' };
  },
  format: (value) => value,
};

function registrySheet(orgs: OrgIndex): MemberSheet<RegistryRow> {
  const { name, gender, ethnicity, idNumber, birthDate, education, category, org, joinedOn, fullOn, jobPost } = recordColumns(orgs);
  return {
    registryOnly: false,
    spec: {
      name: '党员名册',
      heading: '党员名册导入说明',
      columns: {
        id: systemIdColumn,
        name,
        gender,
        ethnicity,
        idNumber,
        birthDate,
        education,
        category,
        org,
        joinedOn,
        fullOn,
        jobPost,
        rank: textColumn({ title: label('rank'), help: '如：一级主任科员', required: false, max: 50 }),
        phone: phoneColumn,
        address: addressColumn,
        status: choiceColumn({
          title: label('status'),
          help: '不填为“正常”；新登记的党员可为正常、流动党员、失联或停止党籍',
          required: false,
          labels: memberStatuses,
        }),
        statusSince: dateColumn({ title: label('statusSince'), help: '当前党籍状态的起始日期；状态为“正常”时可不填（即入党日期）', required: false }),
        mobileDestination: textColumn({ title: label('mobileDestination'), help: '流动党员必填：外出去向', required: false, max: limits.shortText }),
      },
      rules: [
        '系统编号为空的行：身份证号未登记的为新增党员；已登记在您管理范围内的，更新该党员（姓名须一致）。',
        ...commonRules,
        '导出文件可直接修改后导入：带 * 的身份证号、电话和“（已隐藏）”的住址表示保持原值。',
      ],
    },
    toRecord(row) {
      const status = row.status ?? 'active';
      const issues: RowIssue[] = [];
      if ((status === 'mobile') !== Boolean(row.mobileDestination))
        issues.push({ column: 'mobileDestination', message: status === 'mobile' ? '流动党员须填写外出流向' : '仅流动党员填写外出流向' });
      if (status !== 'active' && !row.statusSince)
        issues.push({ column: 'statusSince', message: `党籍状态为“${memberStatuses.label(status)}”时须填写状态日期` });
      return issues.length > 0 ? { issues } : { value: { ...row, status } };
    },
    fromMember: (m, memberOrg) => ({
      ...recordFields(m, memberOrg),
      id: m.id,
      rank: m.rank,
      status: m.status,
      statusSince: m.statusSince,
      mobileDestination: m.mobileDestination,
    }),
  };
}

// ── The national collection form's layout ───────────────────────

interface NationalRow extends Omit<MemberRecord, 'id' | 'rank' | 'status'> {
  /** 党籍状态 of the form: normal or suspended. */
  status: 'active' | 'suspended';
  lostContact: boolean | null;
  /** 失联日期. */
  statusSince: string | null;
  mobile: boolean | null;
}

function nationalSheet(orgs: OrgIndex): MemberSheet<NationalRow> {
  return {
    registryOnly: true,
    spec: {
      name: '党员信息采集表',
      heading: '党员基本信息采集表（全国党员信息采集格式）填写说明',
      columns: {
        ...recordColumns(orgs),
        phone: phoneColumn,
        address: addressColumn,
        status: choiceColumn({ title: label('status'), help: '正常或停止党籍', required: true, labels: memberStatuses, only: ['active', 'suspended'] }),
        lostContact: yesNoColumn({ title: '是否失联党员', help: '不填为“否”', required: false }),
        statusSince: dateColumn({ title: '失联日期', help: '失联党员必填', required: false }),
        mobile: yesNoColumn({ title: '是否流动党员', help: '不填为“否”', required: false }),
        mobileDestination: textColumn({ title: label('mobileDestination'), help: '流动党员必填：外出去向', required: false, max: limits.shortText }),
      },
      rules: ['按身份证号识别党员：已登记在您管理范围内的更新该党员（姓名须一致），未登记的新增。', ...commonRules],
    },
    toRecord(row) {
      const lost = row.lostContact ?? false;
      const mobile = row.mobile ?? false;
      const issues: RowIssue[] = [];
      if (row.status === 'suspended' && (lost || mobile)) issues.push({ column: 'status', message: '停止党籍的党员不再标注失联或流动' });
      if (lost && mobile) issues.push({ column: 'mobile', message: '失联党员与流动党员只能标注其一' });
      if (lost !== Boolean(row.statusSince)) issues.push({ column: 'statusSince', message: lost ? '失联党员须填写失联日期' : '未失联的党员不填写失联日期' });
      if (mobile !== Boolean(row.mobileDestination))
        issues.push({ column: 'mobileDestination', message: mobile ? '流动党员须填写外出流向' : '仅流动党员填写外出流向' });
      if (issues.length > 0) return { issues };
      const { lostContact: _lost, mobile: _mobile, ...fields } = row;
      const status: MemberStatus = row.status === 'suspended' ? 'suspended' : lost ? 'lostContact' : mobile ? 'mobile' : 'active';
      return { value: { ...fields, id: null, rank: undefined, status } };
    },
    fromMember: (m, memberOrg) => ({
      ...recordFields(m, memberOrg),
      status: m.status === 'suspended' ? 'suspended' : 'active',
      lostContact: m.status === 'lostContact',
      statusSince: m.status === 'lostContact' ? m.statusSince : null,
      mobile: m.status === 'mobile',
      mobileDestination: m.status === 'mobile' ? m.mobileDestination : null,
    }),
  };
}

/** Runs `use` with the layout's sheet, whose org column resolves names through `orgs`. */
export function withMemberSheet<T>(layout: MemberSheetLayout, orgs: OrgIndex, use: <R>(sheet: MemberSheet<R>) => T): T {
  return layout === 'national' ? use(nationalSheet(orgs)) : use(registrySheet(orgs));
}

// ── The national org form (党组织信息采集表), exported only ──────────
// Orgs are created in the org tree with their history (establishment, reforms); a sheet of orgs has no place to say
// which reform a changed row means, so importing org items would bypass that history.

interface OrgFormRow {
  parent: string | null;
  name: string;
  secretary: string | null;
  contactName: string | null;
  contactPhone: string | null;
  kind: OrgKind;
  situation: OrgUnitSituation | null;
  unitName: string | null;
  unitType: UnitType | null;
  regionLevel: RegionLevel | null;
  regionName: string | null;
}

const orgText = (title: string, help: string) => textColumn({ title, help, required: false, max: limits.shortText });

const orgFormSpec: SheetSpec<OrgFormRow> = {
  name: '党组织信息采集表',
  heading: '党组织基本信息采集表（全国党员信息采集格式）',
  columns: {
    parent: orgText('上级党组织', '上级党组织的名称路径'),
    name: textColumn({ title: '党组织名称', help: '党组织全称', required: true, max: limits.name }),
    secretary: orgText('党组织书记', '现任书记'),
    contactName: orgText('党组织联系人', '联系人姓名'),
    contactPhone: orgText('联系电话', '联系人电话'),
    kind: choiceColumn({ title: '党组织类别', help: '机关党委、党总支、党支部、联合党支部等', required: true, labels: orgKinds }),
    situation: choiceColumn({ title: '单位情况', help: '党组织所在单位与上级党组织的关系', required: false, labels: orgUnitSituations }),
    unitName: orgText('单位名称', '法人单位单独建立的填单位名称；联合建立的填所覆盖的各单位'),
    unitType: choiceColumn({ title: '单位性质类别', help: '法人单位单独建立时填写', required: false, labels: unitTypes }),
    regionLevel: choiceColumn({ title: '单位隶属层级', help: '法人单位单独建立时填写', required: false, labels: regionLevels }),
    regionName: orgText('单位所在地区', '法人单位单独建立时填写'),
  },
  rules: ['本表由系统按组织树导出，党组织的设立、更名、撤销等请在组织架构中办理，以保留组织沿革。'],
};

interface OrgFormRead {
  id: string;
  path: string;
  name: string;
  kind: OrgKind;
  contact_name: string | null;
  contact_phone: string | null;
  unit_id: string | null;
  parent_id: string | null;
  parent_unit_id: string | null;
  unit_name: string | null;
  unit_type: UnitType | null;
  region_level: RegionLevel | null;
  region_name: string | null;
  secretary: string | null;
  covered_units: string | null;
}

function situationOf(row: OrgFormRead): OrgUnitSituation | null {
  if (row.kind === 'jointBranch' || row.covered_units) return 'joint';
  if (row.unit_id && row.unit_id !== row.parent_unit_id) return 'legalUnit';
  return row.parent_id ? 'sameAsParent' : null;
}

function orgFormRow(row: OrgFormRead, orgs: OrgIndex): OrgFormRow {
  const situation = situationOf(row);
  const own = situation === 'legalUnit';
  return {
    parent: row.parent_id ? (orgs.get(row.parent_id)?.namePath ?? null) : null,
    name: row.name,
    secretary: row.secretary,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    kind: row.kind,
    situation,
    unitName: situation === 'joint' ? row.covered_units : own ? row.unit_name : null,
    unitType: own ? row.unit_type : null,
    regionLevel: own ? row.region_level : null,
    regionName: own ? row.region_name : null,
  };
}

const orgFormBatch = 2000;

/** The national org form over the caller's scope (or one subtree): every live Party organisation, in tree order. */
export async function exportOrgForm(ctx: Ctx, query: z.infer<typeof orgFormQuery>) {
  const paths = scopeOf(ctx, 'orgs.read');
  const scope = query.under ? [(await requireOrg(ctx, 'orgs.read', query.under)).path] : paths;
  const orgs = await loadOrgIndex(ctx, paths);
  const committeeId = requireActor(ctx).committeeId;
  async function* batches() {
    let after = '';
    for (;;) {
      const rows = await rowsOf<OrgFormRead>(
        ctx.read,
        sql`select o.id, o.path, o.name, o.kind, o.contact_name, o.contact_phone, o.unit_id, o.parent_id, p.unit_id as parent_unit_id,
            u.name as unit_name, u.type as unit_type, u.region_level, u.region_name,
            (select s.holder_name from org_posts s where s.org_id = o.id and s.post = 'secretary' and s.ended_on is null
              order by s.term_start desc limit 1) as secretary,
            (select string_agg(cu.name, '、' order by cu.name) from org_units ou join units cu on cu.id = ou.unit_id where ou.org_id = o.id) as covered_units
          from orgs o left join orgs p on p.id = o.parent_id left join units u on u.id = o.unit_id
          where o.committee_id = ${committeeId} and o.deleted_at is null and o.dissolved_on is null and o.kind <> 'group'
            and ${pathInScope(scope, sql`o.path`)} and o.path > ${after}
          order by o.path limit ${orgFormBatch}`,
      );
      if (rows.length > 0) yield rows.map((row) => orgFormRow(row, orgs));
      const last = rows.at(-1);
      if (!last || rows.length < orgFormBatch) return;
      after = last.path;
    }
  }
  return { filename: `党组织信息采集表（${shanghaiDate(ctx.now)}）.xlsx`, stream: sheetStream(orgFormSpec, batches()) };
}
