import { scheduledJobs } from '../lib/scheduled/all';
import { scheduledJobHandler } from '../lib/scheduled/handler';
import '../lib/notify/install-channels';

/** EventBridge Scheduler target: { job, time, detail? } → the named job, run for that moment (lib/scheduled/handler.ts). */
export const handler = scheduledJobHandler(scheduledJobs);
