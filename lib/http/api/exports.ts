import { DomainError } from '../../domain/errors';
import { exportFile, exportReport, startExport } from '../../services/export-jobs';
import type { ApiHandlers } from '../api-handler';
import { jsonBody } from '../request';

/**
 * Customer export as a job (docs/import.md): answered 202 at once; the status
 * is polled at the Location it names, the file downloaded from its `file` link.
 * The filters come as a JSON body or, without one, as query parameters.
 */
export const exportRoutes = {
  'POST /api/customers/export': async ({ event, ctx, actor, now }) => {
    const raw = event.body ? jsonBody(event) : (event.queryStringParameters ?? {});
    const job = await startExport(ctx, actor, raw, now);
    const location = `/api/exports/${job.id}`;
    return { status: 202, headers: { location }, body: { id: job.id, status: job.status, format: job.request.format, location } };
  },
  'GET /api/exports/{id}': async ({ ctx, actor, params, now }) => ({ body: await exportReport(ctx, actor, params.id!, now) }),
  'GET /api/exports/{id}/file': async ({ ctx, actor, params }) => {
    const file = await exportFile(ctx, actor, params.id!);
    if (!file)
      throw new DomainError('conflict', `Export ${params.id} is not finished; GET /api/exports/${params.id} shows its status`, {
        id: params.id,
      });
    return {
      binary: file.bytes,
      headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"` },
    };
  },
} satisfies ApiHandlers;
