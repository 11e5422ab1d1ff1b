import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** A JSON call of the signed-in page (its cookie, and the CSRF token for writes): for setting up what the test is not about. */
async function apiCall(page: Page, method: 'GET' | 'PUT', path: string, data?: unknown) {
  const me = (await (await page.request.get(`${baseUrl()}api/auth/me`)).json()) as { csrfToken: string };
  const res = await page.request.fetch(`${baseUrl()}${path.slice(1)}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

describe('organisational life', () => {
  it('an admin plans a meeting for now, a member checks in on a phone through its link, the admin records minutes and a vote', async () => {
    const admin = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await logIn(admin, 'admin');
    await expect.poll(() => admin.getByRole('menuitem', { name: '会议管理' }).count()).toBe(1);
    // The demo member login belongs to a branch; the meeting is that branch's.
    const users = (await apiCall(admin, 'GET', '/api/users?q=member&pageSize=50')) as { items: { username: string; roles: { orgId: string }[] }[] };
    const branchId = users.items.find((u) => u.username === 'member')?.roles[0]?.orgId;
    expect(branchId).toBeTruthy();

    await admin.goto(`${baseUrl()}orglife/meetings?under=${branchId}`);
    await admin.getByTestId('meeting-plan').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('会议类型').click();
    await admin.locator('.ant-select-item-option').getByText('支部党员大会', { exact: true }).click();
    await dialog.getByLabel('开始时间').click();
    await admin.getByText('此刻', { exact: true }).click();
    await dialog.getByLabel('地点').fill('三楼党员活动室');
    await screenshot(admin, 'orglife-01-plan');
    await dialog.getByRole('button', { name: /安\s*排/ }).click();
    await expect.poll(() => new URL(admin.url()).pathname).toMatch(/^\/orglife\/meetings\/[0-9a-f-]{36}$/);
    const meetingId = new URL(admin.url()).pathname.split('/').at(-1) as string;
    const checkin = admin.getByTestId('meeting-checkin');
    await expect.poll(() => checkin.locator('svg').count()).toBeGreaterThan(0);
    const link = (await admin.getByTestId('checkin-link').textContent())?.match(/https?:\/\/\S+\/checkin\/[A-Za-z0-9_-]+/)?.[0];
    expect(link).toBeTruthy();
    await screenshot(admin, 'orglife-02-meeting-qr');

    const phone = await browser().newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    await logIn(phone, 'member', link as string);
    await expect.poll(() => new URL(phone.url()).pathname).toMatch(/^\/checkin\//);
    const button = phone.getByRole('button', { name: /签\s*到/ });
    await expect.poll(() => button.count()).toBe(1);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'orglife-03-phone-checkin');
    await button.click();
    await expect.poll(() => phone.getByTestId('checkin-done').getByText('签到成功').count()).toBe(1);
    await screenshot(phone, 'orglife-04-phone-done');
    const member = (await apiCall(phone, 'GET', '/api/me/member')) as { name: string };
    await phone.close();

    // The other full members come too (recorded by the admin), so the vote has its quorum.
    const meeting = (await apiCall(admin, 'GET', `/api/meetings/${meetingId}`)) as {
      heldOn: string;
      attendance: { memberId: string; hasVote: boolean; status: string }[];
    };
    for (const a of meeting.attendance.filter((x) => x.hasVote && x.status !== 'present'))
      await apiCall(admin, 'PUT', `/api/meetings/${meetingId}/attendance/${a.memberId}`, { status: 'present' });

    await admin.reload();
    const table = admin.getByTestId('attendance-table');
    await expect.poll(() => table.getByRole('row').filter({ hasText: member.name }).getByText(/扫码/).count()).toBe(1);

    await admin.getByRole('tab', { name: '会议记录' }).click();
    const record = admin.getByTestId('meeting-record-form');
    await record.getByLabel('第一议题').fill('学习习近平总书记最新重要讲话精神');
    await record.getByLabel('讨论要点').fill('与会党员围绕发展对象的培养情况发言，一致同意提交表决。');
    await record.getByRole('button', { name: '保存会议记录' }).click();
    await expect.poll(() => admin.getByText('会议记录已保存').count()).toBeGreaterThan(0);
    await screenshot(admin, 'orglife-05-record');

    await admin.getByRole('tab', { name: /决议表决/ }).click();
    const form = admin.getByTestId('resolution-form');
    const voters = meeting.attendance.filter((a) => a.hasVote).length;
    await form.getByLabel('决议事项').fill('同意接收发展对象为中共预备党员');
    await form.getByLabel('赞成').fill(String(voters));
    await form.getByRole('button', { name: '登记表决结果' }).click();
    const resolutions = admin.getByTestId('resolutions-table');
    await expect.poll(() => resolutions.getByText('通过', { exact: true }).count()).toBe(1);
    await screenshot(admin, 'orglife-06-vote');

    await admin.goto(`${baseUrl()}orglife/meetings/${meetingId}/print`);
    const sheet = admin.getByTestId('meeting-print');
    await expect.poll(() => sheet.getByRole('row').filter({ hasText: '出席人员' }).getByText(member.name).count()).toBe(1);
    await expect.poll(() => sheet.getByText('同意接收发展对象为中共预备党员').count()).toBe(1);
    await screenshot(admin, 'orglife-07-print');

    await admin.goto(`${baseUrl()}orglife/meetings?view=calendar&under=${branchId}&month=${meeting.heldOn.slice(0, 7)}`);
    await expect.poll(() => admin.locator(`a[href="/orglife/meetings/${meetingId}"]`).count()).toBe(1);
    await screenshot(admin, 'orglife-08-calendar');
    await admin.close();
  });
});
