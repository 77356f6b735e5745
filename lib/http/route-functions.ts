import { type ApiRouteKey, type RouteDef, routeKey } from './routes';

/**
 * Which Lambda function serves each REST route. The REST API is split by
 * feature so that each function bundles only the libraries its handlers use
 * (infra/README.md, "Bundle budgets"): the customer book (customers, imports,
 * exports) writes customers, which loads pinyin, Han folding and phone
 * metadata (≈ 830 KB minified); no other route needs them. Read by CDK (infra/public-api.ts) and by the
 * local API Gateway emulator (lib/local/api-gateway.ts); each functions/api*.ts
 * entry imports only its routes' handlers. Typed by route key: a route without
 * a function, or a function name that is not one of ApiFunctionName, fails to compile.
 */
export type ApiFunctionName = 'api' | 'api-customers';

export const apiRouteFunctions = {
  'GET /healthz': 'api',
  'GET /livez': 'api',
  'GET /api/openapi.json': 'api',
  'POST /api/customers': 'api-customers',
  'GET /api/customers': 'api-customers',
  'POST /api/customers/import': 'api-customers',
  'GET /api/imports/{id}': 'api-customers',
  'POST /api/customers/export': 'api-customers',
  'GET /api/exports/{id}': 'api-customers',
  'GET /api/exports/{id}/file': 'api-customers',
  'GET /api/imports/{id}/rejected.csv': 'api-customers',
  'GET /api/customers/{id}': 'api-customers',
  'PATCH /api/customers/{id}': 'api-customers',
  'DELETE /api/customers/{id}': 'api-customers',
  'GET /api/customers/{id}/interactions': 'api-customers',
  'POST /api/customers/{id}/interactions': 'api-customers',
  'GET /api/customers/{id}/contacts': 'api-customers',
  'POST /api/customers/{id}/contacts': 'api-customers',
  'GET /api/customers/{id}/export': 'api-customers',
  'GET /api/staff': 'api',
  'PUT /api/staff/{slackUserId}': 'api',
  'GET /api/tasks': 'api',
  'GET /api/tasks/{id}': 'api',
  'PATCH /api/tasks/{id}': 'api',
  'POST /api/complaints': 'api',
  'GET /api/complaints': 'api',
  'GET /api/complaints/{id}': 'api',
  'POST /api/complaints/{id}/transitions': 'api',
  'GET /api/corrective-actions': 'api',
  'GET /api/reports/monthly': 'api',
  'GET /api/survey-templates': 'api',
  'POST /api/survey-templates': 'api',
  'GET /api/survey-templates/{id}': 'api',
  'PUT /api/survey-templates/{id}': 'api',
  'POST /api/surveys': 'api',
  'GET /api/surveys/results': 'api',
  'GET /api/surveys/{id}': 'api',
  'GET /api/survey-campaigns': 'api',
  'GET /api/survey-campaigns/{id}': 'api',
} as const satisfies Record<ApiRouteKey, ApiFunctionName>;

/** The REST routes one function serves: its entry must hand createApiHandler a handler for each. */
export type ApiRouteKeyOf<F extends ApiFunctionName> = {
  [K in ApiRouteKey]: (typeof apiRouteFunctions)[K] extends F ? K : never;
}[ApiRouteKey];

/** The function (functions/<name>.ts) a route integrates with. */
export function functionOf(route: RouteDef): string {
  return route.fn === 'api' ? apiRouteFunctions[routeKey(route) as ApiRouteKey] : route.fn;
}

/** Every function that serves a route. */
export const routeFunctionNames = (routes: readonly RouteDef[]): string[] => [...new Set(routes.map(functionOf))].sort();
