import { PassThrough, Readable, type Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { id } from '@hangbiao/shared/contracts/common';
import { type ImportIssue, type ImportReport, importLimits } from '@hangbiao/shared/contracts/imports';
import type { OrgKind } from '@hangbiao/shared/glossary';
import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { orgs } from '../modules/orgs/orgs.tables';
import { covers, requireActor } from './access';
import { type Ctx, transact } from './context';
import { AppError } from './errors';
import { xlsxType } from './xlsx';

/**
 * Excel import and export of records, for any area: a sheet spec says what each column holds; the same spec
 * writes the template, the export and the error sheet, and reads an upload row by row (streamed, so a
 * 100,000-row file is never held as cells). An import parses and validates every row, then writes all of
 * them in one transaction, or none (ARCHITECTURE.md house rule 11).
 */

/** A non-empty cell as a sheet holds it: text, a number, a date (a date-formatted number) or a boolean. */
export type Cell = string | number | boolean | Date;
export type Parsed<T> = { value: T } | { error: string };

export interface ColumnDef<V> {
  title: string;
  /** How to fill the column in, for the instructions sheet. */
  help: string;
  required: boolean;
  /** Labels offered in a dropdown (an Excel list validation). */
  options?: readonly string[];
  /** The dropdown only suggests: other text is accepted by Excel and judged by `parse`. */
  openList?: boolean;
  /** Stored as text so Excel keeps ID and phone numbers as typed. */
  text?: boolean;
  width?: number;
  /** A non-empty cell's value, or the reason it is wrong (zh-CN). */
  parse(cell: Cell): Parsed<V>;
  /** The cell for a value; `parse(format(v))` gives `v` back, which makes export → import a round trip. */
  format(value: V): Cell;
}

/** The columns of a record type, in sheet order; a column may be optional only if its field may be null. */
export type SheetColumns<R> = {
  [K in keyof R]-?: ColumnDef<NonNullable<R[K]>> & { required: null extends R[K] ? boolean : true };
};

export interface SheetSpec<R> {
  /** The data sheet's name. */
  name: string;
  /** The instructions sheet's headline. */
  heading: string;
  columns: SheetColumns<R>;
  /** Rules a row must follow beyond its cells, for the instructions sheet. */
  rules: readonly string[];
}

// ── Column kinds ────────────────────────────────────────────────

const pad = (n: number) => String(n).padStart(2, '0');
const isoOfUtc = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** A cell as the text a person sees in it. */
export function cellText(cell: Cell): string {
  if (cell instanceof Date) return isoOfUtc(cell);
  return String(cell).trim();
}

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? isoOfUtc(date) : null;
}

/** A calendar date from what people type or Excel stores: 1990-01-31, 1990/1/31, 1990.1.31, 1990年1月31日, 19900131, or a date cell. */
export function parseDate(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : realDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  if (typeof cell === 'number' && !/^\d{8}$/.test(String(cell))) {
    // An Excel serial day number in a cell not formatted as a date.
    if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465) return null;
    return parseDate(new Date(Math.round((cell - 25_569) * 86_400_000)));
  }
  const text = cellText(cell)
    .replace(/日$/, '')
    .replace(/[年月/.]/g, '-');
  const parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return parts ? realDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) : null;
}

type Base<Req extends boolean> = { title: string; help: string; required: Req; width?: number };

export function textColumn<Req extends boolean>(
  o: Base<Req> & { max: number; pattern?: { test: RegExp; message: string }; text?: boolean },
): ColumnDef<string> & { required: Req } {
  return {
    ...o,
    parse: (cell) => {
      const text = cellText(cell);
      if (text.length > o.max) return { error: `不能超过 ${o.max} 个字符` };
      if (o.pattern && !o.pattern.test.test(text)) return { error: o.pattern.message };
      return { value: text };
    },
    format: (value) => value,
  };
}

export function dateColumn<Req extends boolean>(o: Base<Req>): ColumnDef<string> & { required: Req } {
  return {
    width: 14,
    ...o,
    text: true,
    parse: (cell) => {
      const date = parseDate(cell);
      return date ? { value: date } : { error: '日期应为 YYYY-MM-DD（如 1990-01-31）且真实存在' };
    },
    format: (value) => value,
  };
}

