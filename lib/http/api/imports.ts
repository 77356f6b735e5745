import { DomainError } from '../../domain/errors';
import { importReport, rejectedRowsCsv, startImport } from '../../services/import-jobs';
import type { ApiHandlers } from '../api-handler';
import { importFileTypes, importQuery } from '../contract/imports';
import { bodyBytes, mediaType } from '../request';

/**
 * Customer import as a job (docs/import.md): the upload is checked and
 * answered 202 at once; the report is polled at the Location it names.
 */
const fileTypes = new Set(Object.keys(importFileTypes));

export const importRoutes = {
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
} satisfies ApiHandlers;
