import type { AckContext } from '../../services/context';
import { claimDelivery, currentDelivery, releaseDelivery } from './dedupe';

/**
 * A modal submitted twice (a double click, a retried delivery with a new
 * trigger id) carries the same view id: the first submission claims it and
 * acts, later ones do nothing. A failed action gives the claim back, so the
 * user's retry is not swallowed.
 */
const SCOPE = 'slack-view';

export async function oncePerView(ctx: AckContext, viewId: string | undefined, now: Date, act: () => Promise<void>): Promise<void> {
  if (!viewId) return act();
  const ttl = Math.round(ctx.config.slackBot.dedupeTtlHours * 3600);
  if (!(await ctx.store.idempotency.claim(SCOPE, viewId, now, ttl))) return;
  try {
    await act();
  } catch (error) {
    await ctx.store.idempotency.release(SCOPE, viewId, now).catch(() => {});
    throw error;
  }
}

/**
 * Opens a modal once per trigger: identical deliveries of one command or click
 * (a replay, a proxy's double send — same trigger_id) open it once. The delivery
 * is claimed here, before views.open; a request that also hands work off passes
 * the claim on (the worker does not claim it again). A failed open gives the claim back.
 */
export async function openViewOnce(
  ctx: AckContext,
  client: { views: { open(args: { trigger_id: string; view: never }): Promise<unknown> } },
  triggerId: string,
  view: unknown,
  now: Date = new Date(),
): Promise<void> {
  const delivery = currentDelivery();
  const id = delivery?.id ?? `trigger:${triggerId}`;
  const claimedHere = !delivery?.claimed;
  if (claimedHere && !(await claimDelivery(ctx, id, now))) return;
  if (delivery) delivery.claimed = true;
  try {
    await client.views.open({ trigger_id: triggerId, view: view as never });
  } catch (error) {
    if (claimedHere) {
      await releaseDelivery(ctx, id, now).catch(() => {});
      if (delivery) delivery.claimed = false;
    }
    throw error;
  }
}
