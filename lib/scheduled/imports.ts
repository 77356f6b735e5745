import { sweepImports } from '../services/import-sweep';
import type { ScheduledJobs } from './index';

export const importScheduledJobs = {
  /** import-sweep: resume imports whose worker stopped renewing its lease (lib/schedules.ts, every 5 minutes). */
  'import-sweep': (ctx, now) => sweepImports(ctx, now),
} satisfies ScheduledJobs;
