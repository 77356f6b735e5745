import * as z from 'zod';
import { acceptedHeaders } from '../../domain/customer-csv';
import { DomainError } from '../../domain/errors';
import { importReport, rejectedRowsCsv, startImport } from '../../services/import-jobs';
import type { ApiHandlerFn } from '../api-handler';
import { describeRoute } from '../openapi';
import { bodyBytes, mediaType } from '../request';

/**
 * Customer import as a job (docs/import.md): the upload is checked and
 * answered 202 at once; the report is polled at the Location it names.
 */
const importQuery = z.object({
  sheet: z.string().trim().min(1).max(100).optional().describe('.xlsx: the sheet to read (default: the first)'),
  fileName: z.string().trim().min(1).max(200).optional().describe('shown in the report'),
  owner: z.string().trim().min(1).max(254).optional().describe('owner of rows without one: Slack user id, e-mail or staff name'),
});

const fileTypes = new Set([
  'text/csv',
  'text/plain',
  'application/csv',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
]);

const headersText = Object.entries(acceptedHeaders())
  .map(([field, names]) => `${field}: ${names.join(', ')}`)
  .join('; ');

describeRoute('POST /api/customers/import', {
  contentType: 'text/csv',
  query: importQuery,
  body: z
    .string()
    .describe(
      `A CSV file (UTF-8 with or without BOM, GB18030/GBK or UTF-16LE, detected from the bytes) or an .xlsx workbook ` +
        `(Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), at most 10,000 rows and 4 MB. ` +
        `Answers 202 with the import job and Location /api/imports/{id}. Accepted headers (case-insensitive) — ${headersText}.`,
    ),
});

export const importRoutes: Record<string, ApiHandlerFn> = {
  'POST /api/customers/import': async ({ event, ctx, actor, query, now }) => {
    const type = mediaType(event);
    if (!fileTypes.has(type)) {
      throw new DomainError('unsupported_media_type', `Content-Type must be text/csv or an .xlsx type, not "${type || 'none'}"`, {
        contentType: type,
        accepted: [...fileTypes],
      });
    }
    const { sheet, fileName, owner } = query(importQuery);
    const bytes = bodyBytes(event, ctx.config.customers.imports.maxBytes);
    const job = await startImport(ctx, actor, { bytes, sheet, fileName, defaultOwner: owner }, now);
    const location = `/api/imports/${job.id}`;
    return {
      status: 202,
      headers: { location },
      body: {
        id: job.id,
        status: job.status,
        rows: job.rows,
        format: job.format,
        encoding: job.encoding,
        sheet: job.sheet,
        warnings: job.warnings,
        location,
      },
    };
  },
  'GET /api/imports/{id}': async ({ ctx, params, now }) => ({ body: await importReport(ctx, params.id!, now) }),
  'GET /api/imports/{id}/rejected.csv': async ({ ctx, params }) => ({
    raw: await rejectedRowsCsv(ctx, params.id!),
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="rejected-${params.id}.csv"` },
  }),
};
