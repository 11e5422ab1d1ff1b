import type { pageQuery } from '@hangbiao/shared/contracts/common';
import type { Webhook, WebhookDelivery, WebhookInput, WebhookUpdate } from '@hangbiao/shared/contracts/notices';
import type { WebhookFormat } from '@hangbiao/shared/glossary';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { rowsOf } from '../../db/client';
import { pathInScope, requireOrg, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pageOf, updateVersioned } from '../../platform/rows';
import { sealerFor } from '../../platform/secrets';
import { orgs } from '../orgs/orgs.tables';
import { noticeWebhooks, webhookDeliveries } from './notices.tables';

/** Waits before the 2nd, 3rd, 4th and 5th attempt; after the 5th failure a delivery is given up as failed. */
export const retryDelaysMs = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const;
const timeoutMs = 10_000;
/** A claimed delivery is not taken again for this long, even if the process dies mid-request. */
const claimMs = 2 * 60_000;
const batchSize = 20;

type WebhookRow = typeof noticeWebhooks.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Scheme, host and path: robots keep their key in the query (WeCom, DingTalk) or the last path segment (Feishu). */
export function maskUrl(url: string): string {
  const parsed = new URL(url);
  const segments = parsed.pathname.split('/');
  const last = segments.pop() ?? '';
  const path = [...segments, last.length > 8 ? `${last.slice(0, 4)}…` : last].join('/');
  return `${parsed.origin}${path}${parsed.search ? '?…' : ''}`;
}

