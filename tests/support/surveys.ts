import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CreateCustomerInput } from '../../lib/domain/customer';
import type { Actor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { sendSurvey } from '../../lib/services/surveys';

/** Small factories for survey tests. */
export const agent: Actor = { id: 'UAGENT01', kind: 'staff', role: 'agent' };

export async function aCustomer(ctx: AppContext, fields: Partial<CreateCustomerInput> = {}, now = new Date()) {
  return createCustomer(ctx, agent, { name: '王小明', ownerId: 'UOWNER01', ...fields }, now);
}

export const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

/** A customer and a manual survey link for them (NPS unless `templateId`). */
export async function aSurveyLink(
  ctx: AppContext,
  opts: { customer?: Partial<CreateCustomerInput>; templateId?: string; now?: Date } = {},
) {
  const now = opts.now ?? new Date();
  const customer = await aCustomer(ctx, opts.customer, now);
  const sent = await sendSurvey(ctx, agent, { customerId: customer.id, ...(opts.templateId ? { templateId: opts.templateId } : {}) }, now);
  return { customer, ...sent, token: tokenOf(sent.link) };
}

/** The payload-2.0 event API Gateway hands functions/survey.ts. */
export function surveyEvent(
  method: 'GET' | 'POST',
  token: string,
  opts: { body?: string; ip?: string; lang?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} /s/{token}`,
    rawPath: `/s/${token}`,
    rawQueryString: opts.lang ? `lang=${opts.lang}` : '',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    queryStringParameters: opts.lang ? { lang: opts.lang } : undefined,
    pathParameters: { token },
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: `/s/${token}`, protocol: 'HTTP/1.1', sourceIp: opts.ip ?? '198.51.100.7', userAgent: 'test' },
      requestId: 'r',
      routeKey: `${method} /s/{token}`,
      stage: '$default',
      time: '',
      timeEpoch: 0,
    },
    body: opts.body,
    isBase64Encoded: false,
  };
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
