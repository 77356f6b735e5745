import { localDay } from '../domain/calendar';
import type { AppContext } from './context';

/**
 * One recipient or item of a scheduled job that failed: logged with its id,
 * counted (`jobs.<job>.item_failures` on the day's counters, which the
 * operators' dashboards and alarms read) and left for the next run, which
 * retries it because nothing marked it done. The job goes on with the others.
 */
export async function recordItemFailure(ctx: AppContext, job: string, itemId: string, error: unknown, now: Date): Promise<void> {
  ctx.logger.error(`${job}: one item failed; the next run retries it`, { job, itemId, error: error as Error });
  try {
    await ctx.store.transact(
      ctx.store.counters.incrementOps(localDay(now, ctx.config.company.timeZone), { [`jobs.${job}.item_failures`]: 1 }),
    );
  } catch (countError) {
    ctx.logger.warn('item failure not counted', { job, itemId, error: countError as Error });
  }
}
