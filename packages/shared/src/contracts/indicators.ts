import { z } from 'zod';
import { developmentStages, developmentStatuses, meetingKinds, transferKinds, transferStates } from '../glossary';
import { id, isoDate, paged, pageQuery } from './common';

type RecordFilter = { from?: string; to?: string; dimension?: string; group?: string };
const periodInOrder = (q: RecordFilter) => !q.from || !q.to || q.from <= q.to;
const groupWithDimension = (q: RecordFilter) => (q.dimension === undefined) === (q.group === undefined);

export const aggregations = ['count', 'distinctCount', 'sum', 'rate', 'personTimes'] as const;

/** One figure's definition, as the catalog page shows it. */
export const indicatorDefinition = z.object({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  definition: z.string(),
  aggregation: z.enum(aggregations),
  /** What the figure can be cut by (besides org subtree and period, which every indicator takes). */
  dimensions: z.array(z.object({ key: z.string(), name: z.string() })),
  /** For a rate: what its numerator and denominator count (实到人次 / 应到人次). */
  rateOf: z.object({ numerator: z.string(), denominator: z.string() }).optional(),
  /** The columns of the records behind the figure. */
  columns: z.array(z.object({ key: z.string(), title: z.string() })),
});
export type IndicatorDefinition = z.infer<typeof indicatorDefinition>;
export const indicatorCatalog = z.array(indicatorDefinition);

export const indicatorParams = z.strictObject({ key: z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/, '指标编码格式不正确') });

/** Over which org subtree and which period (inclusive Asia/Shanghai dates); defaults: the caller's scope, this year. */
export const indicatorQuery = z
  .strictObject({
    orgId: id.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    groupBy: z.string().max(40).optional(),
    /** A second dimension: each group is cut again by it (units × months for a heatmap). */
    thenBy: z.string().max(40).optional(),
  })
  .refine(periodInOrder, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine((q) => !q.thenBy || q.groupBy, { message: '须先给出第一个分组维度', path: ['thenBy'] });

/**
 * A figure over a set of records: `records` is how many there are; for a rate, `numerator` and `denominator` are the
 * sums it divides (the value is their ratio in per cent), so figures of groups add up through them.
 */
const figure = {
  value: z.number(),
  records: z.number().int(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
};
const groupFigure = z.object({ key: z.string(), label: z.string(), ...figure });
export const indicatorGroup = groupFigure.extend({ groups: z.array(groupFigure).optional() });
export type IndicatorGroup = z.infer<typeof indicatorGroup>;

export const indicatorValue = z.object({
  key: z.string(),
  ...figure,
  /** The subtree counted; null when it is the caller's whole scope. */
  orgId: id.nullable(),
  from: isoDate,
  to: isoDate,
  /** The day stock figures are taken on: the period's end, or today while the period runs. */
  asOf: isoDate,
  groups: z.array(indicatorGroup).optional(),
});
export type IndicatorValue = z.infer<typeof indicatorValue>;

const recordFilter = {
  orgId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Only the records of one group: a dimension and one of its values. */
  dimension: z.string().max(40).optional(),
  group: z.string().max(100).optional(),
};

export const indicatorRecordsQuery = pageQuery
  .extend(recordFilter)
  .refine(periodInOrder, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine(groupWithDimension, { message: '维度与分组须同时给出', path: ['group'] });

/** The same records as the list, all of them, as an Excel file. */
export const indicatorExportQuery = z
  .strictObject(recordFilter)
  .refine(periodInOrder, { message: '结束日期不能早于开始日期', path: ['to'] })
  .refine(groupWithDimension, { message: '维度与分组须同时给出', path: ['group'] });

/** A page of the records, with the figure over all the records listed (every page, the group only when one is given). */
export const indicatorRecords = paged(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).extend(figure);

// ── A member's own figures (我的数据) ────────────────────────────────

export const myFiguresQuery = z.strictObject({ year: z.coerce.number().int().min(1921, '年份不正确').max(2100, '年份不正确').optional() });

const meetingTally = z.object({ expected: z.number().int(), present: z.number().int(), leave: z.number().int(), absent: z.number().int() });

/** The signed-in member's own records of one year, read from the same records the committee's figures count. */
export const myFigures = z.object({
  memberId: id,
  name: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  from: isoDate,
  to: isoDate,
  /** Held meetings of the year the member was expected at, and how they attended; the rate in per cent, null when none. */
  meetings: meetingTally.extend({ rate: z.number().nullable(), byKind: z.array(meetingTally.extend({ kind: z.enum(meetingKinds.keys) })) }),
  /** The year's months due so far, as the dues figures reckon them. */
  dues: z.object({
    dueMonths: z.number().int(),
    paidMonths: z.number().int(),
    expectedFen: z.number().int(),
    paidFen: z.number().int(),
    arrearsFen: z.number().int(),
    specialDuesFen: z.number().int(),
  }),
  transfers: z.array(
    z.object({
      id,
      kind: z.enum(transferKinds.keys),
      state: z.enum(transferStates.keys),
      fromName: z.string().nullable(),
      toName: z.string().nullable(),
      issuedOn: isoDate,
      deadline: isoDate,
      endedOn: isoDate.nullable(),
    }),
  ),
  /** The case that brought the member into the Party, when it was recorded here. */
  development: z
    .object({
      appliedOn: isoDate,
      stage: z.enum(developmentStages.keys),
      status: z.enum(developmentStatuses.keys),
      steps: z.array(z.object({ step: z.number().int(), name: z.string(), doneOn: isoDate })),
    })
    .nullable(),
});
export type MyFigures = z.infer<typeof myFigures>;
