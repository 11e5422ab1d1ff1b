import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../packages/shared/src/id-number';
import { baseUrl, logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** A date `years` before today, as YYYY-MM-DD. */
const yearsAgo = (years: number, days = 0) => {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - days);
  return d.toISOString().slice(0, 10);
};

async function firstBranch(page: Page): Promise<{ id: string; name: string }> {
  const res = await page.request.get(new URL('/api/orgs?kind=branch&pageSize=1', baseUrl()).toString());
  return ((await res.json()) as { items: { id: string; name: string }[] }).items[0] as { id: string; name: string };
}

/** Records step 2 (the talk) on the open case with the dialog's defaults, and waits until it shows as done. */
async function recordStep2(page: Page) {
  await page
    .getByTestId('step-2')
    .getByRole('button', { name: /记\s*录/ })
    .click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /记\s*录/ })
    .click();
  await expect.poll(() => page.getByTestId('step-2').textContent()).toContain('已完成');
}

describe('the development pipeline (发展党员)', () => {
  it('refuses an applicant under 18 citing the rule, opens a case, records a step, takes it back and records it again, and shows it on the board', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 900 } });
    await logIn(page, 'admin');
    await expect.poll(() => page.getByRole('menuitem', { name: '党员管理' }).count()).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: '发展党员' }).click();
    await expect.poll(() => page.getByTestId('board-applicant').count()).toBe(1);
    for (const stage of ['activist', 'candidate', 'probationary', 'full']) expect(await page.getByTestId(`board-${stage}`).count()).toBe(1);

    const { id: branchId, name: branch } = await firstBranch(page);
    await page.getByTestId('development-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('党支部').fill(branch.slice(0, 6));
    await page.locator('.ant-select-tree-treenode').filter({ hasText: branch }).first().click();
    const name = `测试申请人${String(Date.now()).slice(-4)}`;
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('公民身份号码').fill(makeIdNumber('230102', yearsAgo(17), Date.now() % 1000));
    await dialog.getByLabel('学历').click();
    await page.getByTitle('大学本科').click();
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await expect.poll(() => dialog.textContent()).toContain('第五条');
    await screenshot(page, 'development-01-refused-under-18');

    await dialog.getByLabel('公民身份号码').fill(makeIdNumber('230102', yearsAgo(30), Date.now() % 1000));
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await page.waitForURL(/\/members\/development\/[0-9a-f-]{36}$/);
    const view = page.getByTestId('development-case');
    await expect.poll(() => view.textContent()).toContain(name);
    await expect.poll(() => page.getByTestId('step-2').textContent()).toContain('待办理');
    expect(await page.locator('[data-testid^="step-"]').count()).toBe(25);

    await recordStep2(page);
    await screenshot(page, 'development-02-case');

    // A step recorded by mistake is taken back, and can be recorded again.
    await page.getByRole('button', { name: '撤销最后一步' }).click();
    await page.getByRole('dialog').getByLabel('撤销原因').fill('日期登记有误');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /撤\s*销/ })
      .click();
    await expect.poll(() => page.getByTestId('step-2').textContent()).toContain('待办理');
    await recordStep2(page);

    // The whole committee's column lists its nearest deadlines first; the branch's own board shows every case of it.
    await page.getByRole('link', { name: '返回发展党员' }).click();
    await page.waitForURL(/\/members\/development$/);
    await page.goto(new URL(`/members/development?under=${branchId}`, baseUrl()).toString());
    await expect.poll(() => page.getByTestId('board-applicant').textContent()).toContain(name);
    await screenshot(page, 'development-03-board');
    await page.close();
  });
});
