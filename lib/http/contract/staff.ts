import { staff, staffInput } from '../../domain/staff';
import { idErrors, items, jsonBodyErrors, keyErrors, type Operations } from '../operation';

/** PUT body: the member without the id, which is the path's. */
export const staffRequest = staffInput.omit({ slackUserId: true });

export const staffOperations = {
  'GET /api/staff': {
    operationId: 'listStaff',
    tag: 'Staff',
    responses: { 200: { description: 'The staff directory', json: items(staff) } },
    errors: keyErrors,
  },
  'PUT /api/staff/{slackUserId}': {
    operationId: 'putStaff',
    tag: 'Staff',
    description: 'slackUserId is a Slack user id (U…/W…); supervisorId must be a staff member (422).',
    body: { json: staffRequest },
    responses: { 200: { description: 'The member as stored', json: staff } },
    errors: [...idErrors, ...jsonBodyErrors, 409],
  },
} satisfies Operations;
