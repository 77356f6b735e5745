import { createApiHandler, type ApiHandlerFn } from '../lib/http/api-handler';
import { complaintRoutes } from '../lib/http/api/complaints';
import { customerRoutes } from '../lib/http/api/customers';
import { importRoutes } from '../lib/http/api/imports';
import { exportRoutes } from '../lib/http/api/exports';
import { staffRoutes } from '../lib/http/api/staff';
import { taskRoutes } from '../lib/http/api/tasks';
import { reportRoutes } from '../lib/http/api/reports';
import { surveyRoutes } from '../lib/http/api/surveys';
import { openApiDocument } from '../lib/http/openapi';
import '../lib/services/subscribers';

/** REST API: every /api route (lib/http/routes.ts) lands here and is dispatched by routeKey. */
const system: Record<string, ApiHandlerFn> = {
  'GET /healthz': async () => ({ body: { ok: true } }),
  'GET /api/openapi.json': async ({ ctx }) => ({ body: openApiDocument(ctx.config.publicBaseUrl) }),
};

export const handler = createApiHandler({ ...system, ...customerRoutes, ...importRoutes, ...exportRoutes, ...staffRoutes, ...taskRoutes, ...complaintRoutes, ...reportRoutes, ...surveyRoutes });
