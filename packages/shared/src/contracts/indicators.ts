import { z } from 'zod';
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
  })
  .refine(periodInOrder, { message: '结束日期不能早于开始日期', path: ['to'] });

export const indicatorValue = z.object({
  key: z.string(),
  value: z.number(),
  /** The subtree counted; null when it is the caller's whole scope. */
  orgId: id.nullable(),
  from: isoDate,
  to: isoDate,
  groups: z.array(z.object({ key: z.string(), label: z.string(), value: z.number() })).optional(),
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

export const indicatorRecords = paged(z.record(z.string(), z.union([z.string(), z.number(), z.null()])));
