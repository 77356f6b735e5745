import type { Db } from './db';
import { createSurveyCampaignRepo } from './survey-campaigns';
import { createSurveyInvitationRepo } from './survey-invitations';
import { createSurveyRateLimitRepo } from './survey-rate-limits';
import { createSurveyResponseRepo } from './survey-responses';
import { createSurveyTemplateRepo } from './survey-templates';

/**
 * The survey repositories as one (`store.surveys`): one file per record type —
 * templates, invitations (with links and answers), responses by time, campaigns,
 * rate limits — over the keys of survey-keys.ts (see README.md, Surveys).
 */
export function createSurveyRepo(db: Db) {
  return {
    ...createSurveyTemplateRepo(db),
    ...createSurveyInvitationRepo(db),
    ...createSurveyResponseRepo(db),
    ...createSurveyCampaignRepo(db),
    ...createSurveyRateLimitRepo(db),
  };
}

export type SurveyRepo = ReturnType<typeof createSurveyRepo>;
