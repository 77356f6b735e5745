import { changedFields } from '../domain/audit';
import { localDay } from '../domain/calendar';
import { type Customer, isMove } from '../domain/customer';
import { increments, metric } from '../domain/metrics';
import { nameIndex } from '../domain/name-keys';
import type { Actor } from '../domain/staff';
import { auditOp } from '../store';
import { careScheduleOps } from './care-schedule';
import type { AppContext } from './context';
import { deliverCommitted, stageEvent } from './events';

/**
 * Commits a customer's new version in one transaction: the profile with its claims
 * and name keys (their summaries carry the stage, so a stage change rewrites them),
 * the audit event, the care schedule, the churned counter and `customer.updated`.
 * Shared by the staff update (lib/services/customers.ts, which validates input and
 * normalises phones first) and the system's stage changes (lib/services/churn.ts),
 * which then bundle neither the input schema nor the phone metadata. A concurrent
 * change makes the profile's version condition refuse it (`precondition_failed`).
 */
export async function commitCustomerChange(
  ctx: AppContext,
  actor: Actor,
  before: Customer,
  after: Customer,
  now: Date,
): Promise<{ changed: boolean; moved: boolean }> {
  const changes = changedFields(before, after);
  if (Object.keys(changes).length === 0) return { changed: false, moved: false };
  const at = now.toISOString();
  const moved = isMove(before.address, after.address);
  const updated = stageEvent(ctx, { type: 'customer.updated', at, customerId: after.id, changedFields: Object.keys(changes), moved }, now);
  await ctx.store.transact([
    updated.op,
    ...ctx.store.customers.updateOps(before, after, nameIndex),
    auditOp({ at, actor: actor.id, action: 'customer.updated', entity: 'customer', entityId: after.id, changes }),
    ...careScheduleOps(ctx.store, after, now, ctx.config, before),
    ...(changes.lifecycleStage && after.lifecycleStage === 'churned'
      ? [
          ...ctx.store.counters.incrementOps(
            localDay(now, ctx.config.company.timeZone),
            increments([metric.customerChurned], after.ownerId),
          ),
        ]
      : []),
  ]);
  await deliverCommitted(ctx, [updated], now);
  return { changed: true, moved };
}
