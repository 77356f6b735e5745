import { runSurveyCampaigns } from '../services/survey-campaigns';
import { registerJob } from './index';

/** survey-campaigns: start a campaign on its date once, send reminders on their days (lib/schedules.ts, daily 10:00 company time). */
registerJob('survey-campaigns', (ctx, now) => runSurveyCampaigns(ctx, now));
