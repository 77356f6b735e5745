import { DomainError } from '../domain/errors';
import { type Actor, atLeast } from '../domain/staff';
import { auditOp } from '../store';
import type { AppContext } from './context';

/**
 * Phone and e-mail lookups by agents are limited per hour: an agent sees other
 * owners' numbers masked (`139****8475`), and without a limit the four hidden
 * digits are 10,000 tries away. Supervisors and above see numbers unmasked and
 * are not limited. Repeated misses are audited: they are what guessing looks like.
 */
const limited = (actor: Actor) => actor.kind === 'staff' && !atLeast(actor.role, 'supervisor');
const windowOf = (now: Date) => now.toISOString().slice(0, 13);
const expiresAfterWindow = (now: Date) => Math.floor(now.getTime() / 1000) + 2 * 3600;

export async function countLookup(ctx: AppContext, actor: Actor, now: Date): Promise<void> {
  if (!limited(actor)) return;
  const { perHour } = ctx.config.customers.lookupLimit;
  const { lookups } = await ctx.store.lookupLimits.add(actor.id, windowOf(now), { lookups: 1 }, expiresAfterWindow(now));
  if (lookups > perHour) {
    throw new DomainError('rate_limited', `at most ${perHour} phone or e-mail lookups an hour`, { limit: perHour }, 'error.lookup_limit', {
      limit: perHour,
    });
  }
}

export async function countLookupMiss(ctx: AppContext, actor: Actor, now: Date): Promise<void> {
  if (!limited(actor)) return;
  const { auditMissesEvery } = ctx.config.customers.lookupLimit;
  const { misses } = await ctx.store.lookupLimits.add(actor.id, windowOf(now), { misses: 1 }, expiresAfterWindow(now));
  if (misses % auditMissesEvery === 0) {
    await ctx.store.transact([
      auditOp({
        at: now.toISOString(),
        actor: actor.id,
        action: 'customer.lookup_misses',
        entity: 'staff',
        entityId: actor.id,
        note: `${misses} phone/e-mail lookups found nobody this hour`,
      }),
    ]);
  }
}