function toWebhook(row: WebhookRow, orgName: string): Webhook {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName,
    name: row.name,
    urlMasked: row.urlMasked,
    format: row.format,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    state: row.state,
    text: row.text,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listWebhooks(ctx: Ctx): Promise<Webhook[]> {
  const paths = scopeOf(ctx, 'notices.manage');
  const rows = await ctx.read
    .select({ webhook: noticeWebhooks, orgName: orgs.name })
    .from(noticeWebhooks)
    .innerJoin(orgs, eq(orgs.id, noticeWebhooks.orgId))
    .where(pathInScope(paths, orgs.path))
    .orderBy(asc(orgs.path), asc(noticeWebhooks.name));
  return rows.map((r) => toWebhook(r.webhook, r.orgName));
}

/** A webhook the actor may manage: its org must be in their scope (403 otherwise, as for a missing one). */
async function findWebhook(ctx: Ctx, id: string) {
  scopeOf(ctx, 'notices.manage');
  const [row] = await ctx.db.select().from(noticeWebhooks).where(eq(noticeWebhooks.id, id));
  if (!row) throw new AppError('not_found', '推送地址不存在');
  const org = await requireOrg(ctx, 'notices.manage', row.orgId);
  return { row, org };
}

export async function createWebhook(ctx: Ctx, input: WebhookInput): Promise<Webhook> {
  return transact(ctx, async (tx) => {
    const org = await requireOrg(tx, 'notices.manage', input.orgId);
    const urlMasked = maskUrl(input.url);
    const [row] = await tx.db
      .insert(noticeWebhooks)
      .values({
        id: newId(),
        committeeId: org.committeeId,
        orgId: org.id,
        name: input.name,
        urlSealed: sealerFor(tx.config).seal(input.url),
        urlMasked,
        format: input.format,
        active: input.active,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await audit(tx, {
      action: 'notices.webhookCreated',
      entityType: 'webhook',
      entityId: row.id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { after: { name: input.name, url: urlMasked, format: input.format, active: input.active } },
    });
    return toWebhook(row, org.name);
  });
}

export async function updateWebhook(ctx: Ctx, id: string, input: WebhookUpdate): Promise<Webhook> {
  return transact(ctx, async (tx) => {
    const { row: before, org } = await findWebhook(tx, id);
    const { version, url, ...values } = input;
    const changes = { ...values, ...(url ? { urlSealed: sealerFor(tx.config).seal(url), urlMasked: maskUrl(url) } : {}) };
    const row = await updateVersioned(tx, noticeWebhooks, id, version, changes);
    await audit(tx, {
      action: 'notices.webhookUpdated',
      entityType: 'webhook',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: {
        before: { name: before.name, url: before.urlMasked, format: before.format, active: before.active },
        after: { ...values, ...(url ? { url: maskUrl(url) } : {}) },
      },
    });
    return toWebhook(row, org.name);
  });
}

export async function deleteWebhook(ctx: Ctx, id: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const { row, org } = await findWebhook(tx, id);
    await tx.db.delete(noticeWebhooks).where(eq(noticeWebhooks.id, id));
    await audit(tx, {
      action: 'notices.webhookDeleted',
      entityType: 'webhook',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      committeeId: org.committeeId,
      summary: { before: { name: row.name, url: row.urlMasked, format: row.format, active: row.active } },
    });
  });
}

export async function listDeliveries(ctx: Ctx, id: string, query: z.infer<typeof pageQuery>) {
  await findWebhook(ctx, id);
  const where = eq(webhookDeliveries.webhookId, id);
  const [rows, [total]] = await Promise.all([
    ctx.read
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.read.select({ n: sql<number>`count(*)::int` }).from(webhookDeliveries).where(where),
  ]);
  return pageOf(rows.map(toDelivery), total?.n ?? 0, query);
}

/**
 * Queues a message for a webhook; the delivery job sends it. With a subject it is queued once only: returns
 * whether it was queued now.
 */
export async function enqueue(ctx: Ctx, webhook: { id: string; committeeId: string }, text: string, subject: string | null = null): Promise<boolean> {
  const rows = await ctx.db
    .insert(webhookDeliveries)
    .values({ id: newId(), committeeId: webhook.committeeId, webhookId: webhook.id, text, subject, nextAttemptAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

/** A test message, sent at once; the answer is the delivery with the outcome of that first attempt. */
export async function testWebhook(ctx: Ctx, id: string): Promise<WebhookDelivery> {
  const { row } = await findWebhook(ctx, id);
  const [delivery] = await ctx.db
    .insert(webhookDeliveries)
    .values({
      id: newId(),
      committeeId: row.committeeId,
      webhookId: row.id,
      text: `【航标】测试消息：「${row.name}」已能接收组织生活与换届提醒。`,
      // Sent right here; the delivery job leaves it alone meanwhile and retries it if this attempt fails.
      nextAttemptAt: new Date(ctx.now.getTime() + claimMs),
    })
    .returning();
  if (!delivery) throw new AppError('internal');
  return toDelivery(await attempt(ctx, delivery, row));
}

function payloadOf(format: WebhookFormat, text: string) {
  return format === 'feishu' ? { msg_type: 'text', content: { text } } : { msgtype: 'text', text: { content: text } };
}

/** POSTs the message; a robot answering 2xx may still refuse it in its body (errcode / code ≠ 0). */
async function post(url: string, format: WebhookFormat, text: string): Promise<{ status: number | null; error: string | null }> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payloadOf(format, text)),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    if (!response.ok) return { status: response.status, error: `HTTP ${response.status}：${body.slice(0, 200)}` };
    let answer: { errcode?: number; errmsg?: string; code?: number; msg?: string } = {};
    try {
      answer = JSON.parse(body) as typeof answer;
    } catch {
      // A receiver that answers 2xx without JSON has taken the message.
    }
    const code = answer.errcode ?? answer.code ?? 0;
    return code === 0
      ? { status: response.status, error: null }
      : { status: response.status, error: `机器人拒收（${code}）：${answer.errmsg ?? answer.msg ?? ''}` };
  } catch (error) {
    return { status: null, error: error instanceof Error ? `${error.name}：${error.message}` : String(error) };
  }
}

async function attempt(ctx: Ctx, delivery: DeliveryRow, webhook: WebhookRow | undefined): Promise<DeliveryRow> {
  const attempts = delivery.attempts + 1;
  const result = webhook?.active
    ? await post(sealerFor(ctx.config).open(webhook.urlSealed), webhook.format, delivery.text)
    : { status: null, error: '推送地址已停用' };
  const delay = retryDelaysMs[attempts - 1];
  const values = result.error
    ? {
        attempts,
        lastStatus: result.status,
        lastError: result.error,
        state: webhook?.active && delay !== undefined ? ('pending' as const) : ('failed' as const),
        nextAttemptAt: webhook?.active && delay !== undefined ? new Date(ctx.now.getTime() + delay) : null,
      }
    : { attempts, lastStatus: result.status, lastError: null, state: 'delivered' as const, nextAttemptAt: null, deliveredAt: ctx.now };
  const [row] = await ctx.db.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, delivery.id)).returning();
  return row ?? delivery;
}

/**
 * Sends the deliveries that are due, oldest first, in small batches. Each batch is claimed by pushing its next
 * attempt a little ahead (`for update skip locked`), so a second node polling at once takes other rows.
 */
export async function deliverWebhooks(ctx: Ctx): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await rowsOf<{ id: string }>(
      ctx.db,
      sql`update webhook_deliveries set next_attempt_at = ${new Date(ctx.now.getTime() + claimMs).toISOString()}
          where id in (select id from webhook_deliveries where state = 'pending' and next_attempt_at <= ${ctx.now.toISOString()}
            order by next_attempt_at, id limit ${batchSize} for update skip locked)
          returning id`,
    );
    if (claimed.length === 0) return sent;
    for (const { id } of claimed) {
      const [row] = await ctx.db
        .select({ delivery: webhookDeliveries, webhook: noticeWebhooks })
        .from(webhookDeliveries)
        .leftJoin(noticeWebhooks, eq(noticeWebhooks.id, webhookDeliveries.webhookId))
        .where(eq(webhookDeliveries.id, id));
      if (!row) continue;
      await attempt(ctx, row.delivery, row.webhook ?? undefined);
      sent += 1;
    }
  }
}
