import type { ScheduleName } from '../schedules';
import type { AppContext } from '../services/context';

/**
 * Scheduled jobs by name. Each job takes "now" from the event's time, so any
 * moment can be replayed. Features declare theirs in lib/scheduled/<feature>.ts
 * and lib/scheduled/all.ts joins them into one map typed by name: a schedule in
 * lib/schedules.ts without a job, or a job no schedule names, does not compile.
 */
export type Job = (ctx: AppContext, now: Date, detail?: Record<string, unknown>) => Promise<unknown>;

/** Every recurring schedule, plus `reminder`: the target of one-off reminder schedules (lib/services/reminders.ts). */
export type ScheduledJobName = ScheduleName | 'reminder';

/** A feature's part of the map: only names that exist. */
export type ScheduledJobs = Partial<Record<ScheduledJobName, Job>>;
