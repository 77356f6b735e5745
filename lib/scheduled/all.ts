import { careScheduledJobs } from './care';
import { complaintScheduledJobs } from './complaints';
import { digestScheduledJobs } from './digest';
import { importScheduledJobs } from './imports';
import type { Job, ScheduledJobName } from './index';
import { surveyScheduledJobs } from './surveys';

/** Every scheduled job, by the name its schedule (lib/schedules.ts) or reminder delivers. */
export const scheduledJobs: Record<ScheduledJobName, Job> = {
  ...careScheduledJobs,
  ...complaintScheduledJobs,
  ...digestScheduledJobs,
  ...surveyScheduledJobs,
  ...importScheduledJobs,
};