/** An enumeration from the glossary, typed and shown by its zh labels; `only` narrows the keys offered. */
export function choiceColumn<K extends string, Req extends boolean, O extends K = K>(
  o: Base<Req> & { labels: { keys: readonly K[]; label(key: K): string }; only?: readonly O[] },
): ColumnDef<O> & { required: Req } {
  const keys: readonly O[] = o.only ?? (o.labels.keys as readonly O[]);
  const byLabel = new Map(keys.map((key) => [o.labels.label(key), key]));
  const options = keys.map((key) => o.labels.label(key));
  const listed = options.length <= 12 ? `：${options.join('、')}` : '';
  return {
    width: Math.max(10, ...options.map((label) => label.length * 2 + 2)),
    ...o,
    options,
    parse: (cell) => {
      const key = byLabel.get(cellText(cell));
      return key ? { value: key } : { error: `应从下拉列表中选择${listed}` };
    },
    format: (value) => o.labels.label(value),
  };
}

const yes = '是';
const no = '否';

export function yesNoColumn<Req extends boolean>(o: Base<Req>): ColumnDef<boolean> & { required: Req } {
  return {
    width: 10,
    ...o,
    options: [yes, no],
    parse: (cell) => {
      const text = cellText(cell);
      if (cell === true || text === yes) return { value: true };
      if (cell === false || text === no) return { value: false };
      return { error: `应填“${yes}”或“${no}”` };
    },
    format: (value) => (value ? yes : no),
  };
}

// ── The org column ──────────────────────────────────────────────

export interface OrgEntry {
  id: string;
  path: string;
  kind: OrgKind;
  name: string;
  /** Names from below the committee down to the org, joined by "/": 某某局机关党委/第一党支部. */
  namePath: string;
  dissolved: boolean;
}

/**
 * The committee's orgs, by id and by what people type for them in a sheet: the name path, any unambiguous tail of
 * it ("第一党支部" when only one org is so named), or the org's id. Only orgs in `scope` resolve, so a sheet never
 * learns whether an org outside it exists.
 */
export class OrgIndex {
  private readonly byId = new Map<string, OrgEntry>();
  private readonly byTail = new Map<string, OrgEntry[]>();

  constructor(
    rows: readonly { id: string; path: string; kind: OrgKind; name: string; dissolvedOn: string | null; deletedAt: Date | null }[],
    private readonly scope: readonly string[],
  ) {
    const names = new Map(rows.map((r) => [r.id, r.name]));
    for (const row of rows) {
      const chain = row.path.split('/').flatMap((id) => names.get(id) ?? []);
      const entry: OrgEntry = {
        id: row.id,
        path: row.path,
        kind: row.kind,
        name: row.name,
        namePath: chain.slice(1).join('/') || row.name,
        dissolved: row.dissolvedOn !== null || row.deletedAt !== null,
      };
      this.byId.set(row.id, entry);
      // Deleted orgs keep their names for the records that name them, but nothing new is placed in them.
      if (row.deletedAt !== null || !covers(scope, row.path)) continue;
      for (let i = 0; i < chain.length; i++) {
        const tail = chain.slice(i).join('/');
        this.byTail.set(tail, [...(this.byTail.get(tail) ?? []), entry]);
      }
    }
  }

  get(id: string): OrgEntry | undefined {
    return this.byId.get(id);
  }

  /** Live orgs in scope that `accept` takes, by name path, for a dropdown. */
  choices(accept: (org: OrgEntry) => boolean): string[] {
    return [...this.byId.values()]
      .filter((org) => !org.dissolved && covers(this.scope, org.path) && accept(org))
      .map((org) => org.namePath)
      .sort();
  }

  resolve(text: string): Parsed<OrgEntry> {
    const typed = text
      .trim()
      .replace(/\s*[/／\\]\s*/g, '/')
      .replace(/^\/|\/$/g, '');
    if (id.safeParse(typed.toLowerCase()).success) {
      const org = this.byId.get(typed.toLowerCase());
      return org && covers(this.scope, org.path) ? { value: org } : { error: '没有这个组织编号，或该组织不在您的管理范围内' };
    }
    const found = this.byTail.get(typed) ?? [];
    const live = found.filter((org) => !org.dissolved);
    const candidates = live.length > 0 ? live : found;
    const [only] = candidates;
    if (only && candidates.length === 1) return { value: only };
    if (!only) return { error: `没有名为“${typed}”的组织，或该组织不在您的管理范围内` };
    return { error: `“${typed}”对应 ${candidates.length} 个组织，请填写完整名称路径，如“${only.namePath}”` };
  }
}

