import { complaintRoutes } from '../lib/http/api/complaints';
import { reportRoutes } from '../lib/http/api/reports';
import { staffRoutes } from '../lib/http/api/staff';
import { surveyRoutes } from '../lib/http/api/surveys';
import { taskRoutes } from '../lib/http/api/tasks';
import { type ApiHandlers, createApiHandler } from '../lib/http/api-handler';
import { openApiDocument } from '../lib/http/openapi';
import '../lib/notify/install-channels';
import type { Config } from '../lib/config';

/**
 * REST API: health, OpenAPI, staff, care tasks, complaints, reports and surveys;
 * the customer book is functions/api-customers (lib/http/route-functions.ts says
 * which route goes where). Dispatched by routeKey.
 */
const system = {
  'GET /livez': async () => ({ body: { ok: true } }),
  // Readiness: a function that cannot reach its table cannot serve anything, so say so with a 503.
  'GET /healthz': async ({ ctx }) => {
    const dynamodb = await ctx.store.ping().then(
      () => 'ok' as const,
      (error: Error) => {
        ctx.logger.error('health: DynamoDB unreachable', { error });
        return 'unreachable' as const;
      },
    );
    return { status: dynamodb === 'ok' ? 200 : 503, body: { ok: dynamodb === 'ok', checks: { dynamodb } } };
  },
  'GET /api/openapi.json': async ({ ctx }) => ({ body: openApiOnce(ctx.config) }),
} satisfies ApiHandlers;

// The document only depends on the code and the configuration: built once per container, not per request.
let openApi: { config: Config; doc: unknown } | undefined;
function openApiOnce(config: Config): unknown {
  if (openApi?.config !== config) openApi = { config, doc: openApiDocument(config) };
  return openApi.doc;
}

export const handler = createApiHandler('api', {
  ...system,
  ...staffRoutes,
  ...taskRoutes,
  ...complaintRoutes,
  ...reportRoutes,
  ...surveyRoutes,
});
