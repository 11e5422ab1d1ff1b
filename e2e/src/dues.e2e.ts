import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** Pages load slowly on a busy machine; every wait allows this long. */
const wait = { timeout: 20_000 };

const rows = (table: Locator) => table.locator('tbody tr.ant-table-row');
const rowOf = (table: Locator, name: string) => rows(table).filter({ hasText: name });
const options = (page: Page) => page.locator('.ant-select-item-option').filter({ visible: true });
const firstName = async (table: Locator) => ((await rows(table).first().locator('td a').first().textContent()) ?? '').trim();

describe('party dues (党费收缴)', () => {
  it('lets a unit’s Party admin set a base of 5400.00, see 81.00 due in the ledger, mark it paid and see the totals follow', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, 'orgadmin');
    await page.getByRole('menuitem', { name: '党费收缴' }).click();
    const ledger = page.getByTestId('dues-ledger');
    await expect.poll(() => rows(ledger).count(), wait).toBeGreaterThan(0);
    await screenshot(page, 'dues-01-ledger');

    // A member without a base gets one; if the demo generated every base, any member who has not paid will do.
    await page.goto(new URL('/members/dues?filter=noBase', baseUrl()).toString());
    const withoutBase = page.locator('.ant-statistic').filter({ hasText: '未核定基数' }).locator('.ant-statistic-content');
    await expect.poll(async () => /^\d+$/.test(((await withoutBase.textContent()) ?? '').trim()), wait).toBe(true);
    let name = '';
    if (Number(await withoutBase.textContent()) > 0) {
      await expect.poll(() => rows(ledger).count(), wait).toBeGreaterThan(0);
      name = await firstName(ledger);
      await rowOf(ledger, name).getByRole('button', { name: '核定基数' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/月工资收入/).fill('5400');
      await expect.poll(() => dialog.getByText('每月应交 81.00 元').count(), wait).toBe(1);
      await screenshot(page, 'dues-02-base');
      await dialog.getByRole('button', { name: /核\s*定/ }).click();
      await expect.poll(() => page.getByText('已核定：每月 81.00 元').count(), wait).toBeGreaterThan(0);
    }
    await page.goto(new URL('/members/dues?filter=unpaid', baseUrl()).toString());
    await expect.poll(() => rows(ledger).count(), wait).toBeGreaterThan(0);
    name ||= await firstName(ledger);
    await expect.poll(() => rowOf(ledger, name).count(), wait).toBe(1);
    const due = ((await rowOf(ledger, name).locator('td').nth(6).textContent()) ?? '').trim();
    expect(due).toMatch(/^\d+\.\d{2}$/);

    await rowOf(ledger, name).locator('input[type="checkbox"]').check();
    await page.getByTestId('dues-mark-paid').click();
    const pay = page.getByRole('dialog');
    await expect.poll(() => pay.getByText(/1 人按应交金额登记/).count(), wait).toBe(1);
    await pay.getByRole('button', { name: /登\s*记/ }).click();
    await expect.poll(() => page.getByText(/已登记 1 笔/).count(), wait).toBeGreaterThan(0);

    await page.goto(new URL('/members/dues?filter=paid', baseUrl()).toString());
    await expect.poll(() => page.getByLabel(`${name}实交金额`).inputValue(), wait).toBe(due);
    await screenshot(page, 'dues-03-paid');

    // A correction typed into the ledger: the member gave more than was due (自愿多交).
    await page.getByLabel(`${name}实交金额`).fill('100.00');
    await page.getByTestId('dues-save-edits').click();
    await expect.poll(() => page.getByText('已保存 1 条').count(), wait).toBeGreaterThan(0);
    await page.reload();
    await expect.poll(() => page.getByLabel(`${name}实交金额`).inputValue(), wait).toBe('100.00');

    // The member's own page shows the payment on its 党费 tab.
    await rowOf(ledger, name).getByRole('link', { name }).click();
    await expect.poll(() => page.getByTestId('member-dues').count(), wait).toBe(1);
    await expect.poll(() => page.getByTestId('member-dues').textContent(), wait).toContain(due);
    await screenshot(page, 'dues-04-member-tab');

    await page.goto(new URL('/members/dues?tab=reverify', baseUrl()).toString());
    await expect.poll(() => page.getByText(/尚未复核的党员/).count(), wait).toBeGreaterThan(0);
    await page.goto(new URL('/members/dues?tab=totals', baseUrl()).toString());
    await expect.poll(() => page.getByText('合计').count(), wait).toBeGreaterThan(0);
    const paidTotal = async () => Number((await page.locator('.ant-table-summary td').nth(3).textContent())?.trim());
    await expect.poll(paidTotal, wait).toBeGreaterThanOrEqual(100);
    await page.getByRole('tab', { name: '欠缴与提醒' }).click();
    await expect.poll(() => page.getByTestId('dues-arrears').count(), wait).toBe(1);
    await page.getByText('连续 6 个月未交提醒').click();
    await expect.poll(() => page.getByText('提醒，不是处理').count(), wait).toBe(1);
    await screenshot(page, 'dues-05-alerts');
    await page.close();
  });

  it('lets the committee admin call for special dues, record a voluntary gift and see it in the totals to the fen', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, 'admin');
    await page.getByRole('menuitem', { name: '特殊党费' }).click();
    await expect.poll(() => page.getByText(/不得摊派/).count(), wait).toBeGreaterThan(0);
    await page.getByTestId('special-dues-create').click();
    const dialog = page.getByRole('dialog');
    const title = `抗洪救灾特殊党费${Date.now().toString(36)}`;
    await dialog.getByLabel('活动名称').fill(title);
    await dialog.getByRole('button', { name: /发\s*起/ }).click();
    const drawer = page.locator('.ant-drawer');
    await expect.poll(() => drawer.getByText(title).count(), wait).toBeGreaterThan(0);

    await drawer.getByRole('button', { name: '登记特殊党费' }).click();
    const form = page.getByRole('dialog').last();
    await form.locator('#special-member-0').fill('王');
    await expect.poll(() => options(page).count(), wait).toBeGreaterThan(0);
    await options(page).first().click();
    await form.getByLabel('第 1 人金额').fill('100.33');
    await screenshot(page, 'dues-06-special-record');
    await form.getByRole('button', { name: /登\s*记/ }).click();
    await expect.poll(() => page.getByText('已登记 1 笔，共 100.33 元').count(), wait).toBeGreaterThan(0);
    await expect.poll(() => drawer.getByText(/1 人交纳，合计/).count(), wait).toBe(1);
    expect(await drawer.textContent()).toContain('100.33');
    await screenshot(page, 'dues-07-special-totals');
    await page.close();
  });
});
