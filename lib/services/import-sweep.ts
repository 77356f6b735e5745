import type { AppContext } from './context';
import { dispatchImport } from './import-dispatch';

/**
 * Scheduled: resume every import whose worker stopped renewing its lease (crashed, timed out,
 * never started). Apart from the worker (lib/services/import-worker.ts) so the scheduled
 * function only hands the job over and does not bundle what writes customers.
 */
export async function sweepImports(ctx: AppContext, now: Date): Promise<{ resumed: number }> {
  const stalled = await ctx.store.imports.stalled(now.toISOString());
  for (const id of stalled) await dispatchImport(ctx, id);
  return { resumed: stalled.length };
}
