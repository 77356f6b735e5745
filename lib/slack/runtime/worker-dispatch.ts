import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AckContext } from '../../services/context';
import type { WorkerJob } from '../feature-module';

/**
 * Hands a job to the worker so the listener can acknowledge at once (Slack
 * waits three seconds, and AwsLambdaReceiver answers only after the listener
 * returns). In AWS: an async invoke of the worker function — a 202 from
 * Lambda, the job queued and retried by Lambda. On the local stack (no
 * WORKER_FUNCTION_NAME): in-process, started after the current request and
 * not awaited, as a second Lambda would.
 */
let lambda: LambdaClient | undefined;

/** Where the local stack parks an in-process job that threw, as slack-worker's failure queue would in AWS. */
let localFailureSink: ((job: WorkerJob, error: unknown) => void) | undefined;
export function onLocalWorkerFailure(sink: typeof localFailureSink): void {
  localFailureSink = sink;
}

/** Runs a job in this process, over the process's own full context (the endpoint's may hold only the ack path's store). */
export type RunInProcess = (job: WorkerJob) => Promise<void>;

let loadWorker: (() => Promise<RunInProcess>) | undefined;
let worker: Promise<RunInProcess> | undefined;

/**
 * Installs the in-process worker (lib/slack/runtime/worker.ts `runWorkerJob`) for a
 * process without a worker function: the local stack registers it (lib/local/server.ts).
 * This module never imports the worker itself, so the endpoint's bundle leaves the
 * worker and every service out; in AWS the worker is its own function.
 */
export function registerInProcessWorker(load: () => Promise<RunInProcess>): void {
  loadWorker = load;
  worker = undefined;
}

function inProcessWorker(): Promise<RunInProcess> {
  if (!loadWorker) throw new Error('No Slack worker: set WORKER_FUNCTION_NAME, or register the in-process worker (local stack)');
  worker ??= loadWorker();
  return worker;
}

export async function dispatchToWorker(ctx: AckContext, job: WorkerJob): Promise<void> {
  const functionName = ctx.config.slackBot.workerFunctionName;
  if (functionName) {
    lambda ??= new LambdaClient({ region: ctx.config.region });
    await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(job)) }),
    );
    return;
  }
  const done = new Promise<void>((resolve) => {
    queue.push(async () => {
      try {
        await (await inProcessWorker())(job);
      } catch (error) {
        ctx.logger.error('in-process slack job failed', { kind: job.kind, error: error as Error });
        localFailureSink?.(job, error);
      } finally {
        inProcess.delete(done);
        resolve();
      }
    });
  });
  inProcess.add(done);
  // After the current request's ack has been sent, never inside it.
  setImmediate(() => drain(ctx.config.slackBot.localWorkerConcurrency));
}

/**
 * The local worker runs a few jobs at a time, like a worker function with
 * reserved concurrency: one process serves both halves locally, and acks must
 * not queue behind a burst of slow jobs (Slack gives up after three seconds).
 */
const queue: Array<() => Promise<void>> = [];
let active = 0;

function drain(limit: number): void {
  while (active < limit && queue.length) {
    const next = queue.shift()!;
    active++;
    void next().finally(() => {
      active--;
      drain(limit);
    });
  }
}

const inProcess = new Set<Promise<void>>();

/** Resolves when every in-process job started so far has finished (tests, the benchmark, shutdown). */
export async function inProcessJobsSettled(): Promise<void> {
  while (inProcess.size) await Promise.all([...inProcess]);
}
