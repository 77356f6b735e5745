import { runSurveyCampaigns } from '../services/survey-campaigns';
import type { ScheduledJobs } from './index';

export const surveyScheduledJobs = {
  /** survey-campaigns: start a campaign on its date once, send reminders on their days (lib/schedules.ts, daily 10:00 company time). */
  'survey-campaigns': (ctx, now) => runSurveyCampaigns(ctx, now),
} satisfies ScheduledJobs;
