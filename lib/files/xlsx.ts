import readExcelFile from 'read-excel-file/universal';
import { DomainError } from '../domain/errors';
import type { SheetRow } from '../domain/import-table';

/**
 * Reading .xlsx uploads with read-excel-file (fflate for the zip, a SAX parser
 * for the XML): ≈ 60 KB minified where exceljs is ≈ 1.1 MB, and it reads faster
 * (infra/README.md, "Bundle budgets"). Writing is lib/files/xlsx-writer.ts, on
 * its own so the functions that only read never load the writer. Reading takes
 * the first sheet or the one named; every cell becomes the text a person sees in
 * Excel (a formula's last computed result, a date as YYYY-MM-DD), so the import
 * pipeline treats a sheet exactly like a CSV.
 */
type Cell = string | number | boolean | Date | null | undefined;

const pad = (n: number) => String(n).padStart(2, '0');

function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // A date is a fraction of days in the file: 09:30 comes back as 09:29:59.999… unless rounded.
    value = new Date(Math.round(value.getTime() / 1000) * 1000);
    const time = value.getUTCHours() || value.getUTCMinutes() ? `T${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:00Z` : '';
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}${time}`;
  }
  return String(value);
}

/** The sheet's rows with their Excel line numbers; empty rows are left out and a row ends at its last filled cell. */
export async function readXlsx(bytes: Uint8Array, sheetName?: string): Promise<{ rows: SheetRow[]; sheet: string }> {
  // A copy: a Buffer is often a view into a larger pooled ArrayBuffer.
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let sheets: Array<{ sheet: string; data: Cell[][] }>;
  try {
    sheets = (await readExcelFile(file, { trim: false })) as typeof sheets;
  } catch (error) {
    throw new DomainError(
      'bad_request',
      `The .xlsx file could not be read: ${(error as Error).message}`,
      { field: 'file', reason: 'malformed_xlsx' },
      'import.error.xlsx',
    );
  }
  const found = sheetName === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheetName);
  if (!found)
    throw missingSheet(
      sheetName,
      sheets.map((s) => s.sheet),
    );
  const rows: SheetRow[] = [];
  found.data.forEach((row, index) => {
    let end = row.length;
    while (end > 0 && cellText(row[end - 1]).trim() === '') end--;
    if (end === 0) return;
    rows.push({ line: index + 1, cells: row.slice(0, end).map((cell) => cellText(cell).trim()) });
  });
  return { rows, sheet: found.sheet };
}

function missingSheet(sheetName: string | undefined, sheets: readonly string[]): DomainError {
  const names = sheets.join(', ');
  return new DomainError(
    'validation_failed',
    sheetName ? `The workbook has no sheet "${sheetName}"; its sheets: ${names}` : 'The workbook has no sheets',
    { issues: [{ path: 'sheet', message: `not found; sheets: ${names}` }] },
    'import.error.sheet',
    { sheet: sheetName ?? '', sheets: names },
  );
}
