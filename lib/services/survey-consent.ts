import { changedFields } from '../domain/audit';
import { type Customer, consent } from '../domain/customer';
import type { Actor } from '../domain/staff';
import { auditOp } from '../store';
import type { AppContext } from './context';
import { deliverCommitted, stageEvent } from './events';

/**
 * Turns a customer's survey consent off: the survey page's opt-out. Audit, the
 * optimistic lock and `customer.updated` as in a staff update, but only consent
 * changes, so no name or phone key is recomputed and the public survey function
 * stays free of the pinyin dictionary and phone metadata. A version conflict
 * throws `precondition_failed`; the caller reads again and retries.
 */
export async function withdrawSurveyConsent(ctx: AppContext, actor: Actor, before: Customer, now: Date): Promise<Customer> {
  if (before.consent?.surveys === false) return before;
  const at = now.toISOString();
  const after: Customer = {
    ...before,
    consent: consent.parse({ ...before.consent, surveys: false }),
    version: before.version + 1,
    updatedAt: at,
    updatedBy: actor.id,
  };
  const changes = changedFields(before, after);
  // The event goes into the same transaction (the outbox), so an opt-out is never left without its follow-ups.
  const updated = stageEvent(
    ctx,
    { type: 'customer.updated', at, customerId: before.id, changedFields: Object.keys(changes), moved: false },
    now,
  );
  await ctx.store.transact([
    ctx.store.customers.consentOp(before, after),
    auditOp({ at, actor: actor.id, action: 'customer.updated', entity: 'customer', entityId: before.id, changes }),
    updated.op,
  ]);
  await deliverCommitted(ctx, [updated], now);
  return after;
}
