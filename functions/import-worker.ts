import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { appContext } from '../lib/services/context';
import { runExport } from '../lib/services/export-worker';
import { runImport } from '../lib/services/import-worker';
import '../lib/notify/install-channels';
// A job started from Slack shows its progress in the message the bot posted for it.
import '../lib/services/import-progress';

/**
 * Writes an import job's rows (lib/services/import-worker.ts) or an export
 * job's file (lib/services/export-jobs.ts); invoked asynchronously by the API,
 * itself and the import sweep.
 */
const workerEvent = z.union([
  z.object({ importId: z.string().regex(/^imp_[0-9a-z]{26}$/) }),
  z.object({ exportId: z.string().regex(/^exp_[0-9a-z]{26}$/) }),
]);

export const handler = async (event: unknown, context?: Context) => {
  const ctx = appContext();
  const parsed = workerEvent.safeParse(event);
  if (!parsed.success) {
    ctx.logger.error('import worker event rejected', { issues: parsed.error.issues });
    return { ok: false };
  }
  if ('exportId' in parsed.data) {
    const outcome = await runExport(ctx, parsed.data.exportId, () => new Date());
    ctx.logger.info('export worker stopped', { exportId: parsed.data.exportId, outcome });
    return { ok: true, outcome };
  }
  const outcome = await runImport(ctx, parsed.data.importId, () => new Date(), {
    remainingMs: context?.getRemainingTimeInMillis ? () => context.getRemainingTimeInMillis() : undefined,
  });
  ctx.logger.info('import worker stopped', { importId: parsed.data.importId, outcome });
  return { ok: true, outcome };
};
