import { DomainError, ForbiddenError } from '../domain/errors';
import { decodeText, looksLikeXlsx } from '../domain/import-encoding';
import { columnOfField, type PlannedRow, planImport, readCsv, type SheetRow } from '../domain/import-table';
import { normalizePhone } from '../domain/phone';
import { toSafeCsv } from '../domain/spreadsheet-cell';
import { type Actor, atLeast } from '../domain/staff';
import { staffDirectory } from '../domain/staff-reference';
import { readXlsx } from '../files/xlsx';
import { type ImportJob, newId, type SlackProgress } from '../store';
import type { AppContext } from './context';
import { dispatchImport } from './import-dispatch';

/**
 * Customer import as a job: the upload is decoded, its shape checked and its
 * rows planned and stored at once (a bad file is refused before anything is
 * written); the rows themselves are written by the import worker, and the
 * report is read while it runs.
 */
export interface ImportUpload {
  bytes: Uint8Array;
  /** a name for the report only; the format is decided from the bytes */
  fileName?: string;
  /** the sheet of an .xlsx to read; the first one otherwise */
  sheet?: string;
  /** owner for rows without one: a Slack user id, e-mail or staff name */
  defaultOwner?: string;
  slack?: SlackProgress;
}

export async function startImport(ctx: AppContext, actor: Actor, upload: ImportUpload, now: Date): Promise<ImportJob> {
  if (!atLeast(actor.role, 'manager')) throw new ForbiddenError('Only managers and admins may import customers', 'import.error.forbidden');
  const settings = ctx.config.customers;
  if (upload.bytes.length === 0)
    throw new DomainError('validation_failed', 'The file is empty', { issues: [{ path: 'file', message: 'empty' }] }, 'import.error.empty');
  if (upload.bytes.length > settings.imports.maxBytes) {
    throw new DomainError(
      'payload_too_large',
      `The file is ${upload.bytes.length} bytes; at most ${settings.imports.maxBytes} per import`,
      { limit: settings.imports.maxBytes },
      'import.error.too_large',
    );
  }
  let sheet: SheetRow[];
  let format: ImportJob['format'];
  let encoding: string | undefined;
  let sheetName: string | undefined;
  if (looksLikeXlsx(upload.bytes)) {
    const read = await readXlsx(upload.bytes, upload.sheet);
    format = 'xlsx';
    sheetName = read.sheet;
    sheet = read.rows;
  } else {
    const decoded = decodeText(upload.bytes);
    format = 'csv';
    encoding = decoded.encoding;
    sheet = readCsv(decoded.text);
  }
  const plan = planImport(format === 'xlsx' ? padToHeader(sheet) : sheet, settings.importMaxRows);
  let defaultOwnerId: string | undefined;
  if (upload.defaultOwner) {
    const match = staffDirectory(await ctx.store.staff.all()).resolve(upload.defaultOwner);
    if ('reason' in match)
      throw new DomainError(
        'validation_failed',
        `owner: ${match.reason}`,
        { issues: [{ path: 'owner', message: match.reason }] },
        'import.error.default_owner',
      );
    defaultOwnerId = match.staff.slackUserId;
  }
  markInFileDuplicates(plan.rows, plan.columns, ctx.config.defaultPhoneRegion);
  const chunkRows = settings.imports.chunkRows;
  const chunks: PlannedRow[][] = [];
  for (let i = 0; i < plan.rows.length; i += chunkRows) chunks.push(plan.rows.slice(i, i + chunkRows));
  const job: ImportJob = {
    id: newId('imp', now.getTime()),
    status: 'queued',
    actorId: actor.id,
    actorRole: actor.role,
    ...(upload.fileName ? { fileName: upload.fileName.slice(0, 200) } : {}),
    format,
    ...(encoding ? { encoding } : {}),
    ...(sheetName ? { sheet: sheetName } : {}),
    ...(defaultOwnerId ? { defaultOwnerId } : {}),
    columns: plan.columns,
    warnings: plan.warnings,
    rows: plan.rows.length,
    chunks: chunks.length,
    nextChunk: 0,
    rowsDone: 0,
    created: 0,
    skipped: 0,
    invalid: 0,
    attempts: 0,
    createdAt: now.toISOString(),
    ...(upload.slack ? { slack: upload.slack } : {}),
  };
  // A job nobody picked up within one lease is found by the sweep.
  const firstLease = new Date(now.getTime() + settings.imports.leaseSeconds * 1000).toISOString();
  await ctx.store.imports.create(job, chunks, firstLease, settings.imports.retentionDays);
  await dispatchImport(ctx, job.id);
  return job;
}

