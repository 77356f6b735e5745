import { runCareDaily } from '../services/care-daily';
import { runReminder } from '../services/reminders';
import type { ScheduledJobs } from './index';

export const careScheduledJobs = {
  /** care-daily: the day's care tasks and one DM per owner (lib/schedules.ts, 08:00 company time). */
  'care-daily': (ctx, now) => runCareDaily(ctx, now),
  /** reminder: a one-off EventBridge Scheduler schedule fired (lib/services/reminders.ts). */
  reminder: (ctx, now, detail) => runReminder(ctx, now, detail),
} satisfies ScheduledJobs;
