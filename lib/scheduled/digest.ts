import { sendDueDigests } from '../services/digest';
import type { ScheduledJobs } from './index';

export const digestScheduledJobs = {
  /** digest: hourly (UTC, lib/schedules.ts); sends each manager's digest at the configured hour of their own time zone. */
  digest: (ctx, now) => sendDueDigests(ctx, now),
} satisfies ScheduledJobs;
