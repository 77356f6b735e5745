import { parse } from 'csv-parse/sync';
import { knownField } from './customer-csv';
import { DomainError } from './errors';

/**
 * The shape of an uploaded customer list, checked before any row is written:
 * a header naming known fields once each, at least one data row, at most the
 * configured number of rows. Row-level problems (too many or too few cells)
 * stay with the row and are reported as invalid rows; file-level problems
 * refuse the whole upload.
 */
export interface SheetRow {
  /** line in the CSV file, or row number in the sheet */
  line: number;
  cells: string[];
}

export interface ImportColumn {
  header: string;
  /** 1-based position, as a spreadsheet shows it */
  number: number;
  /** the customer field it fills; absent for a column that maps to nothing */
  field?: string;
}

export interface ImportIssue {
  line?: number;
  column?: string;
  reason: string;
}

export interface PlannedRow {
  line: number;
  /** canonical field → trimmed text (known, non-empty cells only) */
  record: Record<string, string>;
  /** the raw cells, for rejected.csv */
  cells: string[];
  /** found while planning: a cell-count mismatch or an in-file duplicate */
  problem?: ImportIssue;
}

export interface ImportPlan {
  columns: ImportColumn[];
  warnings: ImportIssue[];
  rows: PlannedRow[];
}

export const columnLetter = (n: number): string => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

const columnLabel = (c: { header: string; number: number }) => `${columnLetter(c.number)} (${c.header || 'no header'})`;

/** CSV text (already decoded) as rows with their line numbers; a broken quote refuses the file, naming line and column. */
export function readCsv(text: string): SheetRow[] {
  try {
    const records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 64 * 1024,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
  } catch (error) {
    const e = error as { message: string; lines?: number; column?: number | string; code?: string };
    const where = e.lines ? ` at line ${e.lines}${e.column !== undefined ? `, column ${e.column}` : ''}` : '';
    throw new DomainError(
      'bad_request',
      `CSV could not be read${where}: ${e.message}`,
      { line: e.lines, column: e.column, code: e.code, reason: 'malformed' },
      'import.error.malformed',
      { line: e.lines ?? 0 },
    );
  }
}

const blank = (cells: string[]) => cells.every((c) => c.trim() === '');

export function planImport(sheet: SheetRow[], maxRows: number): ImportPlan {
  const rows = sheet.filter((r) => !blank(r.cells));
  if (rows.length === 0)
    throw new DomainError(
      'validation_failed',
      'The file is empty: it needs a header row and at least one customer row',
      { issues: [{ path: 'file', message: 'empty' }] },
      'import.error.empty',
    );
  const [head, ...data] = rows as [SheetRow, ...SheetRow[]];
  const columns: ImportColumn[] = head.cells.map((header, i) => ({ header: header.trim(), number: i + 1, field: knownField(header) }));
  const issues: Array<{ path: string; message: string }> = [];
  columns.forEach((c) => {
    if (!c.header) issues.push({ path: `line ${head.line}, column ${columnLetter(c.number)}`, message: 'header is empty' });
  });
  const byField = new Map<string, ImportColumn>();
  for (const c of columns) {
    if (!c.field) continue;
    const first = byField.get(c.field);
    if (first)
      issues.push({
        path: `line ${head.line}, column ${columnLabel(c)}`,
        message: `duplicates column ${columnLabel(first)}: both fill "${c.field}"`,
      });
    else byField.set(c.field, c);
  }
  if (!byField.has('name')) issues.push({ path: `line ${head.line}`, message: 'no name column (name, 姓名, 客户名称 or 名称)' });
  if (issues.length) {
    throw new DomainError(
      'validation_failed',
      `The header row is not usable: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
      'import.error.header',
      { line: head.line },
    );
  }
  if (data.length === 0)
    throw new DomainError(
      'validation_failed',
      'The file has a header but no customer rows',
      { issues: [{ path: 'file', message: 'header only' }] },
      'import.error.header_only',
    );
  if (data.length > maxRows) {
    throw new DomainError(
      'payload_too_large',
      `The file has ${data.length} customer rows; at most ${maxRows} per import — split it`,
      { limit: maxRows, rows: data.length },
      'import.error.too_many_rows',
      { rows: data.length, limit: maxRows },
    );
  }
  const unknown = columns.filter((c) => !c.field && c.header);
  const warnings: ImportIssue[] = unknown.map((c) => ({
    column: columnLabel(c),
    reason: `column "${c.header}" maps to no customer field; its cells were ignored`,
  }));
  const planned = data.map(({ line, cells }): PlannedRow => {
    const record: Record<string, string> = {};
    for (const c of columns) {
      // The apostrophe our own CSVs put before formula-like text (spreadsheet-cell.ts) comes off again.
      const value = cells[c.number - 1]?.trim().replace(/^'(?=[=+\-@\t\r])/, '');
      if (c.field && value) record[c.field] = value;
    }
    let problem: ImportIssue | undefined;
    if (cells.length > columns.length) {
      problem = {
        line,
        column: columnLetter(columns.length + 1),
        reason: `row has ${cells.length} cells but the header has ${columns.length} columns`,
      };
    } else if (cells.length < columns.length) {
      problem = {
        line,
        column: columnLabel(columns[cells.length]!),
        reason: `row has ${cells.length} cells but the header has ${columns.length} columns`,
      };
    }
    return { line, record, cells, ...(problem ? { problem } : {}) };
  });
  return { columns, warnings, rows: planned };
}

/** The column a field path of the customer schema came from (phones.0 → the phone column). */
export function columnOfField(columns: ImportColumn[], path: string | undefined): string | undefined {
  if (!path) return undefined;
  const [top, sub] = path.split('.');
  const field =
    top === 'address'
      ? sub === 'city'
        ? 'city'
        : sub === 'region'
          ? 'region'
          : 'addressLine'
      : top === 'purchases'
        ? sub === 'count'
          ? 'purchaseCount'
          : sub === 'lastPurchaseAt'
            ? 'lastPurchaseAt'
            : 'purchaseAmount'
        : top === 'flags'
          ? sub === 'vip'
            ? 'vip'
            : 'keyAccount'
          : top;
  const column = columns.find((c) => c.field === field);
  return column ? columnLabel(column) : undefined;
}
