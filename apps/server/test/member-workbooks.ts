import { PassThrough } from 'node:stream';
import { addDays } from '@hangbiao/shared/dates';
import { genders } from '@hangbiao/shared/glossary';
import { idNumberFacts, makeIdNumber } from '@hangbiao/shared/id-number';
import ExcelJS from 'exceljs';

export type SheetCell = string | number | Date | null;
export type SheetRow = Record<string, SheetCell>;

let sequence = Math.floor(Math.random() * 1_000_000);

/**
 * A valid ID number no other row uses; the region codes start with 99, which no real region has, so a generated
 * number is never a real person's.
 */
export function testIdNumber(): string {
  sequence += 1;
  const region = `99${String(Math.floor(sequence / 1000) % 10_000).padStart(4, '0')}`;
  return makeIdNumber(region, addDays('1965-01-01', (sequence * 7) % 11_000), sequence % 1000);
}

/** A valid member row in the registry layout's columns (by title), for the branch typed as `org`. */
export function memberRow(org: string, overrides: SheetRow = {}): SheetRow {
  const idNumber = testIdNumber();
  const facts = idNumberFacts(idNumber);
  if (!facts) throw new Error(`generated an invalid ID number ${idNumber}`);
  const year = Number(facts.birthDate.slice(0, 4));
  return {
    姓名: `${'张王李赵刘陈杨黄'[sequence % 8]}测${sequence}`,
    性别: genders.label(facts.gender),
    民族: '汉族',
    公民身份号码: idNumber,
    出生日期: facts.birthDate,
    学历: '大学本科',
    人员类别: '正式党员',
    所在党支部: org,
    加入党组织日期: `${year + 25}-07-01`,
    转为正式党员日期: `${year + 26}-07-01`,
    工作岗位: '公务员',
    联系电话: `139${String(sequence % 100_000_000).padStart(8, '0')}`,
    ...overrides,
  };
}

/** An .xlsx of one sheet: every key of the rows (or `titles`) as the header, then the rows. */
export async function memberWorkbook(rows: readonly SheetRow[], options: { titles?: string[]; sheet?: string } = {}): Promise<Buffer> {
  const titles = options.titles ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => output.on('end', resolve));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(options.sheet ?? '党员名册');
  sheet.addRow(titles).commit();
  for (const row of rows) sheet.addRow(titles.map((title) => row[title] ?? null)).commit();
  sheet.commit();
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}

/** A workbook's sheet as rows keyed by the header's titles. */
export async function sheetRows(body: Buffer, sheetName?: string): Promise<SheetRow[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = sheetName ? book.getWorksheet(sheetName) : book.worksheets[0];
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  const titles = (sheet.getRow(1).values as SheetCell[]).slice(1).map(String);
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = (row.values as SheetCell[]).slice(1);
    rows.push(Object.fromEntries(titles.map((title, i) => [title, values[i] ?? null])));
  });
  return rows;
}
