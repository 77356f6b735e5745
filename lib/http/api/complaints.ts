import * as z from 'zod';
import {
  complaint,
  complaintTimelineEntry,
  complaintTransition,
  listComplaintsQuery,
  openComplaintInput,
} from '../../domain/complaint-schemas';
import { correctiveAction, listCorrectiveActionsQuery } from '../../domain/corrective-action';
import { getComplaint, listComplaints, openComplaint, transitionComplaint } from '../../services/complaints';
import { listCorrectiveActions } from '../../services/corrective-actions';
import type { ApiHandlerFn } from '../api-handler';
import { describeRoute } from '../openapi';
import { header, ifMatchVersion, jsonBody } from '../request';

/**
 * Complaints over REST. Transitions are a sub-resource taking the state-machine
 * action as the body; If-Match is required, so a client acting on an old copy
 * gets 412 instead of changing a complaint it has not seen.
 */
const etag = (version: number) => ({ etag: `"${version}"` });
const page = (item: z.ZodType) => z.object({ items: z.array(item), cursor: z.string().optional() });

describeRoute('POST /api/complaints', { body: openComplaintInput, response: complaint });
describeRoute('GET /api/complaints', { query: listComplaintsQuery, response: page(complaint) });
describeRoute('GET /api/complaints/{id}', { response: complaint.extend({ timeline: z.array(complaintTimelineEntry) }) });
describeRoute('POST /api/complaints/{id}/transitions', { body: complaintTransition, response: complaint });
describeRoute('GET /api/corrective-actions', { query: listCorrectiveActionsQuery, response: page(correctiveAction) });

export const complaintRoutes: Record<string, ApiHandlerFn> = {
  'POST /api/complaints': async ({ event, ctx, actor, now }) => {
    const created = await openComplaint(ctx, actor, jsonBody(event), now, {
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
};
