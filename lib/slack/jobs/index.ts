import type { JobHandler } from '../feature-module';
import { askJobs } from './ask';
import { careJobs } from './care';
import { complaintJobs } from './complaints';
import { customerJobs } from './customers';
import { digestJobs } from './digest';
import { homeJobs } from './home';
import { importJobs } from './imports';
import { staffJobs } from './staff';
import { surveyJobs } from './surveys';

/** Every job the worker runs, by kind (`<feature>.<verb>`). */
export const jobHandlers: Record<string, JobHandler> = {
  ...customerJobs,
  ...complaintJobs,
  ...careJobs,
  ...surveyJobs,
  ...digestJobs,
  ...staffJobs,
  ...homeJobs,
  ...askJobs,
  ...importJobs,
};
