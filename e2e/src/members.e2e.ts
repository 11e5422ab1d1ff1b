import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pinyinKeys } from '../../apps/server/src/platform/pinyin';
import { baseUrl, logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** Pages load slowly on a busy machine; every wait allows this long. */
const wait = { timeout: 20_000 };

const fullId = /\d{17}[\dX]/;
const maskedId = /\d{6}\*{8}\d{3}[\dX]/;

const namesIn = async (page: Page) =>
  (await page.getByTestId('member-table').locator('tbody tr.ant-table-row td:first-child').allTextContents()).map((name) => name.trim());

describe('the member registry', () => {
  let memberPath = '';

  it('lets the committee admin find a member by pinyin initials, see the record in full and change the phone', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'admin');
    await expect.poll(() => page.getByRole('menuitem', { name: '党员管理' }).count(), wait).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: '党员名册' }).click();
    await expect.poll(() => namesIn(page).then((names) => names.length), wait).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('member-table').textContent(), wait).toMatch(fullId);

    const [first] = await namesIn(page);
    const initials = pinyinKeys(first as string).initials;
    await page.getByPlaceholder('姓名/拼音/首字母').fill(initials.toUpperCase());
    await page.getByPlaceholder('姓名/拼音/首字母').press('Enter');
    await expect.poll(() => page.url(), wait).toContain(`q=${initials.toUpperCase()}`);
    // Letters match the initials or the start of the full pinyin.
    const matches = (name: string) => Object.values(pinyinKeys(name)).some((key) => key.startsWith(initials));
    await expect.poll(async () => (await namesIn(page)).every(matches), wait).toBe(true);
    expect(await namesIn(page)).toContain(first);
    await screenshot(page, 'members-01-search-initials');

    await page
      .getByTestId('member-table')
      .getByRole('link', { name: first as string, exact: true })
      .first()
      .click();
    const detail = page.getByTestId('member-detail');
    await expect.poll(() => detail.getByText('公民身份号码').count(), wait).toBeGreaterThan(0);
    expect(await detail.textContent()).toMatch(fullId);
    memberPath = new URL(page.url()).pathname;

    const phone = `139${String(Date.now()).slice(-8)}`;
    await detail.getByTestId('member-edit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('联系电话').fill(phone);
    await screenshot(page, 'members-02-edit');
    await dialog
      .getByRole('button', { name: '保 存' })
      .or(dialog.getByRole('button', { name: '保存' }))
      .click();
    await expect.poll(() => detail.textContent(), wait).toContain(phone);
    await page.reload();
    await expect.poll(() => page.getByTestId('member-detail').textContent(), wait).toContain(phone);

    await page.getByRole('tab', { name: '组织关系', exact: true }).click();
    await expect.poll(() => page.getByText('登记入册').or(page.getByText('暂无变动记录')).count(), wait).toBeGreaterThan(0);
    await page.close();
  });

  it('shows the same member masked to an inspector', async () => {
    expect(memberPath).toMatch(/^\/members\//);
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'inspector');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(new URL(memberPath, baseUrl()).toString());
    const detail = page.getByTestId('member-detail');
    await expect.poll(() => detail.textContent(), wait).toMatch(maskedId);
    expect(await detail.textContent()).not.toMatch(fullId);
    expect(await detail.getByTestId('member-edit').count()).toBe(0);
    await screenshot(page, 'members-03-masked');
    await page.close();
  });

  it('shows a member their own record on a 375 px phone without horizontal scrolling', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await logIn(page, 'member');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(new URL('/me', baseUrl()).toString());
    const mine = page.getByTestId('my-member');
    await expect.poll(() => mine.textContent(), wait).toMatch(fullId);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'members-04-me-phone');
    await page.close();
  });
});
