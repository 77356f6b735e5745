import type { JobHandler } from '../feature-module';
import type { WorkerJobKind } from '../worker-job-kinds';
import { askJobs } from './ask';
import { careJobs } from './care';
import { complaintJobs } from './complaints';
import { customerJobs } from './customers';
import { digestJobs } from './digest';
import { homeJobs } from './home';
import { importJobs } from './imports';
import { staffJobs } from './staff';
import { surveyJobs } from './surveys';

/** Every job the worker runs, by kind (`<feature>.<verb>`): one handler for each kind in worker-job-kinds.ts. */
export const jobHandlers: Record<WorkerJobKind, JobHandler> = {
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
