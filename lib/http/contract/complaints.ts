import * as z from 'zod';
import { MAX_PROMISE_DAYS } from '../../domain/complaint-lifecycle';
import {
  complaint,
  complaintTimelineEntry,
  complaintTransition,
  listComplaintsQuery,
  openComplaintInput,
} from '../../domain/complaint-schemas';
import { correctiveAction, listCorrectiveActionsQuery } from '../../domain/corrective-action';
import { idErrors, jsonBodyErrors, keyErrors, type Operations, page } from '../operation';

/**
 * A REST caller is an API key, not a staff member, so it must name who took
 * the complaint: `receiverId` is required here (Slack fills it with the user).
 */
export const openComplaintRequest = openComplaintInput.required({ receiverId: true });

export const complaintOperations = {
  'POST /api/complaints': {
    operationId: 'openComplaint',
    tag: 'Complaints',
    description:
      '`receiverId` must be a staff member (422 otherwise). A retry with the same Idempotency-Key answers the complaint the first call created.',
    idempotencyKey: true,
    body: { json: openComplaintRequest },
    responses: { 201: { description: 'Logged', json: complaint, headers: ['ETag', 'Location'] } },
    errors: [...keyErrors, ...jsonBodyErrors, 404],
  },
  'GET /api/complaints': {
    operationId: 'listComplaints',
    tag: 'Complaints',
    query: listComplaintsQuery,
    responses: { 200: { description: 'A page of complaints', json: page(complaint) } },
    errors: [...keyErrors, 400, 422],
  },
  'GET /api/complaints/{id}': {
    operationId: 'getComplaint',
    tag: 'Complaints',
    responses: {
      200: {
        description: 'The complaint with its timeline',
        json: complaint.extend({ timeline: z.array(complaintTimelineEntry) }),
        headers: ['ETag'],
      },
    },
    errors: idErrors,
  },
  'POST /api/complaints/{id}/transitions': {
    operationId: 'transitionComplaint',
    tag: 'Complaints',
    description:
      `An action the current state does not allow is 409. acknowledge: promisedReplyAt must be in the future and within ` +
      `${MAX_PROMISE_DAYS} days (422 otherwise).`,
    ifMatch: 'required',
    body: { json: complaintTransition },
    responses: { 200: { description: 'The complaint after the step', json: complaint, headers: ['ETag'] } },
    errors: [...idErrors, ...jsonBodyErrors, 409, 412, 428],
  },
  'GET /api/corrective-actions': {
    operationId: 'listCorrectiveActions',
    tag: 'Complaints',
    query: listCorrectiveActionsQuery,
    responses: { 200: { description: 'A page of corrective actions', json: page(correctiveAction) } },
    errors: [...keyErrors, 400, 422],
  },
} satisfies Operations;
