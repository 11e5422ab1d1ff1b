import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { orglifeLimits } from '@hangbiao/shared/contracts/orglife';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Session, type TestContext } from '../../../test/harness';
import { branchWithMembers, fromNow, type PlannedMeeting, plan } from './orglife.fixtures';

let t: TestContext;
let admin: Session;
let meeting: PlannedMeeting;

beforeAll(async () => {
  t = await createTestContext();
  const b = await branchWithMembers(t, 1);
  admin = b.admin;
  meeting = await plan(admin, { orgId: b.branch.id, kind: 'themeDay', startsAt: fromNow(-30) });
});
afterAll(() => t.close());

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('a tiny png body')]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const upload = (session: Session, id: string, body: Buffer, type: string, name = '会议照片.png') =>
  session.request('POST', `/api/meetings/${id}/attachments?name=${encodeURIComponent(name)}&kind=photo`, body, { 'content-type': type });

describe('meeting attachments', () => {
  it('stores a photo once under its sha256 and serves it back to readers of the meeting only', async () => {
    const res = await upload(admin, meeting.id, png, 'image/png');
    expect(res.statusCode, res.body).toBe(200);
    const stored = res.json();
    expect(stored).toMatchObject({ contentType: 'image/png', size: png.length, name: '会议照片.png', kind: 'photo' });
    const path = join(t.app.config.DATA_DIR, 'files', stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
    expect(existsSync(path)).toBe(true);
    const again = await upload(admin, meeting.id, png, 'image/png', '同一张.png');
    expect(again.json().sha256).toBe(stored.sha256);

    const served = await admin.get(`/api/meetings/${meeting.id}/attachments/${stored.id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);
    const outsider = (await branchWithMembers(t, 0)).admin;
    expect((await outsider.get(`/api/meetings/${meeting.id}/attachments/${stored.id}`)).statusCode).toBe(403);
    const log = (await admin.get(`/api/audit?entityId=${meeting.id}`)).json();
    expect(log.items[0]).toMatchObject({ action: 'meeting.attachmentAdded' });
  });

  it('accepts a PDF scan and refuses other types, or bytes that are not what they claim, with 415', async () => {
    expect((await upload(admin, meeting.id, pdf, 'application/pdf', '签到表.pdf')).statusCode).toBe(200);
    const text = await upload(admin, meeting.id, Buffer.from('hello'), 'text/plain', 'a.txt');
    expect(text.statusCode).toBe(415);
    expect(text.headers['content-type']).toContain('application/problem+json');
    expect(text.json()).toMatchObject({ code: 'unsupported_media_type' });
    expect((await upload(admin, meeting.id, pdf, 'image/png')).statusCode).toBe(415);
    const before = (await admin.get(`/api/meetings/${meeting.id}`)).json().attachments.length;
    expect(before).toBe(3);
  });

  it('refuses a file over the size limit with 413', async () => {
    const big = Buffer.alloc(orglifeLimits.attachmentBytes + 1, 0);
    png.copy(big);
    const res = await upload(admin, meeting.id, big, 'image/png');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'payload_too_large' });
  });

  it('deletes an attachment and audits it', async () => {
    const added = (await upload(admin, meeting.id, png, 'image/png', '删除.png')).json();
    const res = await admin.del(`/api/meetings/${meeting.id}/attachments/${added.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attachments.map((a: { id: string }) => a.id)).not.toContain(added.id);
    expect((await admin.get(`/api/meetings/${meeting.id}/attachments/${added.id}`)).statusCode).toBe(404);
  });
});