/** .xlsx rows end at their last filled cell; trailing empty cells are not "missing". */
function padToHeader(rows: SheetRow[]): SheetRow[] {
  const width = rows[0]?.cells.length ?? 0;
  return rows.map((r) => (r.cells.length < width ? { ...r, cells: [...r.cells, ...Array<string>(width - r.cells.length).fill('')] } : r));
}

/** Two rows of one file with the same phone or e-mail: the earlier line wins, decided here rather than by timing. */
function markInFileDuplicates(rows: PlannedRow[], columns: Parameters<typeof columnOfField>[0], region: string): void {
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (row.problem) continue;
    const split = (v?: string) =>
      v
        ? v
            .split(/[;；、|]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
    const values = [
      ...split(row.record.phones).map((p) => ({ field: 'phones', key: normalizePhone(p, region) ?? p })),
      ...split(row.record.emails).map((e) => ({ field: 'emails', key: e.toLowerCase() })),
    ];
    for (const { field, key } of values) {
      const first = firstLine.get(key);
      if (first === undefined) firstLine.set(key, row.line);
      else if (!row.problem)
        row.problem = {
          line: row.line,
          column: columnOfField(columns, field),
          reason: `${key} already belongs to the row at line ${first}`,
        };
    }
  }
}

/** What GET /api/imports/{id} shows: progress, counts, warnings, invalid rows, time taken. */
export async function importReport(ctx: AppContext, id: string, now: Date) {
  const job = await ctx.store.imports.mustGet(id);
  const invalidRows = job.invalid
    ? (await ctx.store.imports.results(id)).flatMap((r) => r.invalid.map(({ cells: _cells, ...issue }) => issue))
    : [];
  invalidRows.sort((a, b) => a.line - b.line);
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now.getTime();
  return {
    id: job.id,
    status: job.status,
    fileName: job.fileName,
    format: job.format,
    encoding: job.encoding,
    sheet: job.sheet,
    rows: job.rows,
    rowsDone: job.rowsDone,
    progress: job.rows ? Math.round((job.rowsDone / job.rows) * 1000) / 1000 : 1,
    created: job.created,
    skipped: job.skipped,
    invalid: job.invalid,
    warnings: job.warnings,
    invalidRows,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    seconds: job.startedAt ? Math.max(0, Math.round((end - Date.parse(job.startedAt)) / 100) / 10) : 0,
    attempts: job.attempts,
    ...(job.failure ? { failure: job.failure } : {}),
    ...(job.status === 'done' && job.invalid ? { rejectedCsv: `/api/imports/${job.id}/rejected.csv` } : {}),
  };
}

/** The rejected rows with the original header and a reason column, ready to fix and upload again. */
export async function rejectedRowsCsv(ctx: AppContext, id: string): Promise<string> {
  const job = await ctx.store.imports.mustGet(id);
  const rows = (await ctx.store.imports.results(id)).flatMap((r) => r.invalid).sort((a, b) => a.line - b.line);
  return toSafeCsv([
    [...job.columns.map((c) => c.header), 'line', 'column', 'reason'],
    ...rows.map((r) => [...job.columns.map((_c, i) => r.cells[i] ?? ''), r.line, r.column ?? '', r.reason]),
  ]);
}
