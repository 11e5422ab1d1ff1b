import { describe, expect, it } from 'vitest';
import { baseUrl, logIn, numberIn, recordTotalOf, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('dashboards', () => {
  it('opens a unit’s dashboard from the overview ranking, then a figure there opens records that add up to it', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, 'leader');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
    await expect.poll(() => page.getByTestId('dashboard-compliance-heatmap').locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('dashboard-meetings-by-year').locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThan(0);

    const firstUnit = page.locator('[data-testid^="dashboard-unit-ranking-dashboard-"]').first();
    await expect.poll(() => firstUnit.count(), { timeout: 60_000 }).toBe(1);
    await page.waitForTimeout(1_000); // the charts' entry animation
    await screenshot(page, 'dashboards-01-overview');
    const unitName = (await firstUnit.textContent()) ?? '';
    await firstUnit.click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/dashboard\/unit\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { name: `${unitName} · 单位看板` }).count()).toBe(1);

    const members = page.getByTestId('dashboard-kpi-members.count');
    await expect.poll(() => members.count(), { timeout: 30_000 }).toBe(1);
    const memberCount = numberIn(await members.textContent());
    expect(memberCount).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid^="unit-branch-ranking-dashboard-"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1_000);
    await screenshot(page, 'dashboards-02-unit');

    await members.click();
    await expect.poll(() => page.getByRole('heading', { name: '党员数' }).count()).toBe(1);
    await expect.poll(() => recordTotalOf(page)).toBe(memberCount);
    expect(new URL(page.url()).searchParams.get('orgId')).toMatch(/^[0-9a-f-]{36}$/);
    await page.close();
  });

  it('opens a branch’s dashboard from its unit’s ranking', async () => {
    const page = await browser().newPage({ viewport: { width: 1440, height: 900 } });
    await logIn(page, 'leader');
    const firstUnit = page.locator('[data-testid^="dashboard-unit-ranking-dashboard-"]').first();
    await expect.poll(() => firstUnit.count(), { timeout: 60_000 }).toBe(1);
    await firstUnit.click();
    const firstBranch = page.locator('[data-testid^="unit-branch-ranking-dashboard-"]').first();
    await expect.poll(() => firstBranch.count(), { timeout: 30_000 }).toBe(1);
    const branchName = (await firstBranch.textContent()) ?? '';
    await firstBranch.click();
    await expect.poll(() => page.getByRole('heading', { name: `${branchName} · 支部看板` }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('branch-members-by-age').locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(1_000);
    await screenshot(page, 'dashboards-03-branch');
    await page.close();
  });

  it('shows the full-screen display at 1920×1080, dark, with its refresh time, every figure opening in a new tab', async () => {
    const page = await browser().newPage({ viewport: { width: 1920, height: 1080 } });
    await logIn(page, 'leader');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
    await page.goto(`${baseUrl()}screen?refresh=30`);
    await expect.poll(() => page.getByTestId('screen-compliance-heatmap').locator('canvas').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('screen-updated').textContent(), { timeout: 60_000 })
      .toMatch(/数据更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} · 每 30 秒自动刷新/);
    const members = page.getByTestId('dashboard-kpi-members.count');
    expect(await members.getAttribute('target')).toBe('_blank');
    // No menu on the display.
    expect(await page.getByRole('menu').count()).toBe(0);
    const background = await page.getByTestId('screen').evaluate((el) => getComputedStyle(el).backgroundImage);
    expect(background).toContain('gradient');
    await page.waitForTimeout(1_500);
    await screenshot(page, 'dashboards-04-screen-1920x1080');

    const [drillDown] = await Promise.all([page.context().waitForEvent('page'), members.click()]);
    await expect.poll(() => new URL(drillDown.url()).pathname).toBe('/indicators/members.count');
    await expect.poll(() => recordTotalOf(drillDown)).toBe(numberIn(await members.textContent()));
    await page.close();
  });

  it('shows a member their own figures, linked from 我的信息', async () => {
    const page = await browser().newPage({ viewport: { width: 390, height: 844 } });
    await logIn(page, 'member');
    await page.goto(`${baseUrl()}me`);
    await page
      .getByRole('link', { name: /我的数据/ })
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/me/figures');
    for (const card of ['my-figures-meetings', 'my-figures-dues', 'my-figures-transfers', 'my-figures-development']) {
      await expect.poll(() => page.getByTestId(card).count(), { timeout: 30_000 }).toBe(1);
    }
    await screenshot(page, 'dashboards-05-my-figures');
    await page.close();
  });
});
