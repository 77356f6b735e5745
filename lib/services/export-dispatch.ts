import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { AppContext } from './context';

/**
 * Starts an export job's worker without waiting for it. In AWS the import
 * worker function runs exports too (event `{ exportId }`, one Lambda of up to
 * 15 minutes for a file the size of the book); on the local stack and in tests
 * the same code runs in-process after the request has been answered.
 */
let lambda: LambdaClient | undefined;
const running = new Set<Promise<void>>();
type InProcessRunner = (ctx: AppContext, exportId: string, clock: () => Date) => Promise<unknown>;
let inProcess: InProcessRunner | undefined;

/** The local stack registers the worker here (lib/local/in-process-jobs.ts): importing it would put the .xlsx writer in the API's bundle. */
export function registerInProcessExportRunner(run: InProcessRunner): void {
  inProcess = run;
}

export async function dispatchExport(ctx: AppContext, exportId: string): Promise<void> {
  const functionName = ctx.config.importWorkerFunctionName;
  if (functionName) {
    lambda ??= new LambdaClient({ region: ctx.config.region });
    await lambda.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify({ exportId })) }),
    );
    return;
  }
  const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => {
      if (!inProcess) throw new Error('the export worker is not loaded in this process');
      return inProcess(ctx, exportId, () => new Date());
    })
    .then(
      () => undefined,
      (error: unknown) => ctx.logger.error('in-process export failed', { exportId, error: error as Error }),
    )
    .finally(() => running.delete(done));
  running.add(done);
}

/** Resolves when every in-process export started so far has stopped (tests, the benchmark). */
export async function exportJobsSettled(): Promise<void> {
  while (running.size) await Promise.all([...running]);
}
