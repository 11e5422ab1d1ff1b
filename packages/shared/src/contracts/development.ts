import { z } from 'zod';
import {
  conversionOutcomes,
  developmentStages,
  developmentStatuses,
  developmentSteps,
  educations,
  ethnicities,
  genders,
  jobPosts,
  memberCategories,
} from '../glossary';
import { idNumberFacts } from '../id-number';
import { id, isoDate, limits, name, paged, pageQuery, version } from './common';
import { idNumber, phone } from './members';

// ── 发展党员: a person's case from application to conversion (DOMAIN.md §2) ──

export const stepNumber = z.number().int().min(1).max(developmentSteps.keys.length, `步骤编号为 1 至 ${developmentSteps.keys.length}`);

const headcount = z.number().int().min(0).max(10_000);

/**
 * A contact (培养联系人) or sponsor (入党介绍人): a member picked from the registry, whose name and category the
 * server then takes from it, or one named with their category (e.g. a member of another committee).
 */
export const stepPerson = z
  .strictObject({
    memberId: id.optional(),
    name: name.optional(),
    category: z.enum(memberCategories.keys).optional(),
    /** Under 留党察看 discipline and not yet restored to full rights: may not sponsor. */
    underDiscipline: z.boolean().default(false),
  })
  .refine((p) => p.memberId || (p.name && p.category), { path: ['memberId'], message: '请选择党员，或填写姓名和党员类别' });
export type StepPerson = z.infer<typeof stepPerson>;

/** A branch general meeting's vote, counting full members only (probationary members do not vote). */
export const stepVote = z
  .strictObject({
    /** 应到会有表决权的正式党员 */
    entitled: headcount,
    /** 实到会有表决权的正式党员 */
    present: headcount,
    /** Votes include the written opinions absent voters handed in beforehand (细则 第二十一条). */
    yes: headcount,
    no: headcount,
    abstain: headcount,
    /** 书面意见: how many absent voters sent one. */
    written: headcount.default(0),
  })
  .refine((v) => v.present <= v.entitled, { path: ['present'], message: '实到人数不能多于应到人数' });
export type StepVote = z.infer<typeof stepVote>;

/** What a step records besides its date; which fields a step uses is in `rules/development.ts`. */
export const stepData = z.strictObject({
  contacts: z.array(stepPerson).max(5).optional(),
  sponsors: z.array(stepPerson).max(5).optional(),
  /** 政治审查结论: passed or not. */
  reviewPassed: z.boolean().optional(),
  notice: z
    .strictObject({ startOn: isoDate, endOn: isoDate })
    .refine((n) => n.endOn >= n.startOn, { path: ['endOn'], message: '公示结束日期不能早于开始日期' })
    .optional(),
  training: z.strictObject({ days: z.number().min(0).max(366).optional(), hours: z.number().min(0).max(10_000).optional() }).optional(),
  vote: stepVote.optional(),
  outcome: z.enum(conversionOutcomes.keys).optional(),
  extensionMonths: z.number().int().min(1).max(24).optional(),
  /** The upper committee's decision (steps 17 and 24). */
  approved: z.boolean().optional(),
  /** Why an approval took longer than three months. */
  delayReason: z.string().trim().min(1).max(limits.shortText).optional(),
});
export type StepData = z.infer<typeof stepData>;

export const stepDocument = z.strictObject({
  name: z.string().trim().min(1, '不能为空').max(limits.shortText),
  /** Where the paper or file is: an archive number, a file name. */
  ref: z.string().trim().max(limits.shortText).optional(),
});
export type StepDocument = z.infer<typeof stepDocument>;

const documents = z.array(stepDocument).max(50);
const note = z.string().trim().max(limits.longText).optional();

const personFields = z.strictObject({
  name,
  gender: z.enum(genders.keys),
  ethnicity: z.enum(ethnicities.keys),
  idNumber,
  birthDate: isoDate,
  education: z.enum(educations.keys),
  jobPost: z.enum(jobPosts.keys),
  phone: phone.nullable().optional(),
  /** 预计调离本单位日期: a candidate leaving within three months is normally not admitted there. */
  expectedLeaveOn: isoDate.nullable().optional(),
});

/** Birth date and gender must agree with the ID number, as on a member record. */
function refinePerson(value: { idNumber: string; birthDate: string; gender: z.infer<typeof personFields>['gender'] }, ctx: z.RefinementCtx) {
  const facts = idNumberFacts(value.idNumber);
  if (facts && facts.birthDate !== value.birthDate)
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: `出生日期与身份证号不一致（身份证号为 ${facts.birthDate}）` });
  if (facts && facts.gender !== value.gender) ctx.addIssue({ code: 'custom', path: ['gender'], message: '性别与身份证号不一致' });
}

/** 登记入党申请: opens a case with step 1, the application, on `appliedOn`. */
export const caseCreate = personFields.extend({ orgId: id, appliedOn: isoDate, documents: documents.default([]), note }).superRefine(refinePerson);
export type CaseCreate = z.infer<typeof caseCreate>;

