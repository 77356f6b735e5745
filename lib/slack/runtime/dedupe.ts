import { AsyncLocalStorage } from 'node:async_hooks';
import type { AckContext } from '../../services/context';

/**
 * Slack delivers an event again when it did not see a 200 within three
 * seconds (with X-Slack-Retry-Num), and a double click can send one
 * interaction twice. Each delivery is claimed once, by its event_id or
 * trigger_id, before anything acts on it:
 * - a request carrying X-Slack-Retry-Num is claimed before Bolt sees it, and
 *   acknowledged at once without acting when the claim is already taken;
 * - any other request is claimed by the worker job it hands off, so the ack
 *   itself needs no database round trip (a first delivery is the common case).
 */
const SCOPE = 'slack-delivery';

/** The id that names one delivery, or undefined for requests that change nothing (option lists, url_verification). */
export function deliveryIdOf(body: Record<string, unknown>): string | undefined {
  if (body.type === 'event_callback' && typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (body.type === 'block_suggestion' || body.type === 'url_verification') return undefined;
  if (typeof body.trigger_id === 'string' && body.trigger_id) return `trigger:${body.trigger_id}`;
  return undefined;
}

export async function claimDelivery(ctx: AckContext, id: string, now: Date): Promise<boolean> {
  return ctx.store.idempotency.claim(SCOPE, id, now, Math.round(ctx.config.slackBot.dedupeTtlHours * 3600));
}

/** Gives a claim back when the request failed before acting, so Slack's retry gets its turn. */
export async function releaseDelivery(ctx: AckContext, id: string, claimedAt: Date): Promise<void> {
  await ctx.store.idempotency.release(SCOPE, id, claimedAt);
}

/** The delivery being handled, for the listener's hand-off to pass on to the worker. */
export interface Delivery {
  id: string;
  /** claimed already (a retry, claimed before Bolt) */
  claimed: boolean;
}

const current = new AsyncLocalStorage<Delivery | undefined>();

export const withDelivery = <T>(delivery: Delivery | undefined, run: () => Promise<T>): Promise<T> => current.run(delivery, run);
export const currentDelivery = (): Delivery | undefined => current.getStore();
