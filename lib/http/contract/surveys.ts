import * as z from 'zod';
import { resultGroupings, surveyKinds, surveyQuestion, surveyResultsQuery, surveyTemplateInput, surveyTriggers } from '../../domain/survey';
import { sendSurveyInput } from '../../services/surveys';
import { idErrors, items, jsonBodyErrors, keyErrors, type Operations, page } from '../operation';

/** Campaign paging: newest first. */
export const campaignPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  cursor: z.string().max(2000).optional(),
});

const localized = z.object({ 'zh-CN': z.string(), en: z.string() });

const surveyTemplate = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(surveyKinds),
  title: localized.optional(),
  questions: z.array(surveyQuestion),
  builtIn: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** An invitation as staff see it (never the link's hash); more fields may follow. */
const invitation = z
  .object({
    id: z.string(),
    customerId: z.string(),
    ownerId: z.string(),
    kind: z.enum(surveyKinds),
    trigger: z.enum(surveyTriggers),
    status: z.string(),
  })
  .loose();

const scoreSummary = z.object({
  responses: z.number().int(),
  nps: z.object({
    answers: z.number().int(),
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
    score: z.number().nullable(),
  }),
  csat: z.object({ answers: z.number().int(), satisfied: z.number().int(), score: z.number().nullable() }),
  ces: z.object({ answers: z.number().int(), sum: z.number(), average: z.number().nullable() }),
});

const surveyResults = z.object({
  from: z.string(),
  to: z.string(),
  timeZone: z.string(),
  groupBy: z.enum(resultGroupings).optional(),
  overall: scoreSummary,
  groups: z.array(scoreSummary.extend({ key: z.string() })),
  responsesRead: z.number().int(),
  truncated: z.boolean(),
});

/** A campaign with its counts and progress against the targets; the counts' fields may grow. */
const campaignReport = z.object({
  campaign: z.object({ id: z.string() }).loose(),
  counts: z.record(z.string(), z.unknown()),
  progress: z.record(z.string(), z.unknown()),
  targets: z.object({ reach: z.number(), answer: z.number(), workingDays: z.number().int(), targetDay: z.string() }),
});

const templateVersioned = ['ETag'] as const;

export const surveyOperations = {
  'GET /api/survey-templates': {
    operationId: 'listSurveyTemplates',
    tag: 'Surveys',
    responses: { 200: { description: 'Built-in and own templates', json: items(surveyTemplate) } },
    errors: keyErrors,
  },
  'POST /api/survey-templates': {
    operationId: 'createSurveyTemplate',
    tag: 'Surveys',
    description: 'Question ids are unique; an nps/csat/ces template has exactly one required question of its kind (422).',
    body: { json: surveyTemplateInput },
    responses: { 201: { description: 'Created', json: surveyTemplate, headers: [...templateVersioned, 'Location'] } },
    errors: [...keyErrors, ...jsonBodyErrors, 409],
  },
  'GET /api/survey-templates/{id}': {
    operationId: 'getSurveyTemplate',
    tag: 'Surveys',
    responses: { 200: { description: 'The template', json: surveyTemplate, headers: templateVersioned } },
    errors: idErrors,
  },
  'PUT /api/survey-templates/{id}': {
    operationId: 'replaceSurveyTemplate',
    tag: 'Surveys',
    ifMatch: 'required',
    body: { json: surveyTemplateInput },
    responses: { 200: { description: 'The template as stored', json: surveyTemplate, headers: templateVersioned } },
    errors: [...idErrors, ...jsonBodyErrors, 409, 412, 428],
  },
  'POST /api/surveys': {
    operationId: 'sendSurvey',
    tag: 'Surveys',
    description: 'One per customer per day (409); a customer without survey consent is 409.',
    body: { json: sendSurveyInput },
    responses: {
      201: {
        description: 'Sent; `link` is the customer link, shown only here',
        json: z.object({ invitation, link: z.string(), delivered: z.record(z.string(), z.unknown()) }),
        headers: ['Location', 'Cache-Control'],
      },
    },
    errors: [...keyErrors, ...jsonBodyErrors, 404, 409],
  },
  'GET /api/surveys/results': {
    operationId: 'surveyResults',
    tag: 'Surveys',
    query: surveyResultsQuery,
    responses: { 200: { description: 'NPS, CSAT and CES, overall and per group', json: surveyResults } },
    errors: [...keyErrors, 422],
  },
  'GET /api/surveys/{id}': {
    operationId: 'getSurvey',
    tag: 'Surveys',
    responses: {
      200: {
        description: 'The invitation, and its answer once answered',
        json: invitation.extend({ response: z.record(z.string(), z.unknown()).optional() }),
      },
    },
    errors: idErrors,
  },
  'GET /api/survey-campaigns': {
    operationId: 'listSurveyCampaigns',
    tag: 'Surveys',
    query: campaignPageQuery,
    responses: { 200: { description: 'A page of campaigns, newest first', json: page(campaignReport) } },
    errors: [...keyErrors, 400, 422],
  },
  'GET /api/survey-campaigns/{id}': {
    operationId: 'getSurveyCampaign',
    tag: 'Surveys',
    responses: { 200: { description: 'The campaign and its progress', json: campaignReport } },
    errors: idErrors,
  },
} satisfies Operations;
