import { staffInput } from '../../domain/staff';
import { listStaff, upsertStaff } from '../../services/staff';
import type { ApiHandlerFn } from '../api-handler';
import { jsonBody } from '../request';

export const staffRoutes: Record<string, ApiHandlerFn> = {
  'GET /api/staff': async ({ ctx }) => ({ body: { items: await listStaff(ctx) } }),
  'PUT /api/staff/{slackUserId}': async ({ event, ctx, actor, params, now }) => {
    const body = jsonBody(event) as Record<string, unknown>;
    return { body: await upsertStaff(ctx, actor, { ...body, slackUserId: params.slackUserId }, now) };
  },
};
export { staffInput };
