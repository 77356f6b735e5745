import { sweepImports } from '../services/import-worker';
import { registerJob } from './index';

/** import-sweep: resume imports whose worker stopped renewing its lease (lib/schedules.ts, every 5 minutes). */
registerJob('import-sweep', (ctx, now) => sweepImports(ctx, now));
