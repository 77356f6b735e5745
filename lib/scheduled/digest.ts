import { sendDueDigests } from '../services/digest';
import { registerJob } from './index';

/** digest: hourly (UTC, lib/schedules.ts); sends each manager's digest at the configured hour of their own time zone. */
registerJob('digest', (ctx, now) => sendDueDigests(ctx, now));
