import type { Customer } from '../domain/customer';
import { customerExportRow, type ExportRequest, exportHeader } from '../domain/customer-export';
import { neutraliseCell, toSafeCsv } from '../domain/spreadsheet-cell';
import { writeXlsx } from '../files/xlsx-writer';
import type { Page } from '../store';
import type { AppContext } from './context';

/**
 * The export worker: reads every customer the job's filters select, page by
 * page, writes the CSV (UTF-8 with BOM) or .xlsx with every cell neutralised
 * against formula injection, stores it with the job and only then marks the
 * job done.
 */
const PAGE = 1000;

export async function runExport(ctx: AppContext, id: string, clock: () => Date): Promise<'done' | 'failed' | 'not-mine'> {
  const { exports } = ctx.store;
  const job = await exports.mustGet(id);
  if (!(await exports.start(id, clock().toISOString()))) return 'not-mine';
  try {
    const table = await customerTable(ctx, job.request);
    const file =
      job.request.format === 'xlsx'
        ? await writeXlsx(
            'customers',
            table.map((r) => r.map((c) => String(neutraliseCell(c)))),
          )
        : Buffer.from(toSafeCsv(table), 'utf8');
    const parts = await exports.putFile(job, file, ctx.config.customers.imports.retentionDays);
    await exports.finish(id, { status: 'done', finishedAt: clock().toISOString(), rows: table.length - 1, bytes: file.length, parts });
    return 'done';
  } catch (error) {
    ctx.logger.error('export failed', { exportId: id, error: error as Error });
    await exports.finish(id, { status: 'failed', finishedAt: clock().toISOString(), failure: (error as Error).message.slice(0, 500) });
    return 'failed';
  }
}

async function customerTable(ctx: AppContext, request: ExportRequest): Promise<Array<Array<string | number>>> {
  const table: Array<Array<string | number>> = [exportHeader];
  const read = (cursor?: string): Promise<Page<Customer>> =>
    ctx.store.customers.list({ ownerId: request.ownerId, tier: request.tier, stage: request.stage }, PAGE, cursor);
  // The next page is asked for before this one is turned into rows: DynamoDB reads while Node converts.
  let next: Promise<Page<Customer>> | undefined = read();
  while (next) {
    const page: Page<Customer> = await next;
    next = page.cursor ? read(page.cursor) : undefined;
    for (const c of page.items) table.push(customerExportRow(c));
  }
  return table;
}