/** The actor's committee's orgs, resolvable within `scope` (org paths, from `scopeOf`). */
export async function loadOrgIndex(ctx: Ctx, scope: readonly string[]): Promise<OrgIndex> {
  const rows = await ctx.db
    .select({ id: orgs.id, path: orgs.path, kind: orgs.kind, name: orgs.name, dissolvedOn: orgs.dissolvedOn, deletedAt: orgs.deletedAt })
    .from(orgs)
    .where(eq(orgs.committeeId, requireActor(ctx).committeeId));
  return new OrgIndex(rows, scope);
}

export function orgColumn<Req extends boolean>(o: Base<Req> & { index: OrgIndex; choices: readonly string[] }): ColumnDef<OrgEntry> & { required: Req } {
  return {
    width: 36,
    ...o,
    options: o.choices,
    openList: true,
    parse: (cell) => o.index.resolve(cellText(cell)),
    format: (org) => org.namePath,
  };
}

// ── Writing workbooks ───────────────────────────────────────────

const infoSheetName = '填写说明';
const listSheetName = '选项';
const errorTitle = '错误说明';
/** Dropdowns cover at least this many rows, so a template has them where people type. */
const validatedRows = 5000;
const badFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const errorFont: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };

type AnySpec = SheetSpec<Record<string, unknown>>;
const columnsOf = (spec: AnySpec) => Object.entries(spec.columns) as [string, ColumnDef<unknown>][];
const titleKey = (title: Cell | null | undefined) => (title === null || title === undefined ? '' : cellText(title).replace(/[\s*＊]|（必填）|\(必填\)/g, ''));

