import type { AppContext } from '../../services/context';

/**
 * A modal submitted twice (a double click, a retried delivery with a new
 * trigger id) carries the same view id: the first submission claims it and
 * acts, later ones do nothing. A failed action gives the claim back, so the
 * user's retry is not swallowed.
 */
const SCOPE = 'slack-view';

export async function oncePerView(ctx: AppContext, viewId: string | undefined, now: Date, act: () => Promise<void>): Promise<void> {
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
