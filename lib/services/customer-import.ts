import { parse } from 'csv-parse/sync';
import type { AppContext } from './context';
import { canonicalHeader, rowFingerprint, rowToCustomerInput } from '../domain/customer-csv';
import { DomainError } from '../domain/errors';
import type { Actor } from '../domain/staff';
import { createCustomer } from './customers';
import { normalizePhone } from '../domain/phone';

export interface ImportReport {
  rows: number;
  created: number;
  /** rows this file already created in an earlier run */
  skipped: number;
  invalid: Array<{ line: number; reason: string; field?: string }>;
  createdIds: string[];
}

// Enough parallel transactions to keep DynamoDB busy without throttling a fresh on-demand table.
const CONCURRENCY = 16;

/**
 * CSV import: every valid row becomes a customer, every invalid row is reported
 * with its line and reason. Each row is claimed by a fingerprint, so running
 * the same file twice creates nothing the second time.
 */
export async function importCustomersCsv(ctx: AppContext, actor: Actor, csv: string, now: Date): Promise<ImportReport> {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(csv, {
      columns: (header: string[]) => header.map(canonicalHeader),
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    const e = error as { message: string; lines?: number; code?: string };
    throw new DomainError('bad_request', `CSV could not be read${e.lines ? ` at line ${e.lines}` : ''}: ${e.message}`, { line: e.lines, code: e.code });
  }
  const max = ctx.config.customers.importMaxRows;
  if (records.length > max) {
    throw new DomainError('payload_too_large', `CSV has ${records.length} rows; at most ${max} per import`, { limit: max });
  }
  const report: ImportReport = { rows: records.length, created: 0, skipped: 0, invalid: [], createdIds: [] };
  // Rows run in parallel, so two rows of one file claiming the same phone or email would race:
  // the earlier line wins, decided here rather than by timing.
  const firstLineOf = new Map<string, number>();
  const duplicates = new Map<number, { field: string; reason: string }>();
  for (const { record, info } of records) {
    const input = rowToCustomerInput(record);
    const phones = ((input.phones as string[] | undefined) ?? []).map((p) => normalizePhone(p, ctx.config.defaultPhoneRegion) ?? p);
    const emails = ((input.emails as string[] | undefined) ?? []).map((e) => e.toLowerCase());
    for (const value of [...phones, ...emails]) {
      const first = firstLineOf.get(value);
      if (first === undefined) firstLineOf.set(value, info.lines);
      else if (!duplicates.has(info.lines)) duplicates.set(info.lines, { field: value.includes('@') ? 'emails' : 'phones', reason: `${value} already belongs to the row at line ${first}` });
    }
  }
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const { record, info } = records[next++]!;
      const duplicate = duplicates.get(info.lines);
      if (duplicate) {
        report.invalid.push({ line: info.lines, ...duplicate });
        continue;
      }
      try {
        const customer = await createCustomer(ctx, actor, rowToCustomerInput(record), now, [{ key: 'import', value: rowFingerprint(record) }]);
        report.created++;
        report.createdIds.push(customer.id);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error.key === 'error.duplicate_import') report.skipped++;
        else {
          const issues = (error.details as { issues?: Array<{ path: string }> } | undefined)?.issues;
          report.invalid.push({ line: info.lines, reason: error.message, field: issues?.[0]?.path ?? (error.details as { field?: string })?.field });
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, records.length) }, worker));
  report.invalid.sort((a, b) => a.line - b.line);
  return report;
}
