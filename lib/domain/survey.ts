import * as z from 'zod';
import { windowDay } from './bounds';
import type { locales } from './customer';
import { DomainError } from './errors';

/**
 * Satisfaction surveys (docs/domain.md, Surveys), pure: templates and their questions,
 * server-side validation of an answer, and the score arithmetic behind NPS,
 * CSAT and CES. Scales: NPS 0–10, CSAT 1–5, CES 1–7.
 */
export const surveyKinds = ['nps', 'csat', 'ces', 'custom'] as const;
export type SurveyKind = (typeof surveyKinds)[number];

export const surveyTriggers = ['complaint-resolved', 'return-visit', 'manual', 'campaign'] as const;
export type SurveyTrigger = (typeof surveyTriggers)[number];

export const scoredTypes = ['nps', 'csat', 'ces'] as const;
export type ScoredType = (typeof scoredTypes)[number];
export const questionTypes = [...scoredTypes, 'scale', 'single-choice', 'text'] as const;

/** The fixed range of each standard scale. */
export const scaleRange: Record<ScoredType, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
};

export type SurveyLocale = (typeof locales)[number];

const localizedText = (max: number) =>
  z.object({ 'zh-CN': z.string().trim().min(1).max(max), en: z.string().trim().min(1).max(max) }).strict();
export type LocalizedText = { 'zh-CN': string; en: string };

const questionId = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _, starting with a letter');

const questionBase = {
  id: questionId,
  text: localizedText(500),
  required: z.boolean().default(true),
};
const endLabels = { lowLabel: localizedText(60).optional(), highLabel: localizedText(60).optional() };

export const surveyQuestion = z.discriminatedUnion('type', [
  z.object({ ...questionBase, type: z.literal('nps'), ...endLabels }).strict(),
  z.object({ ...questionBase, type: z.literal('csat'), ...endLabels }).strict(),
  z.object({ ...questionBase, type: z.literal('ces'), ...endLabels }).strict(),
  z
    .object({
      ...questionBase,
      type: z.literal('scale'),
      min: z.number().int().min(0).max(10),
      max: z.number().int().min(1).max(10),
      ...endLabels,
    })
    .strict()
    .refine((q) => q.min < q.max, { message: 'min must be below max', path: ['max'] }),
  z
    .object({
      ...questionBase,
      type: z.literal('single-choice'),
      options: z
        .array(z.object({ value: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'a short slug'), label: localizedText(200) }).strict())
        .min(2)
        .max(12),
    })
    .strict()
    .refine((q) => new Set(q.options.map((o) => o.value)).size === q.options.length, {
      message: 'option values must be unique',
      path: ['options'],
    }),
  z.object({ ...questionBase, type: z.literal('text'), maxLength: z.number().int().min(1).max(4000).default(2000) }).strict(),
]);
export type SurveyQuestion = z.output<typeof surveyQuestion>;

/** Fields of a template a caller may set (POST creates, PUT replaces). */
export const surveyTemplateInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(surveyKinds),
    /** the page heading; the catalogue's default when absent */
    title: localizedText(200).optional(),
    questions: z.array(surveyQuestion).min(1).max(20),
  })
  .strict()
  .superRefine((tpl, ctx) => {
    const ids = tpl.questions.map((q) => q.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', message: `question id "${id}" is used twice`, path: ['questions', i, 'id'] });
    });
    if (tpl.kind !== 'custom') {
      const scored = tpl.questions.filter((q) => q.type === tpl.kind);
      if (scored.length !== 1 || !scored[0]!.required) {
        ctx.addIssue({
          code: 'custom',
          message: `a ${tpl.kind} template needs exactly one required ${tpl.kind} question`,
          path: ['questions'],
        });
      }
    }
  });
export type SurveyTemplateInput = z.output<typeof surveyTemplateInput>;

export type SurveyTemplate = SurveyTemplateInput & {
  id: string;
  /** shipped with the product (editable; a PUT stores the company's copy) */
  builtIn: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export const templateIdParam = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,63}$/, 'a template id');

// ── Answers ──────────────────────────────────────────────────────────────────

export type AnswerValue = number | string;
export type Answers = Record<string, AnswerValue>;

/** The form field that carries a question's answer. */
export const fieldName = (questionId: string) => `q_${questionId}`;

const integerIn = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

