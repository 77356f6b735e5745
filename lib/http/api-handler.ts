import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError } from '../domain/errors';
import type { Actor } from '../domain/staff';
import { parseInput } from '../domain/validation';
import { type AppContext, appContext } from '../services/context';
import { lambdaObservability } from '../services/lambda-entry';
import { apiKeyActor, assertScope } from './auth';
import { errorResponse } from './errors';
import { assertRequestBounds } from './request-bounds';
import { type ApiFunctionName, type ApiRouteKeyOf, functionOf } from './route-functions';
import { type ApiRouteKey, type RouteDef, routeKey, routes } from './routes';

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  ctx: AppContext;
  actor: Actor;
  now: Date;
  params: Record<string, string>;
  /** query string validated against a schema */
  query<T extends z.ZodType>(schema: T): z.output<T>;
}

export interface ApiResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** a non-JSON body (CSV, HTML), sent as is */
  raw?: string;
  /** a binary body (.xlsx), sent base64-encoded as API Gateway expects */
  binary?: Buffer;
}

export type ApiHandlerFn = (req: ApiRequest) => Promise<ApiResult>;

/** One feature's handlers; `createApiHandler` takes all of them, so a route without a handler fails to compile. */
export type ApiHandlers = Partial<Record<ApiRouteKey, ApiHandlerFn>>;

type Internal = { actor?: Actor; route?: RouteDef };

const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(body),
});

/**
 * The one middy chain for every REST handler: route lookup, API-key auth,
 * error mapping. A handler body only parses its input and calls a service.
 * `fn` names the function (lib/http/route-functions.ts): its entry must give a
 * handler for each of its routes, and answers no other route.
 */
export function createApiHandler<F extends ApiFunctionName>(fn: F, handlers: Record<ApiRouteKeyOf<F>, ApiHandlerFn>) {
  const byKey = new Map<string, RouteDef>(routes.filter((r) => r.fn === 'api' && functionOf(r) === fn).map((r) => [routeKey(r), r]));
  const byRouteKey: Partial<Record<string, ApiHandlerFn>> = handlers;

  const base = async (event: APIGatewayProxyEventV2, context: Context & { internal?: Internal }) => {
    const key = event.routeKey;
    const handler = byKey.has(key) ? byRouteKey[key] : undefined;
    if (!handler) throw new DomainError('not_found', `No route for ${event.requestContext?.http?.method} ${event.rawPath}`);
    const ctx = appContext();
    const result = await handler({
      event,
      ctx,
      actor: context.internal?.actor ?? { id: 'anonymous', kind: 'system', role: 'agent' },
      now: new Date(),
      params: (event.pathParameters ?? {}) as Record<string, string>,
      query: (schema) => parseInput(schema, event.queryStringParameters ?? {}, 'query'),
    });
    if (result.binary !== undefined) {
      return { statusCode: result.status ?? 200, headers: result.headers, body: result.binary.toString('base64'), isBase64Encoded: true };
    }
    if (result.raw !== undefined) {
      return { statusCode: result.status ?? 200, headers: result.headers, body: result.raw };
    }
    if (result.body === undefined) return { statusCode: result.status ?? 204, headers: result.headers };
    return json(result.status ?? 200, result.body, result.headers);
  };

  return middy(base)
    .use(lambdaObservability(appContext) as middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>)
    .before(async (request) => {
      const route = byKey.get(request.event.routeKey);
      const internal: Internal = { route };
      if (route?.auth === 'apiKey') {
        const actor = await apiKeyActor(appContext().store, request.event, Date.now(), (message, details) =>
          appContext().logger.warn(message, details),
        );
        assertScope(actor, request.event.routeKey);
        internal.actor = actor;
      }
      assertRequestBounds(request.event);
      (request.context as Context & { internal?: Internal }).internal = internal;
    })
    .onError(async (request) => {
      const { statusCode, body } = errorResponse(request.error);
      if (statusCode >= 500)
        appContext().logger.error('request failed', { error: request.error as Error, routeKey: request.event.routeKey });
      const headers: Record<string, string> = statusCode === 401 ? { 'www-authenticate': 'Bearer' } : {};
      request.response = json(statusCode, body, headers);
    });
}
