import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../packages/shared/src/id-number';
import { baseUrl, logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

/** The options of the open antd select; a closed one's list stays in the page, hidden. */
const options = (page: Page) => page.locator('.ant-select-item-option').filter({ visible: true });
const rowOf = (table: Locator, name: string) => table.locator('tbody tr.ant-table-row', { hasText: name });

describe('the transfer inbox (组织关系转接)', () => {
  it('lets the committee admin send a member to another branch, find it in 待办, accept it and see it finished', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'admin');
    await page.getByRole('menuitem', { name: '组织关系转接' }).click();
    await expect.poll(() => page.getByRole('tab', { name: /^即将办理/ }).count()).toBe(1);

    await page.getByRole('button', { name: '发起转接' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('党员').fill('王');
    await expect.poll(() => options(page).count()).toBeGreaterThan(0);
    const picked = (await options(page).first().textContent()) ?? '';
    await options(page).first().click();
    const [name = '', branch = ''] = picked.trim().split(/\s+/);
    // Let the member list finish closing, so only the destination's options are on screen.
    await expect.poll(() => options(page).count()).toBe(0);

    await dialog.getByLabel('转入党支部').click();
    await expect.poll(() => options(page).count()).toBeGreaterThan(1);
    const destination = options(page).filter({ hasNotText: branch }).first();
    const destinationName = ((await destination.textContent()) ?? '').trim();
    await destination.click();
    await screenshot(page, 'transfers-01-start');
    await dialog.getByRole('button', { name: /发\s*起/ }).click();
    await expect.poll(() => page.getByText(`已发起${name}的系统内转接`).count()).toBeGreaterThan(0);

    // The committee covers both sides, so the transfer waits in its 待办 with 接收 offered.
    const todo = page.getByTestId('transfers-todo');
    await expect.poll(() => rowOf(todo, name).count()).toBe(1);
    await screenshot(page, 'transfers-02-todo');
    await rowOf(todo, name)
      .getByRole('button', { name: /接\s*收/ })
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /接\s*收/ })
      .click();
    await expect.poll(() => rowOf(todo, name).count()).toBe(0);

    await page.getByRole('tab', { name: /^全部/ }).click();
    const all = page.getByTestId('transfers-all');
    await expect.poll(() => rowOf(all, name).first().textContent()).toContain('已接收');
    expect(destinationName.startsWith(((await rowOf(all, name).first().locator('td').nth(4).textContent()) ?? '').trim())).toBe(true);
    await screenshot(page, 'transfers-03-done');

    // The member's page lists the transfer on its own tab.
    await rowOf(all, name).first().getByRole('link', { name }).click();
    await page.getByRole('tab', { name: '组织关系转接' }).click();
    await expect.poll(() => page.locator('tbody tr.ant-table-row', { hasText: '已接收' }).count()).toBe(1);
  });

  it('lets a branch register a member who arrived with a letter from outside, the record checked against the ID number', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'admin');
    await expect.poll(() => page.getByRole('menuitem', { name: '组织关系转接' }).count()).toBe(1);
    // The letter is recorded through the API; the registration, the part with a form of its own, through the page.
    const { csrfToken } = (await (await page.request.get(`${baseUrl()}api/auth/me`)).json()) as { csrfToken: string };
    const branches = (await (await page.request.get(`${baseUrl()}api/orgs?kind=branch&pageSize=1`)).json()) as { items: { id: string }[] };
    const personName = `赵${String(Date.now()).slice(-4)}`;
    const today = new Date().toISOString().slice(0, 10);
    const arrival = await page.request.post(`${baseUrl()}api/transfers`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        kind: 'inbound',
        toOrgId: branches.items[0]?.id,
        personName,
        outsideOrgName: '外市某局机关党委',
        letterNumber: `外转〔${today.slice(0, 4)}〕8号`,
        reason: 'work',
        issuedOn: today,
        arrivedOn: today,
      },
    });
    expect(arrival.status()).toBe(200);

    await page.getByRole('menuitem', { name: '组织关系转接' }).click();
    const todo = page.getByTestId('transfers-todo');
    await expect.poll(() => rowOf(todo, personName).count()).toBe(1);
    await rowOf(todo, personName).getByRole('button', { name: '登记入册' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('公民身份号码').fill(makeIdNumber('990001', '1991-04-12', Number(String(Date.now()).slice(-3))));
    await expect.poll(() => dialog.getByLabel('出生日期').inputValue()).toBe('1991-04-12');
    await dialog.getByLabel('学历').click();
    await options(page).filter({ hasText: '大学本科' }).click();
    for (const [label, date] of [
      ['加入党组织日期', '2015-07-01'],
      ['转为正式党员日期', '2016-07-01'],
    ] as const) {
      // Tab, not Enter: Enter in a field submits the form.
      await dialog.getByLabel(label).fill(date);
      await dialog.getByLabel(label).press('Tab');
      await expect.poll(() => page.locator('.ant-picker-dropdown').filter({ visible: true }).count()).toBe(0);
    }
    await screenshot(page, 'transfers-04-register');
    await dialog.getByRole('button', { name: '登记入册' }).click();
    await expect.poll(() => page.getByText(`${personName}已登记入册`).count()).toBeGreaterThan(0);
    await expect.poll(() => rowOf(todo, personName).count()).toBe(0);
    await page.getByRole('tab', { name: /^全部/ }).click();
    await expect.poll(() => rowOf(page.getByTestId('transfers-all'), personName).first().textContent()).toContain('已登记入册');
  });
});