function valueSchema(q: SurveyQuestion): z.ZodType<AnswerValue | undefined> {
  const present = (() => {
    switch (q.type) {
      case 'nps':
      case 'csat':
      case 'ces':
        return integerIn(scaleRange[q.type].min, scaleRange[q.type].max);
      case 'scale':
        return integerIn(q.min, q.max);
      case 'single-choice':
        return z.enum(q.options.map((o) => o.value) as [string, ...string[]], 'must be one of the options');
      case 'text':
        return z
          .string()
          .trim()
          .max(q.maxLength, `must be at most ${q.maxLength} characters`)
          .transform((s) => s.replace(/\r\n?/g, '\n'));
    }
  })() as z.ZodType<AnswerValue>;
  // An empty field is "no answer": required questions refuse it, optional ones drop it.
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    q.required ? present : present.optional(),
  ) as z.ZodType<AnswerValue | undefined>;
}

/**
 * The schema of one submission of a template, over the raw form fields
 * (`q_<id>` → string). Issue paths are question ids, so the page can put the
 * message beside the question; unknown fields are ignored.
 */
export function answerSchema(template: Pick<SurveyTemplateInput, 'questions'>): z.ZodType<Answers> {
  const shape = Object.fromEntries(template.questions.map((q) => [q.id, valueSchema(q)]));
  return z
    .record(z.string(), z.unknown())
    .transform((form) => Object.fromEntries(template.questions.map((q) => [q.id, form[fieldName(q.id)]])))
    .pipe(z.object(shape))
    .transform((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Answers);
}

export interface Scores {
  nps?: number;
  csat?: number;
  ces?: number;
}

/** The standard scores an answer holds: the first answered question of each standard type. */
export function scoresOf(template: Pick<SurveyTemplateInput, 'questions'>, answers: Answers): Scores {
  const scores: Scores = {};
  for (const q of template.questions) {
    if ((q.type === 'nps' || q.type === 'csat' || q.type === 'ces') && scores[q.type] === undefined && typeof answers[q.id] === 'number') {
      scores[q.type] = answers[q.id] as number;
    }
  }
  return scores;
}

/** The free-text answers joined, for alerts and the detractor list. */
export function commentOf(template: Pick<SurveyTemplateInput, 'questions'>, answers: Answers): string | undefined {
  const texts = template.questions
    .filter((q) => q.type === 'text')
    .map((q) => answers[q.id])
    .filter((v): v is string => typeof v === 'string' && v.length > 0);
  return texts.length ? texts.join('\n') : undefined;
}

/** The score that represents the answer: the template kind's own scale. */
export function primaryScore(kind: SurveyKind, scores: Scores): number | undefined {
  return kind === 'custom' ? (scores.nps ?? scores.csat ?? scores.ces) : scores[kind];
}

export interface LowScoreThresholds {
  nps: number;
  csat: number;
}

/** A detractor (NPS ≤ 6 by default) or a dissatisfied CSAT (≤ 2) alerts the owner at once. */
export function isLowScore(scores: Scores, t: LowScoreThresholds): boolean {
  return (scores.nps !== undefined && scores.nps <= t.nps) || (scores.csat !== undefined && scores.csat <= t.csat);
}

/** CSAT counts answers 4–5 as satisfied (docs/domain.md, Digests and metrics). */
export const isCsatSatisfied = (score: number) => score >= 4;

export type NpsCategory = 'promoter' | 'passive' | 'detractor';
export const npsCategory = (score: number): NpsCategory => (score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor');

// ── Arithmetic ───────────────────────────────────────────────────────────────

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

export interface ScoreSummary {
  responses: number;
  nps: { answers: number; promoters: number; passives: number; detractors: number; score: number | null };
  csat: { answers: number; satisfied: number; score: number | null };
  ces: { answers: number; sum: number; average: number | null };
}

/** NPS = % promoters − % detractors, from −100 to 100, one decimal; null without answers. */
export function npsScore(promoters: number, detractors: number, answers: number): number | null {
  return answers ? oneDecimal(((promoters - detractors) / answers) * 100) : null;
}

/** CSAT = % of answers that are 4 or 5, one decimal; null without answers. */
export function csatScore(satisfied: number, answers: number): number | null {
  return answers ? oneDecimal((satisfied / answers) * 100) : null;
}

/** CES = the average effort score (1–7), one decimal; null without answers. */
export function cesAverage(sum: number, answers: number): number | null {
  return answers ? oneDecimal(sum / answers) : null;
}

export function emptySummary(): ScoreSummary {
  return {
    responses: 0,
    nps: { answers: 0, promoters: 0, passives: 0, detractors: 0, score: null },
    csat: { answers: 0, satisfied: 0, score: null },
    ces: { answers: 0, sum: 0, average: null },
  };
}

/** Adds one response's scores to a running summary (scores recomputed at the end by `finishSummary`). */
export function addToSummary(s: ScoreSummary, scores: Scores): ScoreSummary {
  s.responses += 1;
  if (scores.nps !== undefined) {
    s.nps.answers += 1;
    s.nps[`${npsCategory(scores.nps)}s` as 'promoters' | 'passives' | 'detractors'] += 1;
  }
  if (scores.csat !== undefined) {
    s.csat.answers += 1;
    if (isCsatSatisfied(scores.csat)) s.csat.satisfied += 1;
  }
  if (scores.ces !== undefined) {
    s.ces.answers += 1;
    s.ces.sum += scores.ces;
  }
  return s;
}

export function finishSummary(s: ScoreSummary): ScoreSummary {
  s.nps.score = npsScore(s.nps.promoters, s.nps.detractors, s.nps.answers);
  s.csat.score = csatScore(s.csat.satisfied, s.csat.answers);
  s.ces.average = cesAverage(s.ces.sum, s.ces.answers);
  return s;
}

export function summarize(all: Scores[]): ScoreSummary {
  return finishSummary(all.reduce(addToSummary, emptySummary()));
}

// ── Invitations ──────────────────────────────────────────────────────────────

export const invitationStatuses = ['sent', 'opened', 'answered', 'expired'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** "Expired" is not stored: an unanswered invitation past its expiry is expired. */
export function effectiveStatus(inv: { status: Exclude<InvitationStatus, 'expired'>; expiresOn: string }, now: Date): InvitationStatus {
  if (inv.status === 'answered') return 'answered';
  return Date.parse(inv.expiresOn) <= now.getTime() ? 'expired' : inv.status;
}

/** The do-once key of an invitation: one per customer per trigger occasion. */
export function invitationClaimKey(trigger: SurveyTrigger, customerId: string, occasion: string): string {
  return `${trigger}#${customerId}#${occasion}`;
}

export interface SurveyInvitation {
  id: string;
  customerId: string;
  ownerId: string;
  tier: string;
  trigger: SurveyTrigger;
  /** what makes this invitation unique for its trigger: a complaint, task or campaign id, or the day */
  occasion: string;
  complaintId?: string;
  taskId?: string;
  campaignId?: string;
  /** campaigns: answers given on or before this company day count towards the target */
  answerBy?: string;
  templateId: string;
  /** the template as sent: later edits do not change a link already in a customer's hands */
  template: SurveyTemplate;
  locale: SurveyLocale;
  /** earlier invitations: a given name, no longer shown */
  firstName?: string;
  /** the only personal data the page shows: the family name, with the salutation (张先生, Ms Stone) */
  surname?: string;
  salutation?: 'mr' | 'ms';
  /** stored states; "expired" is derived (effectiveStatus) */
  status: 'sent' | 'opened' | 'answered';
  sentAt: string;
  sentBy: string;
  expiresOn: string;
  openedAt?: string;
  answeredAt?: string;
  /** reminder rounds that issued a fresh link */
  remindersSent: number;
  /** SHA-256 of every link issued for it (never the links), so erasure can find them */
  tokenHashes: string[];
}

export interface SurveyResponse {
  invitationId: string;
  customerId: string;
  /** for staff-facing lists (digest detractors, alerts); never shown on a page */
  customerName: string;
  ownerId: string;
  tier: string;
  trigger: SurveyTrigger;
  templateId: string;
  kind: SurveyKind;
  answers: Answers;
  scores: Scores;
  comment?: string;
  lowScore: boolean;
  answeredAt: string;
  complaintId?: string;
  campaignId?: string;
}

/**
 * A link that is unknown, expired or already answered. One error (and one page)
 * for the three, so a response never tells whether a token ever existed.
 */
export class SurveyUnavailableError extends DomainError {
  constructor() {
    super('not_found', 'This survey link is not available', undefined, 'survey.error.unavailable');
  }
}

// ── Results ──────────────────────────────────────────────────────────────────

export const resultGroupings = ['tier', 'owner', 'trigger', 'month'] as const;
export type ResultGrouping = (typeof resultGroupings)[number];

const calendarDay = z.iso.date('a date such as 2025-06-01');

/** GET /api/surveys/results: company-time-zone days, both included; 30 days to today by default. */
export const surveyResultsQuery = z
  .object({
    from: calendarDay.pipe(windowDay).optional(),
    to: calendarDay.pipe(windowDay).optional(),
    groupBy: z.enum(resultGroupings).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type SurveyResultsQuery = z.output<typeof surveyResultsQuery>;

/** The group a response belongs to; `monthOf` turns the answer instant into the company's month. */
export function groupKeyOf(
  r: Pick<SurveyResponse, 'tier' | 'ownerId' | 'trigger' | 'answeredAt'>,
  by: ResultGrouping,
  monthOf: (iso: string) => string,
): string {
  switch (by) {
    case 'tier':
      return r.tier;
    case 'owner':
      return r.ownerId;
    case 'trigger':
      return r.trigger;
    case 'month':
      return monthOf(r.answeredAt);
  }
}
