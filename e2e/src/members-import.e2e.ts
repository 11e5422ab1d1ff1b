import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { memberRow, memberWorkbook, type SheetRow } from '../../apps/server/test/member-workbooks';
import { logIn, numberIn, screenshot, useBrowser } from './browser';

const browser = useBrowser();
const wait = { timeout: 20_000 };

/** One sheet of a downloaded workbook. */
async function sheetOf(path: string, name: string): Promise<{ book: ExcelJS.Workbook; sheet: ExcelJS.Worksheet }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name} in ${path}`);
  return { book, sheet };
}

/** The branches the template offers in its 所在党支部 dropdown. */
async function branchesOf(path: string): Promise<string[]> {
  const { book, sheet } = await sheetOf(path, '党员名册');
  const formula = String(sheet.getCell('I2').dataValidation.formulae[0]);
  const [, letter, last] = /\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)/.exec(formula) ?? [];
  return Array.from({ length: Number(last) }, (_, i) => String(book.getWorksheet('选项')?.getCell(`${letter}${i + 1}`).value));
}

async function choose(page: Page, rows: SheetRow[], name: string) {
  const path = join(tmpdir(), `${name}-${Date.now()}.xlsx`);
  writeFileSync(path, await memberWorkbook(rows));
  await page.locator('input[type=file]').setInputFiles(path);
}

const count = async (page: Page, key: string) => numberIn(await page.getByTestId(`import-${key}`).locator('.ant-statistic-content-value').textContent());

describe('member import in the browser', () => {
  it('shows the rows at fault, gives the error sheet back, then imports a good file into the registry', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await logIn(page, 'admin');
    await expect.poll(() => page.getByRole('menuitem', { name: '党员管理' }).count(), wait).toBeGreaterThan(0);
    await page.getByRole('menuitem', { name: '党员名册' }).click();
    await page.getByRole('button', { name: '导入' }).click();
    await expect.poll(() => page.getByRole('heading', { name: '党员批量导入' }).count(), wait).toBe(1);

    const [templateDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载党员名册模板' }).click()]);
    const [branch] = await branchesOf(await templateDownload.path());
    expect(branch).toBeTruthy();

    const tag = String(Date.now()).slice(-6);
    const good = [0, 1, 2].map((i) => memberRow(branch as string, { 姓名: `导入测${tag}${'甲乙丙'[i]}` }));
    const bad = { ...memberRow(branch as string, { 姓名: `导入测${tag}丁` }) };
    bad.公民身份号码 = `${String(bad.公民身份号码).slice(0, 17)}${String(bad.公民身份号码).endsWith('0') ? '1' : '0'}`;
    await choose(page, [...good, bad], 'with-error');
    await expect.poll(() => count(page, 'failed'), wait).toBe(1);
    expect(await count(page, 'created')).toBe(3);
    expect(await page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: '身份证号校验码不正确' }).count(), wait).toBe(1);
    await screenshot(page, 'members-import-01-errors');

    const [errorDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载错误报告' }).click()]);
    expect(errorDownload.suggestedFilename()).toMatch(/错误报告\.xlsx$/);
    const { sheet: errors } = await sheetOf(await errorDownload.path(), '党员名册');
    const errorColumn = (errors.getRow(1).values as string[]).indexOf('错误说明');
    expect(errorColumn).toBeGreaterThan(0);
    expect(errors.getRow(5).getCell(errorColumn).value).toBe('公民身份号码：身份证号校验码不正确');
    expect(errors.getRow(2).getCell(errorColumn).value ?? null).toBeNull();

    await page.getByRole('button', { name: '重新选择文件' }).click();
    await choose(page, good, 'good');
    await expect.poll(() => count(page, 'created'), wait).toBe(3);
    expect(await count(page, 'failed')).toBe(0);
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect.poll(() => page.getByText('导入完成').count(), wait).toBe(1);
    await screenshot(page, 'members-import-02-done');

    await page.getByRole('button', { name: '查看党员名册' }).click();
    await page.getByPlaceholder('姓名/拼音/首字母').fill(`导入测${tag}`);
    await page.getByPlaceholder('姓名/拼音/首字母').press('Enter');
    const names = () => page.getByTestId('member-table').locator('tbody tr.ant-table-row td:first-child').allTextContents();
    await expect.poll(async () => (await names()).map((name) => name.trim()).sort(), wait).toEqual(good.map((row) => String(row.姓名)).sort());
    await screenshot(page, 'members-import-03-list');

    // The export takes the list's current filter: the three members just imported, as the registry layout has them.
    await page.getByRole('button', { name: '导出' }).hover();
    const [exportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '党员名册（当前筛选）' }).click()]);
    const { sheet: exported } = await sheetOf(await exportDownload.path(), '党员名册');
    const nameColumn = (exported.getRow(1).values as string[]).indexOf('姓名');
    expect(Array.from({ length: exported.rowCount - 1 }, (_, i) => String(exported.getRow(i + 2).getCell(nameColumn).value)).sort()).toEqual(
      good.map((row) => String(row.姓名)).sort(),
    );
    await page.close();
  });
});
