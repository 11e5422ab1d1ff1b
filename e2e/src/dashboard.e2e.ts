import { describe, expect, it } from 'vitest';
import { logIn, numberIn, recordTotalOf, screenshot, useBrowser } from './browser';

const browser = useBrowser();

describe('a committee leader', () => {
  it('lands on the overview dashboard, whose member count opens records that add up to it', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'leader');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dashboard');
    await expect.poll(() => page.getByRole('heading', { name: '工作总览' }).count()).toBe(1);

    const members = page.getByTestId('dashboard-kpi-members.count');
    await expect.poll(() => members.count()).toBe(1);
    const memberCount = numberIn(await members.textContent());
    expect(memberCount).toBeGreaterThan(0);
    for (const key of ['orgs.count', 'orgs.renewalsOverdue']) {
      await expect.poll(() => page.getByTestId(`dashboard-kpi-${key}`).count()).toBe(1);
    }
    await expect.poll(() => page.getByTestId('dashboard-members-by-unit').locator('canvas').count()).toBe(1);
    await expect.poll(() => page.getByTestId('dashboard-orgs-by-kind').locator('canvas').count()).toBe(1);
    await page.waitForTimeout(1_000); // the charts' entry animation
    await screenshot(page, 'dashboard-01-overview');

    await members.click();
    await expect.poll(() => page.getByRole('heading', { name: '党员数' }).count()).toBe(1);
    await expect.poll(() => recordTotalOf(page)).toBe(memberCount);
    expect(page.url()).toMatch(/from=\d{4}-01-01&to=\d{4}-12-31/);
    await page.close();
  });
});
