import * as z from 'zod';

/**
 * Satisfaction surveys (docs/domain.md, Surveys). Overridable as a whole or in part with
 * the JSON env var CARELOOP_SURVEYS, e.g.
 * `{"campaigns":{"dates":["06-01","12-01"]},"lowScore":{"nps":5}}`.
 * The name on the survey pages is `COMPANY_NAME` (config.company.name); working
 * days for campaign targets follow the company calendar of
 * CARELOOP_COMPLAINTS.businessHours (weekdays, holidays, make-up days).
 */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a month-day such as 06-15');
const templateId = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'a template id such as csat');

export const surveySettings = z.object({
  /** a link stops working this many days after it was sent (also the token item's TTL) */
  tokenExpiryDays: z.number().int().min(1).max(90).default(14),
  /** the template each trigger sends when the caller names none */
  templates: z
    .object({
      complaintResolved: templateId.default('csat'),
      returnVisit: templateId.default('csat'),
      manual: templateId.default('nps'),
      campaign: templateId.default('nps'),
    })
    .prefault({}),
  campaigns: z
    .object({
      enabled: z.boolean().default(true),
      /** start days (company time zone), twice a year by default */
      dates: z.array(monthDay).max(12).default(['06-15', '12-15']),
      /** reminders to non-responders on these working days after the start */
      reminderWorkingDays: z.array(z.number().int().min(1).max(60)).max(5).default([5, 9]),
      /** answers count towards the target within this many working days of the start */
      targetWorkingDays: z.number().int().min(1).max(60).default(10),
      /** share of the campaign's customers reached (a link delivered) */
      reachTarget: z.number().min(0).max(1).default(0.95),
      /** share of reached customers answering within the target days */
      answerTarget: z.number().min(0).max(1).default(0.95),
      /** customers read per page of the active-customer listing; progress is saved after each page */
      pageSize: z.number().int().min(10).max(500).default(100),
    })
    .prefault({}),
  /** at or below these scores the owner is alerted at once (NPS detractor, dissatisfied CSAT) */
  lowScore: z
    .object({
      nps: z.number().int().min(0).max(10).default(6),
      csat: z.number().int().min(1).max(5).default(2),
    })
    .prefault({}),
  /** submissions per fixed window, per link and per client IP; the page answers 429 beyond */
  rateLimit: z
    .object({
      windowSeconds: z.number().int().min(10).max(86_400).default(600),
      perToken: z.number().int().min(1).max(1000).default(10),
      perIp: z.number().int().min(1).max(100_000).default(300),
    })
    .prefault({}),
  /** a survey form never needs more; bigger bodies get 413 */
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(16 * 1024),
  /** links listed in one Slack DM to an owner (Slack allows 50 blocks) */
  linksPerMessage: z.number().int().min(1).max(45).default(20),
  results: z
    .object({
      /** longest range of GET /api/surveys/results */
      maxDays: z.number().int().min(1).max(3660).default(366),
      /** responses read for one results request; beyond this the answer says `truncated` */
      maxResponsesRead: z.number().int().min(100).max(1_000_000).default(50_000),
    })
    .prefault({}),
});

export type SurveySettings = z.output<typeof surveySettings>;
