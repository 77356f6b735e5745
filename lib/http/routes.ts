/**
 * Every HTTP route, declared once. CDK turns each into an HttpApi route to its
 * function; the local API Gateway emulator matches requests against the same
 * list and hands the function the same payload-2.0 event (with `routeKey` and
 * `pathParameters`). Handlers are looked up by routeKey inside each function.
 * Kept free of handler imports so CDK can read it without bundling the app.
 */
export type FunctionName = 'api' | 'slack' | 'survey';
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteDef {
  method: Method;
  path: string;
  /** 'api': a REST route, served by the function lib/http/route-functions.ts names for it */
  fn: FunctionName;
  /** apiKey: bearer API key; slack: Slack request signature; public: none (survey pages, health) */
  auth: 'apiKey' | 'slack' | 'public';
  summary: string;
}

const api = <M extends Method, P extends string>(method: M, path: P, summary: string) =>
  ({ method, path, fn: 'api', auth: 'apiKey', summary }) as const;

/**
 * `as const`: each route's key (`METHOD /path`, API Gateway's routeKey) is a
 * literal type, so the handler, OpenAPI and scope maps are typed by it and a
 * route missing from any of them fails to compile.
 */
export const routes = [
  { method: 'GET', path: '/healthz', fn: 'api', auth: 'public', summary: 'Readiness: the dependencies answer (DynamoDB)' },
  { method: 'GET', path: '/livez', fn: 'api', auth: 'public', summary: 'Liveness: the function runs' },
  { method: 'GET', path: '/api/openapi.json', fn: 'api', auth: 'public', summary: 'OpenAPI document' },
  api('POST', '/api/customers', 'Create a customer'),
  api('GET', '/api/customers', 'List customers by tier, owner or stage; search by name, phone or email'),
  api('POST', '/api/customers/import', 'Import customers from CSV (any common encoding) or .xlsx as a background job: 202 + Location'),
  api('GET', '/api/imports/{id}', 'Import job: status, progress, created, skipped, invalid rows with line, column and reason'),
  api(
    'POST',
    '/api/customers/export',
    'Export customers (filters as on the list) as CSV (UTF-8 with BOM) or .xlsx, as a background job: 202 + Location',
  ),
  api('GET', '/api/exports/{id}', 'Export job: status, rows, and the file link when done'),
  api('GET', '/api/exports/{id}/file', 'The finished export file'),
  api('GET', '/api/imports/{id}/rejected.csv', 'The rejected rows of an import with a reason column, ready to fix and upload again'),
  api('GET', '/api/customers/{id}', 'Get a customer'),
  api('PATCH', '/api/customers/{id}', 'Update a customer (If-Match: version)'),
  api('DELETE', '/api/customers/{id}', 'Erase a customer and everything held on them'),
  api('GET', '/api/customers/{id}/interactions', 'Customer timeline, newest first'),
  api('POST', '/api/customers/{id}/interactions', 'Log an interaction'),
  api('GET', '/api/customers/{id}/contacts', 'Contact persons of an organization'),
  api('POST', '/api/customers/{id}/contacts', 'Add a contact person'),
  api('GET', '/api/customers/{id}/export', 'Everything held on one customer (JSON)'),
  api('GET', '/api/staff', 'Staff directory'),
  api('PUT', '/api/staff/{slackUserId}', 'Create or update a staff member'),
  api('GET', '/api/tasks', 'Care tasks by assignee, status, kind, customer and due range'),
  api('GET', '/api/tasks/{id}', 'Get a care task'),
  api('PATCH', '/api/tasks/{id}', 'Done, snooze or skip a care task (If-Match optional)'),
  api('POST', '/api/complaints', 'Log a complaint (Idempotency-Key optional)'),
  api('GET', '/api/complaints', 'Complaints by status, severity, category, assignee, customer, overdue, created range'),
  api('GET', '/api/complaints/{id}', 'Get a complaint with its timeline'),
  api('POST', '/api/complaints/{id}/transitions', 'Move a complaint through its lifecycle (If-Match: version)'),
  api('GET', '/api/corrective-actions', 'Corrective actions opened by recurring complaints'),
  api('GET', '/api/reports/monthly', 'Monthly report: the digest figures for ?month=YYYY-MM (JSON, or CSV with Accept: text/csv)'),
  api('GET', '/api/survey-templates', 'Survey templates (built-in NPS, CSAT, CES and your own)'),
  api('POST', '/api/survey-templates', 'Create a survey template'),
  api('GET', '/api/survey-templates/{id}', 'Get a survey template'),
  api('PUT', '/api/survey-templates/{id}', 'Replace a survey template (If-Match: version)'),
  api('POST', '/api/surveys', 'Send a survey to a customer now; the link is in the reply'),
  api('GET', '/api/surveys/results', 'NPS, CSAT and CES for ?from&to (days), optionally ?groupBy=tier|owner|trigger|month'),
  api('GET', '/api/surveys/{id}', 'Get a survey invitation (and its answer)'),
  api('GET', '/api/survey-campaigns', 'Survey campaigns with progress against their targets, newest first'),
  api('GET', '/api/survey-campaigns/{id}', 'One survey campaign: counts and progress against its targets'),
  { method: 'POST', path: '/slack/events', fn: 'slack', auth: 'slack', summary: 'Slack commands, interactivity and events' },
  { method: 'GET', path: '/s/{token}', fn: 'survey', auth: 'public', summary: 'Survey page' },
  { method: 'POST', path: '/s/{token}', fn: 'survey', auth: 'public', summary: 'Survey answer' },
] as const satisfies readonly RouteDef[];

type Route = (typeof routes)[number];
// Distributes over a union of routes (a plain template would cross every method with every path).
type KeyOf<R extends Pick<RouteDef, 'method' | 'path'>> = R extends R ? `${R['method']} ${R['path']}` : never;
/** Every route's key. */
export type RouteKey = KeyOf<Route>;
/** Routes served by the REST function: each needs a handler and an OpenAPI operation. */
export type ApiRouteKey = KeyOf<Extract<Route, { fn: 'api' }>>;
/** Routes behind an API key: each needs a scope. */
export type ApiKeyRouteKey = KeyOf<Extract<Route, { auth: 'apiKey' }>>;

export const routeKey = <R extends Pick<RouteDef, 'method' | 'path'>>(r: R) => `${r.method} ${r.path}` as KeyOf<R>;
