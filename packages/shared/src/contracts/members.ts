import { z } from 'zod';
import { educations, ethnicities, exitKinds, genders, jobPosts, type MemberStatus, memberCategories, memberEventKinds, memberStatuses } from '../glossary';
import { idNumberFacts, idNumberProblem, normalizeIdNumber } from '../id-number';
import { cappedPaged, id, isoDate, limits, name, pageQuery, version } from './common';

// ── Member record: the 16 items of the national collection form plus registry status ──
export const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确');

export const idNumber = z
  .string()
  .transform(normalizeIdNumber)
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const memberFields = z.strictObject({
  orgId: id,
  name,
  gender: z.enum(genders.keys),
  ethnicity: z.enum(ethnicities.keys),
  idNumber,
  birthDate: isoDate,
  education: z.enum(educations.keys),
  category: z.enum(memberCategories.keys),
  /** 加入党组织日期: the branch general meeting's approval date. */
  joinedOn: isoDate,
  /** 转为正式党员日期; required for full members, absent for probationary ones. */
  fullOn: isoDate.nullable().optional(),
  jobPost: z.enum(jobPosts.keys),
  rank: z.string().trim().max(50).nullable().optional(),
  phone: phone.nullable().optional(),
  address: z.string().trim().max(limits.shortText).nullable().optional(),
});
export type MemberFields = z.infer<typeof memberFields>;

/** The cross-field rules of a member record, shared by the form, the API and the import; paths name the field at fault. */
export function memberRecordIssues(
  m: Pick<MemberFields, 'idNumber' | 'birthDate' | 'gender' | 'joinedOn' | 'fullOn'> & { category?: MemberFields['category'] },
) {
  const issues: { path: keyof MemberFields; message: string }[] = [];
  const facts = idNumberFacts(m.idNumber);
  if (facts && facts.birthDate !== m.birthDate) issues.push({ path: 'birthDate', message: `出生日期与身份证号不一致（身份证号为 ${facts.birthDate}）` });
  if (facts && facts.gender !== m.gender) issues.push({ path: 'gender', message: '性别与身份证号不一致' });
  if (m.joinedOn <= m.birthDate) issues.push({ path: 'joinedOn', message: '入党日期应晚于出生日期' });
  if (m.category === 'full' && !m.fullOn) issues.push({ path: 'fullOn', message: '正式党员须填写转正日期' });
  if (m.category === 'probationary' && m.fullOn) issues.push({ path: 'fullOn', message: '预备党员不应填写转正日期' });
  if (m.fullOn && m.fullOn <= m.joinedOn) issues.push({ path: 'fullOn', message: '转正日期应晚于入党日期' });
  return issues;
}

function refineRecord<T extends Parameters<typeof memberRecordIssues>[0]>(value: T, ctx: z.RefinementCtx) {
  for (const issue of memberRecordIssues(value)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
}

export const memberInput = memberFields.superRefine(refineRecord);
export type MemberInput = z.infer<typeof memberInput>;

/**
 * An edit sends the whole record with the version it was read at. Org and category change only through
 * transfers and conversion, so the service checks the category rules against the stored category.
 */
export const memberUpdate = memberFields.omit({ orgId: true, category: true }).extend({ version }).superRefine(refineRecord);
export type MemberUpdate = z.infer<typeof memberUpdate>;

/**
 * The status changes a registry edit may make (党员教育管理工作条例 ch. 5; 党章 art. 9): lost contact leads to suspension,
 * suspension to removal or back; leaving and death are final. `transferredOut` is set and cleared only by transfers.
 */
export const memberStatusChanges: Record<MemberStatus, readonly MemberStatus[]> = {
  active: ['mobile', 'lostContact', 'suspended', 'left', 'deceased'],
  mobile: ['active', 'lostContact', 'suspended', 'left', 'deceased'],
  lostContact: ['active', 'mobile', 'suspended', 'left', 'deceased'],
  suspended: ['active', 'left', 'deceased'],
  transferredOut: [],
  left: [],
  deceased: [],
};

/** Status changes that are not transfers: mobile, lost contact, suspended, left, deceased, and back to active. */
export const memberStatusChange = z
  .strictObject({
    version,
    status: z.enum(memberStatuses.keys).exclude(['transferredOut']),
    occurredOn: isoDate,
    exitKind: z.enum(exitKinds.keys).optional(),
    mobileDestination: z.string().trim().max(limits.shortText).optional(),
    note: z.string().trim().max(limits.shortText).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'left' && !v.exitKind) ctx.addIssue({ code: 'custom', path: ['exitKind'], message: '出党须注明方式' });
    if (v.status !== 'left' && v.exitKind) ctx.addIssue({ code: 'custom', path: ['exitKind'], message: '仅出党时填写出党方式' });
    if (v.status === 'mobile' && !v.mobileDestination) ctx.addIssue({ code: 'custom', path: ['mobileDestination'], message: '流动党员须填写外出地点' });
  });
