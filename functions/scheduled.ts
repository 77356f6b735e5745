import * as z from 'zod';
import { jobs } from '../lib/jobs';
import '../lib/jobs/all';
import { appContext } from '../lib/services/context';
import '../lib/services/subscribers';

/** EventBridge Scheduler target: { job, time, detail? } → the named job, run for that moment. */
const scheduledEvent = z.object({
  job: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const handler = async (event: unknown) => {
  const ctx = appContext();
  const parsed = scheduledEvent.safeParse(event);
  if (!parsed.success) {
    ctx.logger.error('scheduled event rejected', { issues: parsed.error.issues });
    return { ok: false, error: 'invalid event' };
  }
  const { job, time, detail } = parsed.data;
  const run = jobs[job];
  if (!run) {
    ctx.logger.warn('no such job', { job });
    return { ok: false, error: `no job ${job}` };
  }
  const result = await run(ctx, new Date(time), detail);
  ctx.logger.info('job done', { job, time });
  return { ok: true, result };
};
