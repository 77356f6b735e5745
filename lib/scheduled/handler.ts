import * as z from 'zod';
import { appContext } from '../services/context';
import { lambdaEntry } from '../services/lambda-entry';
import { countJobOutcome } from '../services/product-metrics';
import type { Job } from './index';

/** EventBridge Scheduler target: { job, time, detail? } → the named job, run for that moment. */
const scheduledEvent = z.object({
  job: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  detail: z.record(z.string(), z.unknown()).optional(),
});

/** The scheduled function over a map of jobs (functions/scheduled.ts passes lib/scheduled/all.ts). */
export function scheduledJobHandler(jobs: Readonly<Record<string, Job>>) {
  return lambdaEntry(async (event: unknown) => {
    const ctx = appContext();
    const parsed = scheduledEvent.safeParse(event);
    if (!parsed.success) {
      ctx.logger.error('scheduled event rejected', { issues: parsed.error.issues });
      return { ok: false, error: 'invalid event' };
    }
    const { job, time, detail } = parsed.data;
    const run = Object.hasOwn(jobs, job) ? jobs[job] : undefined;
    if (!run) {
      ctx.logger.warn('no such job', { job });
      return { ok: false, error: `no job ${job}` };
    }
    let result: unknown;
    try {
      result = await run(ctx, new Date(time), detail);
    } catch (error) {
      // Thrown on, so Lambda retries and then parks the event in the on-failure queue.
      countJobOutcome(job, 'failed');
      throw error;
    }
    countJobOutcome(job, 'succeeded');
    ctx.logger.info('job done', { job, time });
    return { ok: true, result };
  }, appContext);
}
