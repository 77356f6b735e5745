import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { DomainError, ValidationError } from '../domain/errors';
import { fieldName, type SurveyInvitation, type SurveyLocale, SurveyUnavailableError } from '../domain/survey';
import { bodyText } from '../http/request';
import type { AppContext } from '../services/context';
import { allowSubmission, invitationLocale, liveInvitation, openSurvey, optOutOfSurveys, submitSurvey } from '../services/survey-answers';
import { htmlResponse } from './layout';
import { type FieldErrors, noticePage, type PageContext, surveyFormPage, thanksPage } from './views';

/**
 * GET|POST /s/{token}: the survey page without JavaScript. GET shows the form
 * (and marks the invitation opened); POST is a plain form submission
 * (application/x-www-form-urlencoded) that answers or opts out. Every link
 * that cannot be used — unknown, expired, answered — gets the same 404 page,
 * in the invitation's language when the link was real (nothing else is read from it).
 */
const UNAVAILABLE_STATUS = 404;

const isLocale = (v: string | undefined): v is SurveyLocale => v === 'zh-CN' || v === 'en';

/** ?lang wins (the switch link); then the customer's language; then the company's. */
function localeFor(ctx: AppContext, event: APIGatewayProxyEventV2, inv?: SurveyInvitation): SurveyLocale {
  const asked = event.queryStringParameters?.lang;
  if (isLocale(asked)) return asked;
  return inv?.locale ?? ctx.config.company.defaultLocale;
}

async function unavailable(ctx: AppContext, event: APIGatewayProxyEventV2, token: string): Promise<APIGatewayProxyStructuredResultV2> {
  // A link that was real (expired, used, withdrawn) answers in its invitation's language; only that is read from it.
  const locale = isLocale(event.queryStringParameters?.lang) ? undefined : await invitationLocale(ctx, token).catch(() => undefined);
  return htmlResponse(UNAVAILABLE_STATUS, noticePage(locale ?? localeFor(ctx, event), ctx.config.company.name, 'unavailable'));
}

/** Form fields; a repeated field keeps its first value (one radio group sends one). */
function parseForm(text: string | undefined): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(text ?? '')) if (!(k in form)) form[k] = v;
  return form;
}

function fieldErrors(inv: SurveyInvitation, error: ValidationError, form: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const q = inv.template.questions.find((x) => x.id === issue.path.split('.')[0]);
    if (!q) continue;
    const raw = form[fieldName(q.id)];
    errors[q.id] = raw === undefined || raw.trim() === '' ? 'required' : q.type === 'text' ? 'too_long' : 'invalid';
  }
  return errors;
}

export async function handleSurveyRequest(
  ctx: AppContext,
  event: APIGatewayProxyEventV2,
  now: Date,
): Promise<APIGatewayProxyStructuredResultV2> {
  const token = event.pathParameters?.token ?? '';
  const company = ctx.config.company.name;
  try {
    if (event.requestContext.http.method !== 'POST') {
      const inv = await openSurvey(ctx, token, now);
      if (!inv) return unavailable(ctx, event, token);
      return htmlResponse(200, surveyFormPage(inv, { locale: localeFor(ctx, event, inv), company, token }));
    }
    return await handlePost(ctx, event, token, now);
  } catch (error) {
    ctx.logger.error('survey page failed', { error: error as Error });
    return htmlResponse(500, noticePage(localeFor(ctx, event), company, 'failed'));
  }
}

async function handlePost(
  ctx: AppContext,
  event: APIGatewayProxyEventV2,
  token: string,
  now: Date,
): Promise<APIGatewayProxyStructuredResultV2> {
  const company = ctx.config.company.name;
  const locale = localeFor(ctx, event);
  let text: string | undefined;
  try {
    text = bodyText(event, ctx.config.surveys.maxBodyBytes);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'payload_too_large')
      return htmlResponse(413, noticePage(locale, company, 'too_large'));
    return htmlResponse(400, noticePage(locale, company, 'bad_request'));
  }
  const sourceIp = event.requestContext.http.sourceIp || 'unknown';
  if (!(await allowSubmission(ctx, token, sourceIp, now))) {
    return htmlResponse(429, noticePage(locale, company, 'rate_limited'), {
      'retry-after': String(ctx.config.surveys.rateLimit.windowSeconds),
    });
  }
  const form = parseForm(text);
  try {
    if (form.action === 'opt-out') {
      await optOutOfSurveys(ctx, token, now);
      return htmlResponse(200, noticePage(locale, company, 'optout.done'));
    }
    const { invitation } = await submitSurvey(ctx, token, form, now);
    const p: PageContext = { locale: localeFor(ctx, event, invitation), company, token };
    return htmlResponse(200, thanksPage(p));
  } catch (error) {
    if (error instanceof SurveyUnavailableError) return unavailable(ctx, event, token);
    if (error instanceof ValidationError) {
      const inv = await liveInvitation(ctx, token, now);
      if (!inv) return unavailable(ctx, event, token);
      const p: PageContext = { locale: localeFor(ctx, event, inv), company, token };
      return htmlResponse(422, surveyFormPage(inv, p, { values: form, errors: fieldErrors(inv, error, form) }));
    }
    throw error;
  }
}
