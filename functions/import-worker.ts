import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { appContext } from '../lib/services/context';
import { runImport } from '../lib/services/import-worker';
import '../lib/services/subscribers';

/** Writes an import job's rows (lib/services/import-worker.ts); invoked asynchronously by the API, itself and the import sweep. */
const importEvent = z.object({ importId: z.string().regex(/^imp_[0-9a-z]{26}$/) });

export const handler = async (event: unknown, context?: Context) => {
  const ctx = appContext();
  const parsed = importEvent.safeParse(event);
  if (!parsed.success) {
    ctx.logger.error('import worker event rejected', { issues: parsed.error.issues });
    return { ok: false };
  }
  const outcome = await runImport(ctx, parsed.data.importId, () => new Date(), {
    remainingMs: context?.getRemainingTimeInMillis ? () => context.getRemainingTimeInMillis() : undefined,
  });
  ctx.logger.info('import worker stopped', { importId: parsed.data.importId, outcome });
  return { ok: true, outcome };
};
