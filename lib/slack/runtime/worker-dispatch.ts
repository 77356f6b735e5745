import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AppContext } from '../../services/context';
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

type RunInProcess = (ctx: AppContext, job: WorkerJob) => Promise<void>;

let worker: Promise<RunInProcess> | undefined;
function inProcessWorker(): Promise<RunInProcess> {
  // Not a string literal on purpose: bundlers follow literals, and the worker
  // (every service) must stay out of the endpoint's bundle — in AWS it is its
  // own function. Only the local stack and tests come here (tsx / vitest).
  const specifier = ['.', 'worker.ts'].join('/');
  worker ??= import(/* @vite-ignore */ specifier).then((m: { runWorkerJob: RunInProcess }) => m.runWorkerJob);
  return worker;
}

export async function dispatchToWorker(ctx: AppContext, job: WorkerJob): Promise<void> {
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
        await (await inProcessWorker())(ctx, job);
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
