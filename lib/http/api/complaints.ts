import { parseInput } from '../../domain/validation';
import { getComplaint, listComplaints, openComplaint, transitionComplaint } from '../../services/complaints';
import { listCorrectiveActions } from '../../services/corrective-actions';
import type { ApiHandlers } from '../api-handler';
import { openComplaintRequest } from '../contract/complaints';
import { header, ifMatchVersion, jsonBody } from '../request';

/**
 * Complaints over REST. Transitions are a sub-resource taking the state-machine
 * action as the body; If-Match is required, so a client acting on an old copy
 * gets 412 instead of changing a complaint it has not seen.
 */
const etag = (version: number) => ({ etag: `"${version}"` });

export const complaintRoutes = {
  'POST /api/complaints': async ({ event, ctx, actor, now }) => {
    // An API key is not a staff member: the body names the receiver (the document says so).
    const body = jsonBody(event);
    parseInput(openComplaintRequest, body, 'complaint');
    const created = await openComplaint(ctx, actor, body, now, {
      idempotencyKey: header(event, 'idempotency-key')?.slice(0, 200),
    });
    return { status: 201, body: created, headers: { ...etag(created.version), location: `/api/complaints/${created.id}` } };
  },
  'GET /api/complaints': async ({ ctx, actor, event, now }) => ({
    body: await listComplaints(ctx, actor, event.queryStringParameters ?? {}, now),
  }),
  'GET /api/complaints/{id}': async ({ ctx, actor, params }) => {
    const found = await getComplaint(ctx, actor, params.id!);
    return { body: found, headers: etag(found.version) };
  },
  'POST /api/complaints/{id}/transitions': async ({ event, ctx, actor, params, now }) => {
    const version = ifMatchVersion(event);
    const changed = await transitionComplaint(ctx, actor, params.id!, version, jsonBody(event), now);
    return { body: changed, headers: etag(changed.version) };
  },
  'GET /api/corrective-actions': async ({ ctx, actor, event }) => ({
    body: await listCorrectiveActions(ctx, actor, event.queryStringParameters ?? {}),
  }),
} satisfies ApiHandlers;
