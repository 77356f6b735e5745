import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TZDate } from '@date-fns/tz';

/**
 * A local EventBridge Scheduler API for one-off reminders: the real
 * @aws-sdk/client-scheduler, pointed here with SCHEDULER_ENDPOINT, speaks its
 * REST-JSON protocol (CreateSchedule POST /schedules/{Name}, UpdateSchedule PUT,
 * GetSchedule GET and DeleteSchedule DELETE with ?groupName=, ListSchedules GET
 * /schedules). Schedules live in memory; an at() schedule fires when due by
 * calling `fire(input)` with the target's Input (its
 * <aws.scheduler.scheduled-time> replaced, as AWS does), then is deleted when
 * ActionAfterCompletion is DELETE. A target that fails is tried again on later
 * ticks until the schedule's RetryPolicy is spent (attempts or event age; AWS's
 * defaults, 185 and 24 h, when none is given), then the event goes to its
 * DeadLetterConfig queue (`deadLetter`, the local stand-in for SQS) or, without
 * one, is dropped — as AWS does. cron()/rate() schedules are stored, never fired
 * (the recurring jobs have their own local scheduler).
 */

export interface StoredSchedule {
  Name: string;
  GroupName: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  FlexibleTimeWindow: { Mode: string; MaximumWindowInMinutes?: number };
  Target: { Arn: string; RoleArn: string; Input?: string; RetryPolicy?: RetryPolicy; DeadLetterConfig?: { Arn: string } };
  ActionAfterCompletion?: string;
  State?: string;
  Description?: string;
  StartDate?: number;
  EndDate?: number;
  CreationDate: number;
  LastModificationDate: number;
  Arn: string;
}

export interface RetryPolicy {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
}

/** What the scheduler puts in a dead-letter queue: the target's input, the reason in attributes. */
export interface DeadLetterEvent {
  queueArn: string;
  body: unknown;
  attributes: { ERROR_CODE: string; ERROR_MESSAGE: string; SCHEDULE_ARN: string; TARGET_ARN: string; RETRY_ATTEMPTS: string };
}

export interface SchedulerEmulator {
  endpoint: string;
  stop(): Promise<void>;
  schedules(): StoredSchedule[];
  /** Fires every at() schedule due at `now` (default: the clock); the timer calls this every second. */
  fireDue(now?: Date): Promise<number>;
}

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;
const DLQ_ARN = /^arn:aws(-[a-z]+)?:sqs:[a-z0-9-]+:\d{12}:[a-zA-Z0-9-_]+$/;
/** AWS's RetryPolicy when a schedule gives none. */
const DEFAULT_RETRY = { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86_400 };
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, type?: string) {
  res.writeHead(status, { 'content-type': 'application/json', ...(type ? { 'x-amzn-errortype': type } : {}) });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new ApiError(400, 'ValidationException', 'Request body is not valid JSON');
  }
}

/** When an at() expression happens, in its time zone (UTC when none is given, as AWS does). */
export function atInstant(expression: string, timeZone = 'UTC'): Date | undefined {
  const m = AT.exec(expression);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(new TZDate(y, mo - 1, d, h, mi, s, timeZone).getTime());
}

