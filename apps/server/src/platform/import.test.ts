import { Readable } from 'node:stream';
import { orgKinds } from '@hangbiao/shared/glossary';
import { sql } from 'drizzle-orm';
import { date, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness';
import { memberWorkbook, type SheetRow, sheetRows } from '../../test/member-workbooks';
import { rowsOf } from '../db/client';
import type { Ctx } from './context';
import { AppError } from './errors';
import { newId } from './ids';
import {
  choiceColumn,
  dateColumn,
  errorSheet,
  type Importer,
  insertRows,
  OrgIndex,
  parseDate,
  runImport,
  type SheetSpec,
  sheetStream,
  textColumn,
} from './import';

/** A table of this test only, so the framework is exercised without any area's rules. */
const notes = pgTable('import_test_notes', { id: uuid('id').primaryKey(), title: text('title').notNull(), heldOn: date('held_on') });

interface Note {
  title: string;
  kind: 'branch' | 'group';
  heldOn: string | null;
}

const spec: SheetSpec<Note> = {
  name: '记录',
  heading: '记录导入说明',
  columns: {
    title: textColumn({ title: '标题', help: '记录的标题', required: true, max: 100 }),
    kind: choiceColumn({ title: '组织类别', help: '党支部或党小组', required: true, labels: orgKinds, only: ['branch', 'group'] }),
    heldOn: dateColumn({ title: '日期', help: 'YYYY-MM-DD', required: false }),
  },
  rules: ['标题不能重复。'],
};

/** Writes notes; a title seen before (in the file or the table) is refused; `writes` counts the INSERTs. */
function noteImporter(writes: number[]): Importer<Note, Note, typeof notes.$inferInsert> {
  const seen = new Set<string>();
  return {
    spec,
    check: (note) => (note.heldOn && note.heldOn > '2030-01-01' ? { issues: [{ column: 'heldOn', message: '太晚了' }] } : { value: note }),
    async resolve(ctx, rows) {
      const stored = await rowsOf<{ title: string }>(
        ctx.db,
        sql`select title from import_test_notes where title = any(${sql.param(rows.map((r) => r.value.title))}::text[])`,
      );
      const taken = new Set(stored.map((s) => s.title));
      return rows.map(({ value }) => {
        if (seen.has(value.title) || taken.has(value.title)) return { issues: [{ column: 'title', message: '重复' }] };
        seen.add(value.title);
        return { action: 'create', plan: { id: newId(), title: value.title, heldOn: value.heldOn } };
      });
    },
    async write(ctx, plans) {
      writes.push(plans.length);
      await ctx.db.execute(insertRows(notes, plans));
    },
    finish: async () => undefined,
  };
}

let t: TestContext;
let ctx: Ctx;
const noteCount = async () => (await rowsOf<{ n: number }>(t.database.db, sql`select count(*)::int as n from import_test_notes`))[0]?.n;
const rowsOfNotes = (n: number, from = 0): SheetRow[] =>
  Array.from({ length: n }, (_, i) => ({ 标题: `记录${from + i}`, 组织类别: '党支部', 日期: '2024-05-01' }));

beforeAll(async () => {
  t = await createTestContext();
  await t.database.db.execute(sql`create table import_test_notes (id uuid primary key, title text not null unique, held_on date)`);
  ctx = { db: t.database.db, read: t.database.db, actor: null, now: new Date(), ip: null, config: t.app.config };
});
afterAll(() => t.close());

describe('cells', () => {
  it('reads the dates people type and Excel stores, and refuses dates that do not exist', () => {
    for (const typed of ['1990-01-31', '1990/1/31', '1990.1.31', '1990年1月31日', '19900131', 19_900_131, 32_904, new Date(Date.UTC(1990, 0, 31))])
      expect(parseDate(typed), String(typed)).toBe('1990-01-31');
    for (const typed of ['1990-02-30', '1990-13-01', '31/01/1990', 'abc', 1.5]) expect(parseDate(typed), String(typed)).toBeNull();
  });

  it('reads an enumeration by its zh label and names the choices when a cell is wrong', () => {
    expect(spec.columns.kind.parse('党小组')).toEqual({ value: 'group' });
    expect(spec.columns.kind.parse('机关党委')).toEqual({ error: '应从下拉列表中选择：党支部、党小组' });
    expect(spec.columns.kind.format('branch')).toBe('党支部');
  });
});

describe('org names', () => {
  const row = (id: string, path: string, name: string, dissolvedOn: string | null = null) => ({
    id,
    path,
    kind: 'branch' as const,
    name,
    dissolvedOn,
    deletedAt: null,
  });
  const c = '01a00000-0000-7000-8000-000000000001';
  const orgId = (n: number) => `01a00000-0000-7000-8000-00000000001${n}`;
  const [a, b, a1, b1, old] = [orgId(0), orgId(1), orgId(2), orgId(3), orgId(4)];
  const index = new OrgIndex(
    [
      row(c, `/${c}/`, '工委'),
      row(a, `/${c}/${a}/`, '甲局机关党委'),
      row(b, `/${c}/${b}/`, '乙局机关党委'),
      row(a1, `/${c}/${a}/${a1}/`, '第一党支部'),
      row(b1, `/${c}/${b}/${b1}/`, '第一党支部'),
      row(old, `/${c}/${a}/${old}/`, '老支部', '2020-01-01'),
    ],
    [`/${c}/`],
  );

  it('resolves a name path, an unambiguous tail of it, or an id, and names the candidates of an ambiguous one', () => {
    expect(index.resolve('甲局机关党委/第一党支部')).toMatchObject({ value: { id: a1, namePath: '甲局机关党委/第一党支部' } });
    expect(index.resolve(' 工委 / 乙局机关党委／第一党支部 ')).toMatchObject({ value: { id: b1 } });
    expect(index.resolve(a1.toUpperCase())).toMatchObject({ value: { id: a1 } });
    expect(index.resolve('老支部')).toMatchObject({ value: { id: old, dissolved: true } });
    expect(index.resolve('第一党支部')).toEqual({ error: '“第一党支部”对应 2 个组织，请填写完整名称路径，如“甲局机关党委/第一党支部”' });
    expect(index.choices(() => true)).not.toContain('甲局机关党委/老支部');
  });

  it('resolves nothing outside the scope, the same way as nothing at all', () => {
    const narrow = new OrgIndex([row(c, `/${c}/`, '工委'), row(a, `/${c}/${a}/`, '甲局机关党委'), row(b1, `/${c}/${b}/${b1}/`, '第一党支部')], [`/${c}/${a}/`]);
    expect(narrow.resolve('第一党支部')).toEqual({ error: '没有名为“第一党支部”的组织，或该组织不在您的管理范围内' });
    expect(narrow.resolve(b1)).toEqual({ error: '没有这个组织编号，或该组织不在您的管理范围内' });
    expect(narrow.get(b1)?.namePath).toBe('第一党支部');
  });
});

describe('import', () => {
  it('writes every row in batches of 1,000, one INSERT each, in one transaction', async () => {
    const writes: number[] = [];
    const report = await runImport(ctx, Readable.from([await memberWorkbook(rowsOfNotes(2_500))]), noteImporter(writes), { commit: true });
    expect(report).toMatchObject({ committed: true, rows: 2_500, created: 2_500, failed: 0 });
    expect(writes).toEqual([1_000, 1_000, 500]);
    expect(await noteCount()).toBe(2_500);
  });

  it('rolls back every batch when a late row fails, and reports the row and column', async () => {
    const before = await noteCount();
    const rows = rowsOfNotes(2_500, 10_000);
    rows[2_400] = { ...(rows[2_400] as SheetRow), 日期: '2031-01-01' };
    const writes: number[] = [];
    const failed = await runImport(ctx, Readable.from([await memberWorkbook(rows)]), noteImporter(writes), { commit: true }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(AppError);
    expect(failed).toMatchObject({ code: 'validation_failed', errors: [{ path: 'rows.2402.日期', message: '太晚了' }] });
    expect(writes).toEqual([1_000, 1_000]);
    expect(await noteCount()).toBe(before);
  });

  it('reads Chinese text split across stream chunks intact', async () => {
    const title = '党'.repeat(90);
    const titles = Array.from({ length: 3_000 }, (_, i) => `${title}${i}`);
    const body = await memberWorkbook(titles.map((标题) => ({ 标题, 组织类别: '党小组' })));
    expect(await runImport(ctx, Readable.from([body]), noteImporter([]), { commit: true })).toMatchObject({ created: 3_000, failed: 0 });
    const [intact] = await rowsOf<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from import_test_notes where title = any(${sql.param(titles)}::text[])`,
    );
    expect(intact?.n).toBe(3_000);
  });

  it('finds the data sheet by its header behind other sheets, skips blank rows and ignores unknown columns', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('封面').addRow(['这是一个说明']);
    const data = book.addWorksheet('数据');
    data.addRow(['备注', '标题*', '组织类别（必填）', '日期']);
    data.addRow(['随便写', '甲', '党支部', new Date(Date.UTC(2024, 4, 1))]);
    data.addRow([]);
    data.addRow(['只有备注']);
    data.addRow([null, '乙', '党小组', null]);
    const body = Buffer.from(await book.xlsx.writeBuffer());
    const report = await runImport(ctx, Readable.from([body]), noteImporter([]), { commit: false });
    expect(report).toMatchObject({ rows: 2, created: 2, failed: 0, columns: ['标题', '组织类别', '日期'] });
    expect(report.preview).toEqual([
      { row: 2, action: 'create', cells: ['甲', '党支部', '2024-05-01'] },
      { row: 5, action: 'create', cells: ['乙', '党小组', ''] },
    ]);
  });

  it('gives the upload back with an error column and the cells at fault highlighted, ready to fix and upload again', async () => {
    const rows: SheetRow[] = [
      { 标题: '错表一', 组织类别: '党支部', 日期: '2024-05-01' },
      { 标题: '错表一', 组织类别: '党委', 日期: '2024-02-30' },
      { 标题: null, 组织类别: '党小组', 日期: null },
    ];
    const sheet = await errorSheet(ctx, Readable.from([await memberWorkbook(rows, { sheet: '我的表' })]), noteImporter([]));
    const back = await sheetRows(sheet);
    expect(back.map((r) => r.错误说明)).toEqual([
      null,
      '组织类别：应从下拉列表中选择：党支部、党小组；日期：日期应为 YYYY-MM-DD（如 1990-01-31）且真实存在',
      '标题：必填',
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet as unknown as ArrayBuffer);
    const data = book.worksheets[0] as ExcelJS.Worksheet;
    expect(data.getCell('B3').fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(data.getCell('A3').fill).toBeUndefined();
    expect(data.getCell('B2').dataValidation).toMatchObject({ type: 'list' });

    const again = await runImport(ctx, Readable.from([sheet]), noteImporter([]), { commit: false });
    expect(again).toMatchObject({ rows: 3, failed: 2 });
  });

  it('writes a template that reads back as an empty import, and an export that reads back as its records', async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of sheetStream(spec)) chunks.push(chunk as Buffer);
    expect(await runImport(ctx, Readable.from([Buffer.concat(chunks)]), noteImporter([]), { commit: false })).toMatchObject({ rows: 0 });

    const records: Note[] = [
      { title: '导出一', kind: 'group', heldOn: '2024-01-02' },
      { title: '导出二', kind: 'branch', heldOn: null },
    ];
    const exported: Buffer[] = [];
    for await (const chunk of sheetStream(
      spec,
      (async function* () {
        yield records;
      })(),
    ))
      exported.push(chunk as Buffer);
    const report = await runImport(ctx, Readable.from([Buffer.concat(exported)]), noteImporter([]), { commit: false });
    expect(report.preview.map((p) => p.cells)).toEqual([
      ['导出一', '党小组', '2024-01-02'],
      ['导出二', '党支部', ''],
    ]);
  });
});
