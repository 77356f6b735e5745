import type { AppContext } from '../services/context';

/**
 * Scheduled jobs by name (lib/schedules.ts names them). Each job takes "now"
 * from the event's time, so any moment can be replayed. Features add theirs
 * with registerJob in lib/scheduled/<feature>.ts, imported below.
 */
export type Job = (ctx: AppContext, now: Date, detail?: Record<string, unknown>) => Promise<unknown>;

export const jobs: Record<string, Job> = {};

export function registerJob(name: string, job: Job): void {
  jobs[name] = job;
}
