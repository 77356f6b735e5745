import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../domain/errors';
import type { SheetRow } from '../domain/import-table';

/**
 * .xlsx in and out through exceljs (pure JavaScript, no native code). Reading
 * takes the first sheet or the one named; every cell becomes the text a
 * person sees in Excel (a formula's last computed result, a date as
 * YYYY-MM-DD), so the import pipeline treats a sheet exactly like a CSV.
 */
const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const time = value.getUTCHours() || value.getUTCMinutes() ? `T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:00Z` : '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}${time}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

export async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<{ rows: SheetRow[]; sheet: string }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new DomainError(
      'bad_request',
      `The .xlsx file could not be read: ${(error as Error).message}`,
      { field: 'file', reason: 'malformed_xlsx' },
      'import.error.xlsx',
    );
  }
  const sheets = workbook.worksheets;
  const sheet = sheetName ? sheets.find((s) => s.name === sheetName) : sheets[0];
  if (!sheet) {
    const names = sheets.map((s) => s.name).join(', ');
    throw new DomainError(
      'validation_failed',
      sheetName ? `The workbook has no sheet "${sheetName}"; its sheets: ${names}` : 'The workbook has no sheets',
      { issues: [{ path: 'sheet', message: `not found; sheets: ${names}` }] },
      'import.error.sheet',
      { sheet: sheetName ?? '', sheets: names },
    );
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    for (let i = 0; i < cells.length; i++) cells[i] ??= '';
    rows.push({ line: rowNumber, cells });
  });
  return { rows, sheet: sheet.name };
}

/** One sheet of text cells; callers neutralise formula-like text first (lib/domain/spreadsheet-cell.ts). */
export async function writeXlsx(sheetName: string, rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The same as writeXlsx for large tables (the customer export): exceljs's
 * streaming writer commits each row as it goes instead of holding a workbook
 * model, several times faster at 100,000 rows.
 */
export async function writeLargeXlsx(sheetName: string, rows: Iterable<string[]>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
