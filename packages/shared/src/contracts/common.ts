import { z } from 'zod';

export const limits = {
  name: 100,
  shortText: 200,
  longText: 2000,
  pageSizeMax: 200,
  username: 40,
  passwordMin: 10,
  passwordMax: 128,
} as const;

export const id = z.uuid();

/** A calendar date (YYYY-MM-DD) that exists: 2026-02-30 is refused. */
export const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD 且真实存在' });

export const name = z.string().trim().min(1, '不能为空').max(limits.name, `不能超过 ${limits.name} 个字符`);

export const version = z.number().int().min(1);

export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(20),
});

export function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** Lists over tables of a million rows count matches only up to this many; beyond it the page says "more than". */
export const countCap = 10_000;

/** A page whose total is exact up to `countCap`; `totalCapped` says there are more. */
export function cappedPaged<T extends z.ZodType>(item: T) {
  return paged(item).extend({ totalCapped: z.boolean() });
}

export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problem>;

export const idParams = z.strictObject({ id });
export const ok = z.object({ ok: z.literal(true) });
