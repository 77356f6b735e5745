import { parseInput } from '../../domain/validation';
import { changeTask, getTask, listTasks } from '../../services/care';
import type { ApiHandlers } from '../api-handler';
import { taskChangeRequest } from '../contract/tasks';
import { header, ifMatchVersion, jsonBody } from '../request';

/**
 * Care tasks over REST. PATCH takes If-Match optionally: a task's changes are
 * terminal state moves (done, skip) or a snooze, so a stale client cannot
 * silently undo someone else's edit — closing a closed task is a 409 anyway —
 * and Slack buttons, which carry no version, use the same service. When
 * If-Match is sent it must match (412 otherwise).
 */
const etag = (version: number) => ({ etag: `"${version}"` });

export const taskRoutes = {
  'GET /api/tasks': async ({ ctx, event }) => ({ body: await listTasks(ctx, event.queryStringParameters ?? {}) }),
  'GET /api/tasks/{id}': async ({ ctx, params }) => {
    const task = await getTask(ctx, params.id!);
    return { body: task, headers: etag(task.version) };
  },
  'PATCH /api/tasks/{id}': async ({ event, ctx, actor, params, now }) => {
    const version = header(event, 'if-match') ? ifMatchVersion(event) : undefined;
    const body = jsonBody(event);
    // Snoozes beyond the configured maximum stop here, with the limit the document states.
    parseInput(taskChangeRequest(ctx.config), body, 'task change');
    const task = await changeTask(ctx, actor, params.id!, body, now, version);
    return { body: task, headers: etag(task.version) };
  },
} satisfies ApiHandlers;
