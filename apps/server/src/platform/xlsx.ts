import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export interface Column {
  key: string;
  title: string;
}

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A workbook of one sheet streamed while its rows are read, so an export of any size holds
 * only one batch in memory. Header row bold and frozen, as users expect of a ledger.
 */
export function xlsxStream(sheetName: string, columns: Column[], batches: AsyncIterable<Record<string, unknown>[]>): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.title, key: c.key, width: Math.max(12, c.title.length * 2 + 4) }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const batch of batches) for (const row of batch) sheet.addRow(row).commit();
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => output.destroy(error as Error));
  return output;
}

/** `attachment; filename*=` with the UTF-8 name Chinese browsers and Excel expect. */
export function attachment(filename: string): string {
  return `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
