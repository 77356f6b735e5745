import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AppContext } from './context';

/**
 * Starts (or resumes) an import job's worker without waiting for it. In AWS:
 * an asynchronous invoke of functions/import-worker (Lambda queues and retries
 * it). On the local stack and in tests (no IMPORT_WORKER_FUNCTION_NAME): the
 * same worker in-process, after the current request has been answered.
 */
export interface ImportWorkerEvent {
  importId: string;
}

let lambda: LambdaClient | undefined;
const running = new Set<Promise<void>>();
type InProcessRunner = (ctx: AppContext, importId: string, clock: () => Date) => Promise<unknown>;
let inProcess: InProcessRunner | undefined;

/** import-worker.ts registers itself here when loaded, and the local server registers it (lib/local/in-process-jobs.ts): the worker calls dispatch (hand-over, sweep), so dispatch may not import it. */
export function registerInProcessImportRunner(run: InProcessRunner): void {
  inProcess = run;
}

export async function dispatchImport(ctx: AppContext, importId: string): Promise<void> {
  const functionName = ctx.config.importWorkerFunctionName;
  if (functionName) {
    lambda ??= new LambdaClient({ region: ctx.config.region });
    const event: ImportWorkerEvent = { importId };
    await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(event)) }),
    );
    return;
  }
  const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => {
      if (!inProcess) throw new Error('the import worker is not loaded in this process');
      return inProcess(ctx, importId, () => new Date());
    })
    .then(
      () => undefined,
      (error: unknown) => ctx.logger.error('in-process import failed; the sweep resumes it', { importId, error: error as Error }),
    )
    .finally(() => running.delete(done));
  running.add(done);
}

/** Resolves when every in-process import started so far has stopped (tests, the benchmark, shutdown). */
export async function importJobsSettled(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
