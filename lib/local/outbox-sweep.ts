import type { AppContext } from '../services/context';
import { deliverPending } from '../services/events';

/**
 * The local stack's delivery platform. Requests deliver their events right
 * after the commit; this sweep delivers what they could not — the process was
 * killed between commit and delivery, a subscriber failed, DynamoDB blinked.
 * At start it drains everything the previous run left (this process is the only
 * deliverer then, so claims the dead one left running are taken over); after
 * that it looks every few seconds at events older than a short grace period,
 * so it does not race the request that is delivering them right now.
 *
 * Why a sweep of the outbox and not DynamoDB Local's stream: the outbox index is
 * the source of truth and survives restarts as-is, works with any endpoint
 * (DYNAMODB_ENDPOINT may be a DynamoDB without streams), and needs no shard
 * iterator bookkeeping; the stream is what AWS gives us for free (functions/events.ts).
 */
export async function drainOutbox(ctx: AppContext, now: Date): Promise<{ delivered: number; failed: number; waiting: number }> {
  const total = { delivered: 0, failed: 0, waiting: 0 };
  for (;;) {
    const round = await deliverPending(ctx, now, { graceSeconds: 0, limit: 100, takeOverLeases: true });
    total.delivered += round.delivered;
    total.failed += round.failed;
    total.waiting += round.waiting;
    // A page that delivered nothing would come back the same: stop rather than spin on a failing subscriber.
    if (round.delivered === 0) return total;
  }
}

export function startOutboxSweep(ctx: AppContext, log: (line: string) => void, everyMs = 3000): { stop(): void } {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { delivered, failed } = await deliverPending(ctx, new Date());
      if (delivered || failed) log(`[outbox] delivered ${delivered} event(s)${failed ? `, ${failed} failed (retried next sweep)` : ''}`);
    } catch (error) {
      log(`[outbox] sweep failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
