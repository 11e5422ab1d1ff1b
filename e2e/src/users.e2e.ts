import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** The options of the open antd select; a closed one's list stays in the page, hidden. */
const options = (page: Page) => page.locator('.ant-select-item-option').filter({ visible: true });

describe('users and their member records', () => {
  it('lets the committee admin create a login linked to a member, shown in the user’s details and the list', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'admin');
    await page.getByRole('menuitem', { name: '用户与权限' }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    const username = `link${Date.now() % 1_000_000}`;
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByLabel('姓名').fill('关联测试');
    await dialog.getByLabel('初始密码').fill('Initial-pass-0001');
    await dialog.getByLabel('关联党员').fill('王');
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    const picked = ((await options(page).first().textContent()) ?? '').trim();
    const memberName = picked.split(/\s+/)[0] ?? '';
    await options(page).first().click();
    await screenshot(page, 'users-01-create-linked');
    await dialog.getByRole('button', { name: '新建' }).click();

    const drawer = page.getByRole('dialog').filter({ hasText: '用户详情' });
    await expect.poll(() => drawer.getByText(`${username}`).count()).toBeGreaterThan(0);
    await expect.poll(() => drawer.locator('.ant-descriptions-item-content', { hasText: memberName }).count()).toBe(1);
    await screenshot(page, 'users-02-drawer-linked');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    const search = page.getByLabel('用户', { exact: true });
    await search.fill(username);
    await search.press('Enter');
    await expect.poll(() => page.locator('tbody tr.ant-table-row', { hasText: username }).textContent()).toContain(memberName);
    await page.close();
  });
});
