import { createServer, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { schedules } from '../schedules';
import { appContext } from '../services/context';
import { registerInProcessWorker } from '../slack/runtime/worker-dispatch';
import { lambdaContext, matchRoute, normalizeResult, readBody, toEvent } from './api-gateway';
import { type DeadLetterStore, isLocalQueue, localQueues, queueTarget } from './dead-letters';
import { loadFunction } from './functions';
import { runJob } from './scheduler';
// Import and export jobs run in this process here (lib/local/in-process-jobs.ts).
import './in-process-jobs';

// One process serves both halves of Slack here: the worker runs in-process, loaded on its first job.
// The job runs over the stack's installed context, the one the endpoint acknowledged with.
registerInProcessWorker(() => import('../slack/runtime/worker').then((m) => (job) => m.runWorkerJob(appContext(), job)));

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const jobBody = z
  .object({ time: z.iso.datetime({ offset: true }).optional(), detail: z.record(z.string(), z.unknown()).optional() })
  .strict();

/** Local-only: POST /_local/jobs/{name} runs a scheduled job now, or for the given time. */
async function handleJob(name: string, raw: Buffer, res: ServerResponse) {
  if (!schedules.some((s) => s.name === name) && name !== 'reminder') {
    return send(res, 404, { error: { code: 'not_found', message: `No job "${name}"; jobs: ${schedules.map((s) => s.name).join(', ')}` } });
  }
  let body: z.infer<typeof jobBody> = {};
  if (raw.length) {
    try {
      const parsed = jobBody.safeParse(JSON.parse(raw.toString('utf8')));
      if (!parsed.success) return send(res, 422, { error: { code: 'validation_failed', message: z.prettifyError(parsed.error) } });
      body = parsed.data;
    } catch {
      return send(res, 400, { error: { code: 'bad_request', message: 'Body must be JSON: {"time": ISO-8601}' } });
    }
  }
  const result = await runJob({ job: name, time: body.time ?? new Date().toISOString(), detail: body.detail });
  send(res, 200, { job: name, result: result ?? null });
}

/** Local-only: POST /_local/dead-letters/{queue}/redrive re-invokes the queue's function with each parked event. */
async function handleRedrive(queue: string, store: DeadLetterStore | undefined, res: ServerResponse) {
  if (!store) return send(res, 404, { error: { code: 'not_found', message: 'This server keeps no dead letters' } });
  if (!isLocalQueue(queue))
    return send(res, 404, { error: { code: 'not_found', message: `No queue "${queue}"; queues: ${localQueues.join(', ')}` } });
  const target = queueTarget[queue];
  const handler = await loadFunction(target);
  if (!handler) return send(res, 501, { error: { code: 'not_built', message: `functions/${target}.ts is not there` } });
  const result = await store.redrive(queue, (event) => handler(event, lambdaContext(target)));
  send(res, 200, { queue, target, redriven: result.redriven, failed: result.failed.map((m) => ({ id: m.id, error: m.error })) });
}

/**
 * The local API Gateway: matches requests against lib/http/routes.ts and
 * invokes the route's function with a payload-2.0 event, as AWS would.
 */
export function createLocalServer(options: { deadLetters?: DeadLetterStore } = {}): Server {
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      const method = req.method ?? 'GET';
      const body = await readBody(req);
      if (body === 'too-large') return send(res, 413, { message: 'Request Entity Too Large' });
      const job = url.pathname.match(/^\/_local\/jobs\/([\w-]+)$/);
      if (job && method === 'POST') return await handleJob(job[1]!, body, res);
      const redrive = url.pathname.match(/^\/_local\/dead-letters\/([\w-]+)\/redrive$/);
      if (redrive && method === 'POST') return await handleRedrive(redrive[1]!, options.deadLetters, res);
      const matched = matchRoute(method, url.pathname);
      if (!matched) return send(res, 404, { message: 'Not Found' });
      if (matched === 'method-not-allowed') return send(res, 405, { message: 'Method Not Allowed' });
      const handler = await loadFunction(matched.functionName);
      if (!handler) return send(res, 501, { message: `functions/${matched.functionName}.ts is not built yet` });
      const result = (await handler(toEvent(req, url, body, matched), lambdaContext(matched.functionName))) as APIGatewayProxyResultV2;
      const out = normalizeResult(result);
      const headers: Record<string, string | string[]> = { ...out.headers };
      if (out.cookies.length) headers['set-cookie'] = out.cookies;
      res.writeHead(out.statusCode, headers);
      res.end(out.body);
    } catch (error) {
      // What API Gateway answers when the function itself throws.
      console.error(error);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
      else res.end();
    }
  });
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  // Idle keep-alive connections stay open as long as API Gateway keeps them, not Node's 5 s: a client
  // busy for a few seconds (a CLI run between two requests) would otherwise reuse a socket just closed.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as { port: number }).port;
}
