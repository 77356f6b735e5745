import { appContext } from '../lib/services/context';
import { lambdaEntry } from '../lib/services/lambda-entry';
import { workerJob } from '../lib/slack/feature-module';
import { runWorkerJob } from '../lib/slack/runtime/worker';
import '../lib/notify/install-channels';

/** The slow half of a Slack request, invoked asynchronously by functions/slack (lib/slack/runtime/worker.ts). */
export const handler = lambdaEntry(async (event: unknown): Promise<void> => {
  const ctx = appContext();
  const parsed = workerJob.safeParse(event);
  if (!parsed.success) {
    ctx.logger.error('slack worker job rejected', { issues: parsed.error.issues });
    return;
  }
  await runWorkerJob(ctx, parsed.data);
}, appContext);
