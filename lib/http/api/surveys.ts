import { createSurveyTemplate, listSurveyTemplates, replaceSurveyTemplate, resolveTemplate } from '../../services/survey-templates';
import { campaignProgress, getInvitation, listCampaigns, sendSurvey, surveyResults } from '../../services/surveys';
import type { ApiHandlers } from '../api-handler';
import { campaignPageQuery } from '../contract/surveys';
import { ifMatchVersion, jsonBody } from '../request';

const etag = (version: number) => ({ etag: `"${version}"` });

export const surveyRoutes = {
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
    const { limit, cursor } = query(campaignPageQuery);
    return { body: await listCampaigns(ctx, limit, cursor) };
  },
  'GET /api/survey-campaigns/{id}': async ({ ctx, params }) => ({ body: await campaignProgress(ctx, params.id!) }),
} satisfies ApiHandlers;
