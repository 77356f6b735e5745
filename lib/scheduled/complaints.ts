import { runSlaSweep } from '../services/sla-sweep';
import { registerJob } from './index';

/** sla-sweep: SLA warnings and escalations that are due (lib/schedules.ts, every 5 minutes). */
registerJob('sla-sweep', (ctx, now) => runSlaSweep(ctx, now));
