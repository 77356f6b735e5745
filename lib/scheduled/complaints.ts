import { runSlaSweep } from '../services/sla-sweep';
import type { ScheduledJobs } from './index';

export const complaintScheduledJobs = {
  /** sla-sweep: SLA warnings and escalations that are due (lib/schedules.ts, every 5 minutes). */
  'sla-sweep': (ctx, now) => runSlaSweep(ctx, now),
} satisfies ScheduledJobs;