export const caseUpdate = personFields.extend({ version }).superRefine(refinePerson);
export type CaseUpdate = z.infer<typeof caseUpdate>;

export const stepInput = z.strictObject({
  version,
  step: stepNumber,
  doneOn: isoDate,
  /** The org that did it; by default the case's branch, or for the upper committee's steps the nearest unit committee above. */
  orgId: id.optional(),
  documents: documents.default([]),
  note,
  data: stepData.default({}),
});
export type StepInput = z.infer<typeof stepInput>;

export const caseStop = z.strictObject({
  version,
  stoppedOn: isoDate,
  reason: z.string().trim().min(1, '请填写终止原因').max(limits.shortText),
});
export type CaseStop = z.infer<typeof caseStop>;

/** Takes back the last recorded step (entered by mistake, or with a wrong date), to record it again. */
export const stepWithdrawal = z.strictObject({
  version,
  reason: z.string().trim().min(1, '请填写撤销原因').max(limits.shortText),
});
export type StepWithdrawal = z.infer<typeof stepWithdrawal>;

export const developmentFinding = z.object({
  rule: z.string(),
  severity: z.enum(['block', 'warn']),
  message: z.string(),
  source: z.string(),
  field: z.string().optional(),
});

export const developmentCase = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  name: z.string(),
  gender: z.enum(genders.keys),
  ethnicity: z.enum(ethnicities.keys),
  /** Masked unless the caller may see ID numbers. */
  idNumber: z.string(),
  birthDate: isoDate,
  education: z.enum(educations.keys),
  jobPost: z.enum(jobPosts.keys),
  phone: z.string().nullable(),
  appliedOn: isoDate,
  stage: z.enum(developmentStages.keys),
  status: z.enum(developmentStatuses.keys),
  /** The member record made on admission. */
  memberId: id.nullable(),
  probationEndsOn: isoDate.nullable(),
  expectedLeaveOn: isoDate.nullable(),
  /** The nearest deadline and its step; overdue once it has passed. */
  nextDueOn: isoDate.nullable(),
  nextDueStep: stepNumber.nullable(),
  overdue: z.boolean(),
  closedOn: isoDate.nullable(),
  closeReason: z.string().nullable(),
  unmasked: z.boolean(),
  version,
});
export type DevelopmentCase = z.infer<typeof developmentCase>;

export const stepRecordOut = z.object({
  id,
  step: stepNumber,
  doneOn: isoDate,
  orgId: id,
  orgName: z.string(),
  documents: z.array(stepDocument),
  note: z.string().nullable(),
  data: stepData,
});
export type StepRecordOut = z.infer<typeof stepRecordOut>;

export const stepStatuses = ['done', 'due', 'overdue', 'waiting', 'notYet'] as const;

export const caseStep = z.object({
  step: stepNumber,
  key: z.enum(developmentSteps.keys),
  phase: z.enum(developmentStages.keys),
  status: z.enum(stepStatuses),
  dueOn: isoDate.nullable(),
  earliestOn: isoDate.nullable(),
  /** The rule behind the due or earliest date. */
  source: z.string().nullable(),
  records: z.array(stepRecordOut),
});
export type CaseStep = z.infer<typeof caseStep>;

export const caseDetail = developmentCase.extend({ steps: z.array(caseStep) });
export type CaseDetail = z.infer<typeof caseDetail>;

/** A recorded step: the case as it now stands and the warnings the rules gave (refusals are 422 instead). */
export const stepResult = z.object({ case: caseDetail, warnings: z.array(developmentFinding) });
export type StepResult = z.infer<typeof stepResult>;

export const caseSorts = ['nextDueOn', '-nextDueOn', 'appliedOn', '-appliedOn', 'name', '-name'] as const;
export const caseListQuery = pageQuery.extend({
  /** Name, full pinyin or pinyin initials, matched from the start. */
  q: z.string().trim().max(limits.name).optional(),
  under: id.optional(),
  stage: z.enum(developmentStages.keys).optional(),
  status: z.enum(developmentStatuses.keys).optional(),
  overdue: z.stringbool().default(false),
  sort: z.enum(caseSorts).default('nextDueOn'),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;
export const casePage = paged(developmentCase);

export const boardQuery = z.strictObject({ under: id.optional() });

export const boardCard = developmentCase.pick({
  id: true,
  name: true,
  orgName: true,
  stage: true,
  status: true,
  appliedOn: true,
  nextDueOn: true,
  nextDueStep: true,
  overdue: true,
});
export type BoardCard = z.infer<typeof boardCard>;

/** 发展党员看板: cases in progress per stage (converted ones under `full`), with the most urgent cards and the overdue ones. */
export const developmentBoard = z.object({
  stages: z.array(z.object({ stage: z.enum(developmentStages.keys), count: z.number().int(), overdue: z.number().int(), cards: z.array(boardCard) })),
  overdue: z.array(boardCard),
});
export type DevelopmentBoard = z.infer<typeof developmentBoard>;

/** How many cards a board column shows; the list page has the rest. */
export const boardCardLimit = 12;
