import { z } from 'zod';
import { noticeKinds, webhookDeliveryStates, webhookFormats } from '../glossary';
import { id, name, paged, pageQuery, version } from './common';

export const noticeSeverities = ['info', 'warning', 'danger'] as const;

/** One inbox item: created once for its subject, updated while the subject changes, resolved when it is settled. */
export const notice = z.object({
  id,
  kind: z.enum(noticeKinds.keys),
  severity: z.enum(noticeSeverities),
  title: z.string(),
  body: z.string(),
  /** Where in the app the item is handled, e.g. the org's compliance page. */
  link: z.string().nullable(),
  orgId: id.nullable(),
  readAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Notice = z.infer<typeof notice>;

/** `open`: not yet resolved (the default); `unread`: open and unread; `all`: resolved ones too. */
export const noticeListQuery = pageQuery.extend({ state: z.enum(['open', 'unread', 'all']).default('open') });
export const noticePage = paged(notice);

export const noticeSummary = z.object({ unread: z.number().int(), open: z.number().int() });

/** Marks the caller's own items read: the ones listed, or all of them. Ids of other people's items are ignored. */
export const noticeRead = z
  .strictObject({ ids: z.array(id).min(1).max(200).optional(), all: z.literal(true).optional() })
  .refine((b) => (b.ids === undefined) !== (b.all === undefined), { message: '请给出要标记的提醒，或标记全部', path: ['ids'] });
export type NoticeRead = z.infer<typeof noticeRead>;

export const noticeReadResult = z.object({ marked: z.number().int() });

// ── Outbound webhooks to enterprise chat tools ─────────────────────────────────────────────

const webhookUrl = z
  .string()
  .trim()
  .max(1000, '地址过长')
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), '请填写 http:// 或 https:// 开头的完整地址');

export const webhookInput = z.strictObject({
  /** The subtree whose reminders the robot receives: the committee's root for all of them. */
  orgId: id,
  name,
  /** The robot's address; it carries the robot's key, so it is stored sealed and shown masked. */
  url: webhookUrl,
  format: z.enum(webhookFormats.keys),
  active: z.boolean().default(true),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export const webhookUpdate = z.strictObject({
  version,
  name: name.optional(),
  /** Left out to keep the stored address. */
  url: webhookUrl.optional(),
  format: z.enum(webhookFormats.keys).optional(),
  active: z.boolean().optional(),
});
export type WebhookUpdate = z.infer<typeof webhookUpdate>;

export const webhook = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  name: z.string(),
  /** Scheme, host and path only; the query (where robots keep their key) is hidden. */
  urlMasked: z.string(),
  format: z.enum(webhookFormats.keys),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Webhook = z.infer<typeof webhook>;
export const webhookList = z.array(webhook);

export const webhookDelivery = z.object({
  id,
  webhookId: id,
  state: z.enum(webhookDeliveryStates.keys),
  text: z.string(),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;
export const webhookDeliveryPage = paged(webhookDelivery);
