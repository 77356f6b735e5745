import type { AppContext } from '../../services/context';
import { errorText, isOurFault } from '../errors';
import type { JobContext, Reply, WorkerJob } from '../feature-module';
import { jobHandlers } from '../jobs';
import { slackClient } from './client';
import { claimDelivery } from './dedupe';
import { postToResponseUrl } from './response-url';
import { loadSession } from './session';

/**
 * The worker: the slow half of every Slack request. It runs in its own Lambda
 * (async invoke) or, on the local stack, in-process after the ack. Whatever
 * goes wrong is told to the user in their language — never silence.
 */
export async function runWorkerJob(ctx: AppContext, job: WorkerJob): Promise<void> {
  const { delivery } = job;
  // The claim (a write) and the session (reads only) go to the table together: one round trip, not two.
  // A repeated delivery has read its session for nothing, and acts on nothing.
  const claimed = delivery && !delivery.claimed ? claimDelivery(ctx, delivery.id, new Date(job.receivedAt)) : Promise.resolve(true);
  claimed.catch(() => {}); // awaited below; handled here in case slackClient throws first
  const client = await slackClient(ctx);
  // Without the staff directory the job cannot act, but it can still say so, in the company's language.
  const loading = loadSession(ctx, client, job.userId).catch((error: unknown) => {
    ctx.logger.error('slack session failed', { userId: job.userId, error: error as Error });
    return undefined;
  });
  if (!(await claimed)) {
    ctx.logger.info('repeated slack delivery ignored', { delivery: delivery?.id, kind: job.kind });
    return;
  }
  const session = await loading;
  if (!session) {
    const fallback = { text: errorText(new Error('no session'), ctx.config.company.defaultLocale) };
    await (job.responseUrl
      ? postToResponseUrl(job.responseUrl, fallback)
      : client.chat.postMessage({ channel: job.userId, ...fallback })
    ).catch(() => {});
    return;
  }
  const post = async (channel: string, m: Reply, threadTs?: string) => {
    const res = await client.chat.postMessage({
      channel,
      text: m.text,
      blocks: m.blocks as never,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
    return { channel: res.channel, ts: res.ts };
  };
  const jc: JobContext = {
    ...session,
    ctx,
    client,
    job,
    now: new Date(job.receivedAt),
    async reply(m) {
      if (job.responseUrl) return postToResponseUrl(job.responseUrl, m);
      await post(job.channelId ?? job.userId, m, job.threadTs);
    },
    dm: (m) => post(job.userId, m),
  };
  const handler = jobHandlers[job.kind];
  try {
    if (!handler) throw new Error(`no worker job ${job.kind}`);
    await handler(jc);
  } catch (error) {
    if (isOurFault(error)) ctx.logger.error('slack job failed', { kind: job.kind, userId: job.userId, error: error as Error });
    await jc
      .reply({ text: errorText(error, session.locale) })
      .catch((e: unknown) => ctx.logger.error('could not report a failed job', { kind: job.kind, error: e as Error }));
  }
}
