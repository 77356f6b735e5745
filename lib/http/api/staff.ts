import { staffInput } from '../../domain/staff';
import { parseInput } from '../../domain/validation';
import { listStaff, requireStaff, upsertStaff } from '../../services/staff';
import type { ApiHandlers } from '../api-handler';
import { jsonBody } from '../request';

export const staffRoutes = {
  'GET /api/staff': async ({ ctx }) => ({ body: { items: await listStaff(ctx) } }),
  'PUT /api/staff/{slackUserId}': async ({ event, ctx, actor, params, now }) => {
    const body = jsonBody(event) as Record<string, unknown>;
    const input = parseInput(staffInput, { ...body, slackUserId: params.slackUserId }, 'staff member');
    if (input.supervisorId && input.supervisorId !== input.slackUserId) await requireStaff(ctx, input.supervisorId, 'supervisorId');
    return { body: await upsertStaff(ctx, actor, { ...body, slackUserId: params.slackUserId }, now) };
  },
} satisfies ApiHandlers;
export { staffInput };
