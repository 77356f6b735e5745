import type { Config } from '../../config';
import { careTask, listTasksQuery, taskChangeInputUpTo } from '../../domain/care';
import { idErrors, jsonBodyErrors, keyErrors, type Operations, page } from '../operation';

/** PATCH body as the REST edge parses it: snoozes up to the configured maximum. */
export const taskChangeRequest = (config: Config) => taskChangeInputUpTo(config.care.snoozeMaxDays);

export const taskOperations = {
  'GET /api/tasks': {
    operationId: 'listTasks',
    tag: 'Care tasks',
    query: listTasksQuery,
    responses: { 200: { description: 'A page of care tasks', json: page(careTask) } },
    errors: [...keyErrors, 400, 422],
  },
  'GET /api/tasks/{id}': {
    operationId: 'getTask',
    tag: 'Care tasks',
    responses: { 200: { description: 'The task', json: careTask, headers: ['ETag'] } },
    errors: idErrors,
  },
  'PATCH /api/tasks/{id}': {
    operationId: 'changeTask',
    tag: 'Care tasks',
    description: 'done, snooze (days, 1 to CARELOOP_CARE snoozeMaxDays) or skip. A closed task is 409.',
    ifMatch: 'optional',
    body: { json: taskChangeRequest },
    responses: { 200: { description: 'The changed task', json: careTask, headers: ['ETag'] } },
    errors: [...idErrors, ...jsonBodyErrors, 409, 412],
  },
} satisfies Operations;
