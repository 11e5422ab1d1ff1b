import { describe, expect, it } from 'vitest';
import { logIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('an organisation administrator', () => {
  it('sees the year’s organisational life as a heatmap and opens an org’s cells with their explanation', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, 'orgadmin');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(new URL('/orglife/compliance', page.url()).toString());
    await expect.poll(() => page.getByRole('heading', { name: '组织生活完成情况' }).count()).toBe(1);
    const grid = page.getByTestId('compliance-grid');
    await expect.poll(() => grid.locator('button.hb-cc-met').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    // The generated year has real gaps: some month of some branch is red.
    expect(await grid.locator('button.hb-cc-missed').count()).toBeGreaterThan(0);
    await screenshot(page, 'compliance-01-heatmap');

    await grid.locator('button.hb-cc-missed').first().click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByText(/应开 \d+ 次，实开 \d+ 次（未完成）/).count()).toBeGreaterThan(0);
    expect(await drawer.getByText(/^依据：/).count()).toBeGreaterThan(0);
    await screenshot(page, 'compliance-02-org');
    await page.close();
  });

  it('finds the reminders the morning run left in the header bell and the inbox', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, 'orgadmin');
    await page.waitForURL((url) => url.pathname !== '/login');
    const bell = page.getByRole('link', { name: /^提醒/ });
    await expect.poll(() => bell.count()).toBe(1);
    await bell.click();
    await expect.poll(() => page.getByRole('heading', { name: '提醒', exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByText('每周摘要').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500); // the tab's entry animation
    await screenshot(page, 'notices-01-inbox');
    await page.close();
  });
});
