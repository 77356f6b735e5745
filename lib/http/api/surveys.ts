import * as z from 'zod';
import { surveyResultsQuery, surveyTemplateInput } from '../../domain/survey';
import { createSurveyTemplate, listSurveyTemplates, replaceSurveyTemplate, resolveTemplate } from '../../services/survey-templates';
import { campaignProgress, getInvitation, listCampaigns, sendSurvey, sendSurveyInput, surveyResults } from '../../services/surveys';
import type { ApiHandlerFn } from '../api-handler';
import { describeRoute } from '../openapi';
import { ifMatchVersion, jsonBody } from '../request';

const etag = (version: number) => ({ etag: `"${version}"` });
const pageQuery = z.object({ limit: z.coerce.number().int().min(1).max(50).default(10), cursor: z.string().max(2000).optional() });

describeRoute('POST /api/survey-templates', { body: surveyTemplateInput });
describeRoute('PUT /api/survey-templates/{id}', { body: surveyTemplateInput });
describeRoute('POST /api/surveys', { body: sendSurveyInput });
describeRoute('GET /api/surveys/results', { query: surveyResultsQuery as unknown as z.ZodObject });
describeRoute('GET /api/survey-campaigns', { query: pageQuery });

export const surveyRoutes: Record<string, ApiHandlerFn> = {
  'GET /api/survey-templates': async ({ ctx }) => ({ body: { items: await listSurveyTemplates(ctx) } }),
  'POST /api/survey-templates': async ({ event, ctx, actor, now }) => {
    const tpl = await createSurveyTemplate(ctx, actor, jsonBody(event), now);
    return { status: 201, body: tpl, headers: { ...etag(tpl.version), location: `/api/survey-templates/${tpl.id}` } };
  },
  'GET /api/survey-templates/{id}': async ({ ctx, params }) => {
    const tpl = await resolveTemplate(ctx, params.id!);
    return { body: tpl, headers: etag(tpl.version) };
  },
  'PUT /api/survey-templates/{id}': async ({ event, ctx, actor, params, now }) => {
    const tpl = await replaceSurveyTemplate(ctx, actor, params.id!, ifMatchVersion(event), jsonBody(event), now);
    return { body: tpl, headers: etag(tpl.version) };
  },
  'POST /api/surveys': async ({ event, ctx, actor, now }) => {
    const sent = await sendSurvey(ctx, actor, jsonBody(event), now);
    return { status: 201, body: sent, headers: { location: `/api/surveys/${sent.invitation.id}`, 'cache-control': 'no-store' } };
  },
  'GET /api/surveys/results': async ({ event, ctx, now }) => ({ body: await surveyResults(ctx, event.queryStringParameters ?? {}, now) }),
  'GET /api/surveys/{id}': async ({ ctx, actor, params, now }) => ({ body: await getInvitation(ctx, actor, params.id!, now) }),
  'GET /api/survey-campaigns': async ({ ctx, query }) => {
    const { limit, cursor } = query(pageQuery);
    return { body: await listCampaigns(ctx, limit, cursor) };
  },
  'GET /api/survey-campaigns/{id}': async ({ ctx, params }) => ({ body: await campaignProgress(ctx, params.id!) }),
};