function columnLetter(position: number): string {
  let n = position + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

interface BookRow {
  row: number;
  cells: readonly (Cell | null)[];
  /** What is wrong with the row, and the positions of the cells at fault. */
  error?: string;
  bad?: readonly number[];
}

/**
 * One workbook streamed to `output`: the data sheet under `header` (dropdowns on the spec's columns wherever their
 * titles stand), the instructions sheet, and a hidden sheet holding the dropdowns' lists.
 */
class BookWriter {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly placed: { position: number; column: ColumnDef<unknown> }[];
  private lastRow = 1;

  constructor(
    output: Writable,
    private readonly spec: AnySpec,
    header: readonly (Cell | null)[],
    private readonly errorColumn?: number,
  ) {
    this.book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    this.sheet = this.book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const byTitle = new Map(columnsOf(spec).map(([, column]) => [titleKey(column.title), column]));
    this.placed = header.flatMap((title, position) => {
      const column = byTitle.get(titleKey(title));
      return column ? [{ position, column }] : [];
    });
    const widths = header.map((title) => Math.max(10, titleKey(title).length * 2 + 4));
    for (const { position, column } of this.placed) widths[position] = column.width ?? Math.max(12, column.title.length * 2 + 4);
    this.sheet.columns = widths.map((width, position) => ({
      width,
      style: this.placed.some((p) => p.position === position && p.column.text) ? { numFmt: '@' } : {},
    }));
    const titleRow = this.sheet.getRow(1);
    header.forEach((title, position) => {
      if (title !== null) titleRow.getCell(position + 1).value = title;
    });
    for (const { position, column } of this.placed)
      titleRow.getCell(position + 1).font = { bold: true, ...(column.required ? { color: { argb: 'FFC00000' } } : {}) };
    if (errorColumn !== undefined) {
      titleRow.getCell(errorColumn + 1).value = errorTitle;
      titleRow.getCell(errorColumn + 1).font = { bold: true, ...errorFont };
      this.sheet.getColumn(errorColumn + 1).width = 60;
    }
    titleRow.commit();
  }

  add({ row, cells, error, bad }: BookRow) {
    const line = this.sheet.getRow(row);
    cells.forEach((value, position) => {
      if (value === null || position === this.errorColumn) return;
      const cell = line.getCell(position + 1);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
    for (const position of bad ?? []) line.getCell(position + 1).fill = badFill;
    if (error && this.errorColumn !== undefined) {
      const cell = line.getCell(this.errorColumn + 1);
      cell.value = error;
      cell.font = errorFont;
    }
    line.commit();
    this.lastRow = Math.max(this.lastRow, row);
  }

  async close() {
    const listed = this.placed.filter((p) => p.column.options?.length);
    const lastValidated = Math.max(this.lastRow, validatedRows + 1);
    const validations = (this.sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
    listed.forEach(({ position, column }, list) => {
      const letter = columnLetter(position);
      const listLetter = columnLetter(list);
      validations.add(`${letter}2:${letter}${lastValidated}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${listSheetName}'!$${listLetter}$1:$${listLetter}$${column.options?.length}`],
        showErrorMessage: !column.openList,
        errorStyle: 'stop',
        errorTitle: `${column.title}填写有误`,
        error: '请从下拉列表中选择',
      });
    });
    this.sheet.commit();
    this.writeInstructions();
    const lists = this.book.addWorksheet(listSheetName, { state: 'hidden' });
    const longest = Math.max(0, ...listed.map((p) => p.column.options?.length ?? 0));
    for (let i = 0; i < longest; i++) {
      const line = lists.getRow(i + 1);
      listed.forEach(({ column }, list) => {
        const option = column.options?.[i];
        if (option !== undefined) line.getCell(list + 1).value = option;
      });
      line.commit();
    }
    lists.commit();
    await this.book.commit();
  }

  private writeInstructions() {
    const info = this.book.addWorksheet(infoSheetName);
    info.columns = [{ width: 20 }, { width: 10 }, { width: 70 }, { width: 50 }];
    const add = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
      const line = info.addRow(values);
      if (font) line.font = font;
      line.alignment = { wrapText: true, vertical: 'top' };
      line.commit();
    };
    add([this.spec.heading], { bold: true, size: 14 });
    add([`在“${this.spec.name}”工作表中每行填写一条记录；第一行为列标题，请勿修改。红色标题为必填列。`]);
    add([]);
    add(['列名', '是否必填', '填写说明', '可选值'], { bold: true });
    for (const [, column] of columnsOf(this.spec)) {
      const options = column.options && !column.openList ? column.options.join('、') : column.openList ? '下拉列表为可选的组织，也可按说明填写' : '';
      add([column.title, column.required ? '必填' : '选填', column.help, options]);
    }
    add([]);
    add(['填写规则'], { bold: true });
    this.spec.rules.forEach((rule, i) => {
      add([`${i + 1}. ${rule}`]);
    });
    info.commit();
  }
}

const formatted = (spec: AnySpec, record: Record<string, unknown>) =>
  columnsOf(spec).map(([key, column]) => {
    const value = record[key];
    return value === null || value === undefined ? null : column.format(value);
  });

/**
 * A workbook of `spec` streamed while `batches` are read: the template when there are none, an export otherwise.
 * Each record is written through its columns' `format`, so it reads back as the same record.
 */
export function sheetStream<R>(spec: SheetSpec<R>, batches: AsyncIterable<readonly R[]> = (async function* () {})()): Readable {
  const output = new PassThrough();
  const anySpec = spec as unknown as AnySpec;
  (async () => {
    const writer = new BookWriter(
      output,
      anySpec,
      columnsOf(anySpec).map(([, column]) => column.title),
    );
    let row = 1;
    for await (const batch of batches) for (const record of batch) writer.add({ row: ++row, cells: formatted(anySpec, record as Record<string, unknown>) });
    await writer.close();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

// ── Reading an upload ───────────────────────────────────────────

/** Lets the routes of one plugin take an .xlsx file as the raw request body, up to the import size limit. */
export function acceptWorkbooks(app: Pick<FastifyInstance, 'addContentTypeParser'>) {
  app.addContentTypeParser(xlsxType, { parseAs: 'buffer', bodyLimit: importLimits.uploadBytes }, (_request, body, done) => done(null, body));
}

/** The workbook uploaded with a request, as a stream. */
export function uploadedWorkbook(request: FastifyRequest): Readable {
  if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', `请上传 Excel 工作簿（.xlsx，内容类型 ${xlsxType}）`);
  return Readable.from([request.body]);
}

function cellOf(value: ExcelJS.CellValue | undefined): Cell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return cellOf(value.richText.map((part) => part.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) return cellOf(value.result as ExcelJS.CellValue);
  if ('text' in value) return cellOf(value.text as ExcelJS.CellValue);
  return null;
}

interface SheetRow {
  row: number;
  /** Every cell of the row, column A first. */
  cells: (Cell | null)[];
}

async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
  yield decoder.end();
}

interface ReaderInternals {
  _parseWorksheet(chunks: AsyncIterable<Buffer | string>, sheetNo: string): Generator;
  _parseSharedStrings(entry: Readable): AsyncGenerator;
}

/**
 * exceljs's streaming reader decodes each zip chunk on its own, so a Chinese character split between two chunks
 * turns into "��" (exceljs#2084, unfixed in 4.4): its sheets and shared strings are fed through a UTF-8 decoder
 * that carries partial characters over to the next chunk.
 */
function workbookReader(source: Readable): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  const internals = reader as unknown as ReaderInternals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (chunks, sheetNo) => parseWorksheet(utf8Text(chunks), sheetNo);
  internals._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding('utf8'));
  return reader;
}

/** Where each spec column stands in the uploaded sheet, from its header row; undefined when the row is no header of the spec. */
function headerOf(spec: AnySpec, cells: readonly (Cell | null)[]): Map<string, number> | undefined {
  const at = new Map<string, number>();
  cells.forEach((cell, position) => {
    if (!at.has(titleKey(cell))) at.set(titleKey(cell), position);
  });
  const positions = new Map<string, number>();
  for (const [key, column] of columnsOf(spec)) {
    const position = at.get(titleKey(column.title));
    if (position !== undefined) positions.set(key, position);
  }
  if (positions.size === 0) return undefined;
  const missing = columnsOf(spec).filter(([key, column]) => column.required && !positions.has(key));
  if (missing.length > 0)
    throw new AppError(
      'validation_failed',
      `缺少必填列：${missing.map(([, column]) => column.title).join('、')}。请使用下载的模板，不要修改列标题`,
      missing.map(([, column]) => ({ path: `columns.${column.title}`, message: '缺少此列' })),
    );
  return positions;
}

/**
 * The rows of the upload's data sheet, its header first: the first sheet whose first row names the spec's columns.
 * Read as a stream; a file that is no .xlsx workbook, or has no such sheet, is a 422.
 */
async function* dataSheetRows(source: Readable, spec: AnySpec): AsyncGenerator<SheetRow & { header?: Map<string, number> }> {
  const reader = workbookReader(source);
  try {
    for await (const worksheet of reader) {
      let header: Map<string, number> | undefined;
      for await (const row of worksheet) {
        const cells = (row.values as ExcelJS.CellValue[]).slice(1).map(cellOf);
        if (!header) {
          header = headerOf(spec, cells);
          if (!header) break;
          yield { row: row.number, cells, header };
        } else yield { row: row.number, cells };
      }
      if (header) return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation_failed', '无法读取文件：请上传 Excel 工作簿（.xlsx）；.xls 等旧格式请先在 Excel 中另存为 .xlsx');
  }
  const titles = columnsOf(spec)
    .filter(([, column]) => column.required)
    .map(([, column]) => column.title)
    .join('、');
  throw new AppError('validation_failed', `文件中没有找到数据表：数据表的第一行应为列标题（${titles}等）`);
}

// ── Importing ───────────────────────────────────────────────────

/** A problem of one row; `column` is a field of the record (its column's title is reported) or null for the whole row. */
export interface RowIssue {
  column: string | null;
  message: string;
}

export type Checked<V> = { value: V } | { issues: RowIssue[] };
export type Resolution<P> = { action: 'create' | 'update'; plan: P } | { action: 'unchanged' } | { issues: RowIssue[] };

export interface ParsedRow<R, V> {
  row: number;
  record: R;
  value: V;
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** What an area supplies to import its records. */
export interface Importer<R, V, P> {
  spec: SheetSpec<R>;
  /** The row validator: a parsed row's own rules (across its fields), and the value the rest of the import works with. */
  check(record: R): Checked<V>;
  /**
   * Resolves a batch of valid rows, in file order, against stored data: each row's action and plan, or its issues
   * (duplicates, records outside the scope). Called once per batch, so look-ups are one query per batch.
   */
  resolve(ctx: Ctx, rows: readonly ParsedRow<R, V>[]): Promise<Resolution<P>[]>;
  /** Writes one batch of created and updated rows (one INSERT per batch); runs inside the import's transaction. */
  write(ctx: Ctx, plans: readonly P[]): Promise<void>;
  /** Records the committed import, e.g. its audit row, in the same transaction. */
  finish(ctx: Ctx, counts: ImportCounts): Promise<void>;
}

export interface ImportOptions {
  commit: boolean;
  /** Receives the uploaded sheet back with an error column and the cells at fault highlighted. */
  errorSheet?: Writable;
  batchSize?: number;
}

/**
 * `insert into <table> (<columns>) select * from unnest(<one array per column>)` for rows with the same keys: one
 * statement with one parameter per column however many rows there are, where drizzle takes longer to build a
 * 1,000-row VALUES list than the database takes to run it. Append `on conflict …` or `returning …` as needed.
 */
export function insertRows<T extends PgTable>(table: T, rows: readonly T['$inferInsert'][]): SQL {
  const columns: Record<string, PgColumn> = getTableColumns(table);
  const keys = Object.keys(rows[0] ?? {}).filter((key) => columns[key]);
  const names = keys.map((key) => sql.identifier((columns[key] as PgColumn).name));
  const arrays = keys.map((key) => {
    const column = columns[key] as PgColumn;
    const values = rows.map((row) => {
      const value = (row as Record<string, unknown>)[key];
      return value === null || value === undefined ? null : column.mapToDriverValue(value);
    });
    return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
  });
  return sql`insert into ${table} (${sql.join(names, sql`, `)}) select * from unnest(${sql.join(arrays, sql`, `)})`;
}

class Rejected extends Error {
  constructor(readonly report: ImportReport) {
    super('import rejected');
  }
}

interface Pending<R, V> {
  row: number;
  cells: (Cell | null)[];
  issues: RowIssue[];
  parsed?: ParsedRow<R, V>;
}

const emptyReport = (spec: AnySpec): ImportReport => ({
  committed: false,
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  issueCount: 0,
  issues: [],
  columns: columnsOf(spec).map(([, column]) => column.title),
  preview: [],
});

/**
 * One pass over an upload: each row parsed and checked as it is read; every `batchSize` valid rows resolved and
 * (when committing and nothing has failed) written, while the next batch is being read.
 */
class ImportPass<R, V, P> {
  readonly report: ImportReport;
  private readonly spec: AnySpec;
  private header = new Map<string, number>();
  private errors: BookWriter | undefined;
  private pending: Pending<R, V>[] = [];
  private valid = 0;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: Ctx,
    private readonly importer: Importer<R, V, P>,
    private readonly options: ImportOptions,
  ) {
    this.spec = importer.spec as unknown as AnySpec;
    this.report = emptyReport(this.spec);
  }

  async run(source: Readable): Promise<ImportReport> {
    try {
      for await (const line of dataSheetRows(source, this.spec)) await this.take(line);
      await this.inFlight;
    } finally {
      // A batch still being written when reading fails settles before the transaction rolls back.
      await this.inFlight.catch(() => undefined);
    }
    await this.flush(this.pending);
    await this.errors?.close();
    return this.report;
  }

  private async take(line: SheetRow & { header?: Map<string, number> }) {
    if (line.header) {
      this.header = line.header;
      if (this.options.errorSheet) {
        const existing = line.cells.findIndex((cell) => titleKey(cell) === errorTitle);
        this.errors = new BookWriter(this.options.errorSheet, this.spec, line.cells, existing >= 0 ? existing : line.cells.length);
      }
      return;
    }
    // Rows with nothing in the spec's columns (blank, or notes beside the table) are no records.
    if ([...this.header.values()].every((position) => (line.cells[position] ?? null) === null)) return;
    const entry = this.parse(line);
    this.pending.push(entry);
    if (entry.parsed) this.valid += 1;
    if (this.valid < (this.options.batchSize ?? 1000) && this.pending.length < 5000) return;
    await this.inFlight;
    this.inFlight = this.flush(this.pending);
    this.inFlight.catch(() => undefined);
    this.pending = [];
    this.valid = 0;
  }

  private parse(line: SheetRow): Pending<R, V> {
    this.report.rows += 1;
    if (this.report.rows > importLimits.rows) throw new AppError('payload_too_large', `一个文件最多 ${importLimits.rows} 行，请拆分后分批导入`);
    const issues: RowIssue[] = [];
    const record: Record<string, unknown> = {};
    for (const [key, column] of columnsOf(this.spec)) {
      const position = this.header.get(key);
      const cell = position === undefined ? null : (line.cells[position] ?? null);
      if (cell === null) {
        if (column.required) issues.push({ column: key, message: '必填' });
        record[key] = null;
        continue;
      }
      const parsed = column.parse(cell);
      if ('error' in parsed) issues.push({ column: key, message: parsed.error });
      else record[key] = parsed.value;
    }
    if (issues.length > 0) return { row: line.row, cells: line.cells, issues };
    const checked = this.importer.check(record as R);
    if ('issues' in checked) return { row: line.row, cells: line.cells, issues: checked.issues };
    return { row: line.row, cells: line.cells, issues, parsed: { row: line.row, record: record as R, value: checked.value } };
  }

  private titleOf(key: string | null): string | null {
    return key === null ? null : (this.spec.columns[key]?.title ?? null);
  }

  private async flush(batch: Pending<R, V>[]) {
    const { report } = this;
    const parsed = batch.flatMap((p) => (p.parsed ? [p.parsed] : []));
    const resolutions = parsed.length > 0 ? await this.importer.resolve(this.ctx, parsed) : [];
    const plans: P[] = [];
    let next = 0;
    for (const p of batch) {
      const resolution = p.parsed ? resolutions[next++] : undefined;
      if (resolution && 'issues' in resolution) p.issues.push(...resolution.issues);
      if (p.issues.length > 0) {
        report.failed += 1;
        for (const issue of p.issues) {
          report.issueCount += 1;
          if (report.issues.length < importLimits.reportedIssues)
            report.issues.push({ row: p.row, column: this.titleOf(issue.column), message: issue.message });
        }
      } else if (resolution && 'action' in resolution) {
        report[resolution.action === 'create' ? 'created' : resolution.action === 'update' ? 'updated' : 'unchanged'] += 1;
        if ('plan' in resolution) plans.push(resolution.plan);
        if (report.preview.length < importLimits.previewRows && p.parsed)
          report.preview.push({
            row: p.row,
            action: resolution.action,
            cells: formatted(this.spec, p.parsed.record as Record<string, unknown>).map((cell) => (cell === null ? '' : cellText(cell))),
          });
      }
      this.errors?.add({
        row: p.row,
        cells: p.cells,
        error: p.issues.map((issue) => (this.titleOf(issue.column) ? `${this.titleOf(issue.column)}：${issue.message}` : issue.message)).join('；'),
        bad: p.issues.flatMap((issue) => {
          const position = issue.column === null ? undefined : this.header.get(issue.column);
          return position === undefined ? [] : [position];
        }),
      });
    }
    if (this.options.commit && report.failed === 0 && plans.length > 0) await this.importer.write(this.ctx, plans);
  }
}

/**
 * Imports the upload: a preview (`commit: false`) reads, checks and resolves every row and writes nothing; a commit
 * does the same inside one transaction, writing batch by batch, and rolls everything back when any row failed —
 * then answers 422 with the rows and columns at fault.
 */
export async function runImport<R, V, P>(ctx: Ctx, source: Readable, importer: Importer<R, V, P>, options: ImportOptions): Promise<ImportReport> {
  if (!options.commit) return new ImportPass(ctx, importer, options).run(source);
  try {
    return await transact(ctx, async (tx) => {
      const report = await new ImportPass(tx, importer, options).run(source);
      if (report.failed > 0) throw new Rejected(report);
      await importer.finish(tx, report);
      return { ...report, committed: true };
    });
  } catch (error) {
    if (error instanceof Rejected) throw rejection(error.report);
    throw error;
  }
}

function rejection(report: ImportReport): AppError {
  const issues = report.issues.map((issue: ImportIssue) => ({
    path: `rows.${issue.row}${issue.column ? `.${issue.column}` : ''}`,
    message: issue.message,
  }));
  return new AppError('validation_failed', `共 ${report.failed} 行有误（${report.issueCount} 处），未导入任何数据；请下载错误报告，修改后重新导入`, issues);
}

/** The upload with an error column: every row as it was, what is wrong with it, and the cells at fault highlighted. */
export async function errorSheet<R, V, P>(ctx: Ctx, source: Readable, importer: Importer<R, V, P>): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });
  await new ImportPass(ctx, importer, { commit: false, errorSheet: output }).run(source);
  await ended;
  return Buffer.concat(chunks);
}
