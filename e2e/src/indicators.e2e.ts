import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { logIn, numberIn, recordTotalOf, screenshot, useBrowser } from './browser';

const browser = useBrowser();

const figureOf = async (page: Page) => numberIn(await page.getByTestId('indicator-value').locator('.ant-statistic-content-value').textContent());

describe('a committee administrator', () => {
  it('opens the indicator catalog and drills into a figure whose records add up to it', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    await logIn(page, 'admin');
    await page.getByRole('menuitem', { name: '指标目录' }).click();
    const catalog = page.getByTestId('indicator-catalog');
    await expect.poll(() => catalog.getByText('党组织数', { exact: true }).count()).toBe(1);
    const figureLink = catalog.getByRole('link', { name: /^党组织数：.*查看明细$/ });
    await expect.poll(() => figureLink.count()).toBe(1);
    const catalogFigure = numberIn(await figureLink.textContent());
    expect(catalogFigure).toBeGreaterThan(0);
    await screenshot(page, 'indicators-01-catalog');

    await figureLink.click();
    await expect.poll(() => page.getByRole('heading', { name: '党组织数' }).count()).toBe(1);
    await expect.poll(() => figureOf(page)).toBe(catalogFigure);
    await expect.poll(() => recordTotalOf(page)).toBe(catalogFigure);
    await screenshot(page, 'indicators-02-drill-down');

    // Grouped by org kind, one group's records are exactly its count.
    await page.getByLabel('分组').click();
    await page.locator('.ant-select-item-option').getByText('按组织类别', { exact: true }).click();
    const branchRow = page
      .getByRole('row')
      .filter({ has: page.getByText('党支部', { exact: true }) })
      .filter({ has: page.getByRole('radio') })
      .first();
    await expect.poll(() => branchRow.count()).toBe(1);
    const branchCount = numberIn(await branchRow.getByRole('cell').last().textContent());
    await branchRow.getByText('党支部', { exact: true }).click();
    await expect.poll(() => recordTotalOf(page)).toBe(branchCount);
    expect(page.url()).toContain('group=branch');
    await screenshot(page, 'indicators-03-group');

    // The export holds the same records: one sheet row per record under the header.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^党组织数.*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect((workbook.worksheets[0]?.rowCount ?? 0) - 1).toBe(branchCount);
    await page.close();
  });
});
