import { careTask, listTasksQuery, taskChangeInput } from '../../domain/care';
import { changeTask, getTask, listTasks } from '../../services/care';
import type { ApiHandlerFn } from '../api-handler';
import { describeRoute } from '../openapi';
import { header, ifMatchVersion, jsonBody } from '../request';

/**
 * Care tasks over REST. PATCH takes If-Match optionally: a task's changes are
 * terminal state moves (done, skip) or a snooze, so a stale client cannot
 * silently undo someone else's edit — closing a closed task is a 409 anyway —
 * and Slack buttons, which carry no version, use the same service. When
 * If-Match is sent it must match (412 otherwise).
 */
const etag = (version: number) => ({ etag: `"${version}"` });

describeRoute('GET /api/tasks', { query: listTasksQuery });
describeRoute('GET /api/tasks/{id}', { response: careTask });
describeRoute('PATCH /api/tasks/{id}', { body: taskChangeInput, response: careTask });

export const taskRoutes: Record<string, ApiHandlerFn> = {
  'GET /api/tasks': async ({ ctx, event }) => ({ body: await listTasks(ctx, event.queryStringParameters ?? {}) }),
  'GET /api/tasks/{id}': async ({ ctx, params }) => {
    const task = await getTask(ctx, params.id!);
    return { body: task, headers: etag(task.version) };
  },
  'PATCH /api/tasks/{id}': async ({ event, ctx, actor, params, now }) => {
    const version = header(event, 'if-match') ? ifMatchVersion(event) : undefined;
    const task = await changeTask(ctx, actor, params.id!, jsonBody(event), now, version);
    return { body: task, headers: etag(task.version) };
  },
};
