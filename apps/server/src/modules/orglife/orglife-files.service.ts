import type { ReadStream } from 'node:fs';
import { type Attachment, type AttachmentType, attachmentTypes, type MeetingDetail, orglifeLimits } from '@hangbiao/shared/contracts/orglife';
import type { AttachmentKind } from '@hangbiao/shared/glossary';
import { and, eq } from 'drizzle-orm';
import { requireActor, scopeOf } from '../../platform/access';
import { audit } from '../../platform/audit';
import { type Ctx, transact } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { fileStoreFor, sniffType } from '../../platform/files';
import { newId } from '../../platform/ids';
import { requireMeeting, writtenMeeting } from './orglife.service';
import { meetingAttachments } from './orglife.tables';

const accepted = Object.keys(attachmentTypes) as AttachmentType[];
const megabytes = orglifeLimits.attachmentBytes / 1024 / 1024;
const unsupported = () => new AppError('unsupported_media_type', `只能上传 JPEG、PNG 照片或 PDF 扫描件（单个不超过 ${megabytes} MB）`);

/**
 * Stores a photo or scan of the meeting. The declared content type must be one of the accepted ones and the bytes
 * must really be of that type (checked from their first bytes), so a renamed file is refused with 415.
 */
export async function addAttachment(
  ctx: Ctx,
  meetingId: string,
  file: { contentType: string | undefined; body: unknown; name: string; kind: AttachmentKind },
): Promise<Attachment> {
  scopeOf(ctx, 'orglife.write');
  const found = await requireMeeting(ctx, 'orglife.write', meetingId);
  const declared = file.contentType?.split(';')[0]?.trim().toLowerCase();
  if (!Buffer.isBuffer(file.body) || !accepted.includes(declared as AttachmentType)) throw unsupported();
  if (file.body.length === 0) throw new AppError('validation_failed', '文件是空的', [{ path: 'body', message: '文件是空的' }]);
  if (file.body.length > orglifeLimits.attachmentBytes) throw new AppError('payload_too_large', `文件超过 ${megabytes} MB`);
  if (sniffType(file.body) !== declared) throw unsupported();
  const contentType = declared as AttachmentType;
  const stored = await fileStoreFor(ctx.config).put(file.body);
  const id = newId();
  const row = await transact(ctx, async (tx) => {
    const [inserted] = await tx.db
      .insert(meetingAttachments)
      .values({
        id,
        committeeId: found.meeting.committeeId,
        orgId: found.meeting.orgId,
        meetingId,
        kind: file.kind,
        name: file.name,
        contentType,
        size: stored.size,
        sha256: stored.sha256,
        uploadedBy: requireActor(tx).id,
      })
      .returning();
    await audit(tx, {
      action: 'meeting.attachmentAdded',
      entityType: 'meeting',
      entityId: meetingId,
      orgId: found.meeting.orgId,
      orgPath: found.orgPath,
      committeeId: found.meeting.committeeId,
      summary: { attachmentId: id, name: file.name, kind: file.kind, contentType, size: stored.size, sha256: stored.sha256 },
    });
    return inserted;
  });
  if (!row) throw new AppError('internal');
  return { id, kind: row.kind, name: row.name, contentType, size: row.size, sha256: row.sha256, uploadedAt: row.createdAt.toISOString() };
}

/** The file, for those who may read the meeting. */
export async function openAttachment(
  ctx: Ctx,
  meetingId: string,
  attachmentId: string,
): Promise<{ stream: ReadStream; contentType: AttachmentType; filename: string; size: number }> {
  await requireMeeting(ctx, 'orglife.read', meetingId);
  const [row] = await ctx.read
    .select()
    .from(meetingAttachments)
    .where(and(eq(meetingAttachments.id, attachmentId), eq(meetingAttachments.meetingId, meetingId)));
  if (!row) throw new AppError('not_found', '附件不存在');
  const extension = `.${attachmentTypes[row.contentType]}`;
  const filename = row.name.toLowerCase().endsWith(extension) ? row.name : `${row.name}${extension}`;
  return { stream: await fileStoreFor(ctx.config).open(row.sha256), contentType: row.contentType, filename, size: row.size };
}

export async function removeAttachment(ctx: Ctx, meetingId: string, attachmentId: string): Promise<MeetingDetail> {
  scopeOf(ctx, 'orglife.write');
  await transact(ctx, async (tx) => {
    const found = await requireMeeting(tx, 'orglife.write', meetingId);
    const [removed] = await tx.db
      .delete(meetingAttachments)
      .where(and(eq(meetingAttachments.id, attachmentId), eq(meetingAttachments.meetingId, meetingId)))
      .returning();
    if (!removed) throw new AppError('not_found', '附件不存在');
    await audit(tx, {
      action: 'meeting.attachmentRemoved',
      entityType: 'meeting',
      entityId: meetingId,
      orgId: found.meeting.orgId,
      orgPath: found.orgPath,
      committeeId: found.meeting.committeeId,
      summary: { attachmentId, name: removed.name, sha256: removed.sha256 },
    });
  });
  return writtenMeeting(ctx, meetingId);
}
