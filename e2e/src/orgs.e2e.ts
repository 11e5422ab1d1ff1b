import { describe, expect, it } from 'vitest';
import { baseUrl, logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('a committee administrator', () => {
  it('logs in, browses the tree, creates a branch under a department and finds it in the audit log', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'admin');
    const tree = page.getByTestId('org-tree');
    await expect.poll(() => tree.getByText('机关党委').count()).toBeGreaterThan(10);
    await screenshot(page, '01-org-tree');

    const department = tree.getByTitle('市交通运输局机关党委', { exact: true }).first();
    await department.click();
    const detail = page.getByTestId('org-detail');
    await expect.poll(() => detail.getByText('市交通运输局机关党委').count()).toBeGreaterThan(0);
    await detail.getByTestId('org-create-child').click();

    const branchName = `交通运输局第${Date.now() % 100000}党支部`;
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('组织名称').fill(branchName);
    await dialog.getByLabel('组织类别').click();
    await page.locator('.ant-select-item-option').getByText('党支部', { exact: true }).click();
    await screenshot(page, '02-create-branch');
    await dialog
      .getByRole('button', { name: '新 建' })
      .or(dialog.getByRole('button', { name: '新建' }))
      .click();
    await expect.poll(() => tree.getByTitle(branchName, { exact: true }).count()).toBeGreaterThan(0);
    await screenshot(page, '03-branch-in-tree');

    await page.getByRole('menuitem', { name: '审计日志' }).click();
    const audit = page.getByTestId('audit-table');
    await expect.poll(() => audit.getByText(branchName).count()).toBeGreaterThan(0);
    await screenshot(page, '04-audit-log');
    await page.close();
  });

  it('sees a wrong password refused in Chinese', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(baseUrl());
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
    await page.close();
  });
});

describe('a member on a phone', () => {
  it('logs in at 375 px wide without horizontal scrolling', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await logIn(page, 'member');
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, '05-member-phone');
    await page.close();
  });
});
