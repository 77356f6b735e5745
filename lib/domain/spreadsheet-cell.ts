import { stringify } from 'csv-stringify/sync';

/**
 * Every CSV (and .xlsx) the product writes goes through here. Excel and
 * LibreOffice run a cell that starts with = + - @ (or a tab or carriage return
 * before one) as a formula — a customer named `=HYPERLINK(...)` would become a
 * link on the manager's machine. Such text gets a leading apostrophe, which
 * spreadsheets show as plain text. Numbers stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string | number | boolean | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export type CellValue = string | number | boolean | null | undefined;

/** Rows as CSV with CRLF line ends; `bom` (default on) makes Excel read UTF-8 Chinese correctly. */
export function toSafeCsv(rows: CellValue[][], opts: { bom?: boolean } = {}): string {
  const csv = stringify(
    rows.map((r) => r.map(neutraliseCell)),
    { record_delimiter: 'windows' },
  );
  return opts.bom === false ? csv : `\uFEFF${csv}`;
}