export type MemberStatusChange = z.infer<typeof memberStatusChange>;

export const member = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  name: z.string(),
  gender: z.enum(genders.keys),
  ethnicity: z.enum(ethnicities.keys),
  /** Masked (230102********1234) unless the caller may see ID numbers. */
  idNumber: z.string(),
  birthDate: isoDate,
  education: z.enum(educations.keys),
  category: z.enum(memberCategories.keys),
  joinedOn: isoDate,
  fullOn: isoDate.nullable(),
  jobPost: z.enum(jobPosts.keys),
  rank: z.string().nullable(),
  /** Masked (138****1234) unless the caller may see phone numbers. */
  phone: z.string().nullable(),
  address: z.string().nullable(),
  status: z.enum(memberStatuses.keys),
  statusSince: isoDate,
  exitKind: z.enum(exitKinds.keys).nullable(),
  mobileDestination: z.string().nullable(),
  /** Whether the sensitive fields above are shown in full. */
  unmasked: z.boolean(),
  version,
});
export type Member = z.infer<typeof member>;

export const memberEvent = z.object({
  id,
  kind: z.enum(memberEventKinds.keys),
  occurredOn: isoDate,
  fromOrgName: z.string().nullable(),
  toOrgName: z.string().nullable(),
  fromStatus: z.enum(memberStatuses.keys).nullable(),
  toStatus: z.enum(memberStatuses.keys).nullable(),
  note: z.string().nullable(),
});
export type MemberEvent = z.infer<typeof memberEvent>;
export const memberEventList = z.array(memberEvent);

export const memberSorts = ['name', '-name', 'joinedOn', '-joinedOn', 'birthDate', '-birthDate'] as const;
export const memberListQuery = pageQuery.extend({
  /** Name, full pinyin or pinyin initials: 张三, zhangsan, zs. */
  q: z.string().trim().max(limits.name).optional(),
  /** The org whose subtree is listed; without it, everything in the caller's scope. */
  under: id.optional(),
  category: z.enum(memberCategories.keys).optional(),
  status: z.enum(memberStatuses.keys).optional(),
  education: z.enum(educations.keys).optional(),
  gender: z.enum(genders.keys).optional(),
  /** Without a status filter only members in the registry are listed; this adds those transferred out, left or deceased. */
  includeFormer: z.stringbool().default(false),
  sort: z.enum(memberSorts).default('name'),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;
/** A row of the member list: what the list and the member pickers show, no more; an address is never sent in a list. */
export const memberListItem = member.pick({
  id: true,
  orgId: true,
  orgName: true,
  name: true,
  gender: true,
  idNumber: true,
  birthDate: true,
  education: true,
  category: true,
  joinedOn: true,
  phone: true,
  status: true,
  unmasked: true,
});
export type MemberListItem = z.infer<typeof memberListItem>;
export const memberPage = cappedPaged(memberListItem);