function validate(body: Record<string, unknown>, name: string): Omit<StoredSchedule, 'CreationDate' | 'LastModificationDate' | 'Arn'> {
  if (!NAME.test(name)) throw new ApiError(400, 'ValidationException', `Name ${name} must match [0-9a-zA-Z-_.]{1,64}`);
  const expression = body.ScheduleExpression;
  if (typeof expression !== 'string' || !/^(at|cron|rate)\(.+\)$/.test(expression)) {
    throw new ApiError(400, 'ValidationException', 'ScheduleExpression must be at(...), cron(...) or rate(...)');
  }
  if (expression.startsWith('at(') && !atInstant(expression))
    throw new ApiError(400, 'ValidationException', `Invalid at() expression ${expression}`);
  const window = body.FlexibleTimeWindow as StoredSchedule['FlexibleTimeWindow'] | undefined;
  if (!window || (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE'))
    throw new ApiError(400, 'ValidationException', 'FlexibleTimeWindow.Mode is required');
  const target = body.Target as StoredSchedule['Target'] | undefined;
  if (!target?.Arn || !target.RoleArn) throw new ApiError(400, 'ValidationException', 'Target.Arn and Target.RoleArn are required');
  const retry = target.RetryPolicy;
  if (
    retry?.MaximumRetryAttempts !== undefined &&
    !(Number.isInteger(retry.MaximumRetryAttempts) && retry.MaximumRetryAttempts >= 0 && retry.MaximumRetryAttempts <= 185)
  ) {
    throw new ApiError(400, 'ValidationException', 'Target.RetryPolicy.MaximumRetryAttempts must be an integer from 0 to 185');
  }
  if (
    retry?.MaximumEventAgeInSeconds !== undefined &&
    !(Number.isInteger(retry.MaximumEventAgeInSeconds) && retry.MaximumEventAgeInSeconds >= 60 && retry.MaximumEventAgeInSeconds <= 86_400)
  ) {
    throw new ApiError(400, 'ValidationException', 'Target.RetryPolicy.MaximumEventAgeInSeconds must be an integer from 60 to 86400');
  }
  if (target.DeadLetterConfig !== undefined && !DLQ_ARN.test(target.DeadLetterConfig.Arn ?? '')) {
    throw new ApiError(400, 'ValidationException', 'Target.DeadLetterConfig.Arn must be the ARN of an SQS queue');
  }
  if (body.ActionAfterCompletion !== undefined && body.ActionAfterCompletion !== 'NONE' && body.ActionAfterCompletion !== 'DELETE') {
    throw new ApiError(400, 'ValidationException', 'ActionAfterCompletion must be NONE or DELETE');
  }
  return {
    Name: name,
    GroupName: typeof body.GroupName === 'string' && body.GroupName ? body.GroupName : 'default',
    ScheduleExpression: expression,
    ScheduleExpressionTimezone: body.ScheduleExpressionTimezone as string | undefined,
    FlexibleTimeWindow: window,
    Target: target,
    ActionAfterCompletion: (body.ActionAfterCompletion as string | undefined) ?? 'NONE',
    State: (body.State as string | undefined) ?? 'ENABLED',
    Description: body.Description as string | undefined,
    StartDate: body.StartDate as number | undefined,
    EndDate: body.EndDate as number | undefined,
  };
}

export async function startSchedulerEmulator(opts: {
  fire: (input: unknown) => Promise<unknown> | unknown;
  /** Receives events whose retries are spent, for schedules with a DeadLetterConfig. */
  deadLetter?: (event: DeadLetterEvent) => Promise<void> | void;
  port?: number;
  /** how often due schedules are checked; 0 turns the timer off (tests call fireDue) */
  tickMs?: number;
  log?: (line: string) => void;
}): Promise<SchedulerEmulator> {
  const store = new Map<string, StoredSchedule>();
  const key = (group: string, name: string) => `${group}/${name}`;
  const firing = new Set<string>();
  const failedAttempts = new Map<string, number>();

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const now = Date.now() / 1000;
      if (url.pathname === '/schedules' && req.method === 'GET') {
        const group = url.searchParams.get('ScheduleGroup');
        const items = [...store.values()].filter((s) => !group || s.GroupName === group);
        return send(res, 200, {
          Schedules: items.map((s) => ({
            Arn: s.Arn,
            Name: s.Name,
            GroupName: s.GroupName,
            State: s.State,
            CreationDate: s.CreationDate,
            LastModificationDate: s.LastModificationDate,
            Target: { Arn: s.Target.Arn },
          })),
        });
      }
      const match = /^\/schedules\/([^/]+)$/.exec(url.pathname);
      if (!match) throw new ApiError(404, 'ResourceNotFoundException', `No route ${req.method} ${url.pathname}`);
      const name = decodeURIComponent(match[1]!);
      if (req.method === 'POST' || req.method === 'PUT') {
        const def = validate(await readJson(req), name);
        const k = key(def.GroupName, name);
        const existing = store.get(k);
        if (req.method === 'POST' && existing) throw new ApiError(409, 'ConflictException', `Schedule ${name} already exists.`);
        if (req.method === 'PUT' && !existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
        const arn = `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/${def.GroupName}/${name}`;
        store.set(k, { ...def, Arn: arn, CreationDate: existing?.CreationDate ?? now, LastModificationDate: now });
        failedAttempts.delete(k);
        return send(res, 200, { ScheduleArn: arn });
      }
      const group = url.searchParams.get('groupName') || 'default';
      const k = key(group, name);
      const found = store.get(k);
      if (!found) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
      if (req.method === 'GET') return send(res, 200, found);
      if (req.method === 'DELETE') {
        store.delete(k);
        return send(res, 200, {});
      }
      throw new ApiError(405, 'ValidationException', `Method ${req.method} not supported`);
    } catch (error) {
      if (error instanceof ApiError) return send(res, error.status, { Message: error.message }, error.type);
      send(res, 500, { Message: (error as Error).message }, 'InternalServerException');
    }
  });

  function complete(k: string, s: StoredSchedule) {
    failedAttempts.delete(k);
    if (s.ActionAfterCompletion === 'DELETE') store.delete(k);
    else store.set(k, { ...s, State: 'DISABLED' });
  }

  async function fireDue(now = new Date()): Promise<number> {
    let fired = 0;
    for (const [k, s] of store) {
      if (s.State === 'DISABLED' || firing.has(k)) continue;
      const at = atInstant(s.ScheduleExpression, s.ScheduleExpressionTimezone);
      if (!at || at > now) continue;
      firing.add(k);
      try {
        const scheduled = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
        const input = s.Target.Input ? JSON.parse(s.Target.Input.replaceAll('<aws.scheduler.scheduled-time>', scheduled)) : {};
        await opts.fire(input);
        fired++;
        complete(k, s);
      } catch (error) {
        // AWS retries a failed target with backoff; here the next tick tries again, within the policy.
        const attempts = (failedAttempts.get(k) ?? 0) + 1;
        failedAttempts.set(k, attempts);
        const policy = { ...DEFAULT_RETRY, ...s.Target.RetryPolicy };
        const spent = attempts > policy.MaximumRetryAttempts || now.getTime() - at.getTime() >= policy.MaximumEventAgeInSeconds * 1000;
        opts.log?.(`[scheduler-api] ${s.Name} failed (attempt ${attempts}${spent ? ', giving up' : ''}): ${(error as Error).message}`);
        if (spent) {
          if (s.Target.DeadLetterConfig && opts.deadLetter) {
            await opts.deadLetter({
              queueArn: s.Target.DeadLetterConfig.Arn,
              body: s.Target.Input
                ? JSON.parse(s.Target.Input.replaceAll('<aws.scheduler.scheduled-time>', at.toISOString().replace(/\.\d{3}Z$/, 'Z')))
                : {},
              attributes: {
                ERROR_CODE: (error as Error).name || 'Error',
                ERROR_MESSAGE: (error as Error).message,
                SCHEDULE_ARN: s.Arn,
                TARGET_ARN: s.Target.Arn,
                RETRY_ATTEMPTS: String(attempts - 1),
              },
            });
          }
          complete(k, s);
        }
      } finally {
        firing.delete(k);
      }
    }
    return fired;
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  const tickMs = opts.tickMs ?? 1000;
  const timer = tickMs > 0 ? setInterval(() => void fireDue(), tickMs) : undefined;
  timer?.unref();

  return {
    endpoint: `http://127.0.0.1:${port}`,
    schedules: () => [...store.values()],
    fireDue,
    async stop() {
      if (timer) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
