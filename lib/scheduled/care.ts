import { runCareDaily } from '../services/care-daily';
import { runReminder } from '../services/reminders';
import { registerJob } from './index';

/** care-daily: the day's care tasks and one DM per owner (lib/schedules.ts, 08:00 company time). */
registerJob('care-daily', (ctx, now) => runCareDaily(ctx, now));
/** reminder: a one-off EventBridge Scheduler schedule fired (lib/services/reminders.ts). */
registerJob('reminder', (ctx, now, detail) => runReminder(ctx, now, detail));
