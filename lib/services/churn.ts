import { localDay, plusDays } from '../domain/calendar';
import { type CareTask, type ChurnSignal, canBecomeAtRisk, careProfileOf, winBackTask } from '../domain/care';
import type { Customer, LifecycleStage } from '../domain/customer';
import { DomainError } from '../domain/errors';
import { increments, metric } from '../domain/metrics';
import { systemActor } from '../domain/staff';
import { announceTask, createCareTask } from './care';
import type { AppContext } from './context';
import { commitCustomerChange } from './customer-change';

/**
 * Churn warnings (docs/domain.md, Care): dormancy past the tier's window, a new
 * complaint, an address change or a detractor answer moves a customer to
 * at-risk and gives the owner a win-back task; a customer who comes back is
 * marked won-back. The at-risk list is the customers list by stage.
 */

export interface ChurnOutcome {
  task?: CareTask;
  markedAtRisk: boolean;
}

/**
 * One signal. The win-back task id is per customer per day, so several signals
 * (or a retried event) on one day make one task; the at-risk counter lands in
 * the task's transaction, so it counts each at-risk day once. The task is
 * written before the stage so a crash in between is finished by the retry.
 * `announce: 'now'` DMs the owner at once (event-driven signals); care-daily
 * passes 'digest' and lists the task in the day's DM instead.
 */
export async function raiseChurnSignal(
  ctx: AppContext,
  customerOrId: Customer | string,
  signal: ChurnSignal,
  now: Date,
  opts: { announce: 'now' | 'digest' },
): Promise<ChurnOutcome> {
  const customer = typeof customerOrId === 'string' ? await ctx.store.customers.get(customerOrId) : customerOrId;
  if (!customer || !canBecomeAtRisk(customer.lifecycleStage)) return { markedAtRisk: false };
  const today = localDay(now, ctx.config.company.timeZone);
  const draft = winBackTask(careProfileOf(customer), today, signal, ctx.config.care);
  const created = await createCareTask(ctx, draft, {
    now,
    remindOn: opts.announce === 'digest' ? today : undefined,
    metrics: [metric.customerAtRisk],
  });
  const marked = await setLifecycleStage(ctx, customer, 'at-risk', now, canBecomeAtRisk);
  if (created?.created && opts.announce === 'now') {
    try {
      await announceTask(ctx, created.task, created.task.id, now);
    } catch (error) {
      // The owner still sees it: tomorrow's care-daily lists it.
      ctx.logger.warn('churn alert not sent; it will be in the next daily DM', { taskId: created.task.id, error: error as Error });
      await ctx.store
        .transact([
          ctx.store.care.putTaskOp(
            { ...created.task, remindOn: plusDays(today, 1), version: created.task.version + 1 },
            created.task.version,
          ),
        ])
        .catch(() => {});
    }
  }
  return { task: created?.task, markedAtRisk: marked };
}

/** An at-risk customer with a new interaction is won back. */
export async function markWonBack(ctx: AppContext, customerOrId: Customer | string, now: Date): Promise<boolean> {
  const customer = typeof customerOrId === 'string' ? await ctx.store.customers.get(customerOrId) : customerOrId;
  if (customer?.lifecycleStage !== 'at-risk') return false;
  const marked = await setLifecycleStage(ctx, customer, 'won-back', now, (stage) => stage === 'at-risk');
  if (marked) {
    await ctx.store.transact([
      ...ctx.store.counters.incrementOps(
        localDay(now, ctx.config.company.timeZone),
        increments([metric.customerWonBack], customer.ownerId),
      ),
    ]);
  }
  return marked;
}

/**
 * Through the customer change the staff update commits with (lib/services/customer-change.ts),
 * so the stage change keeps version semantics, the audit trail, the listing indexes, the name
 * keys' summaries and the care schedule, without the staff update's input schema and phone
 * metadata. A concurrent edit makes it read again and re-check; true only for the call that changed it.
 */
async function setLifecycleStage(
  ctx: AppContext,
  customer: Customer,
  stage: LifecycleStage,
  now: Date,
  from: (stage: LifecycleStage) => boolean,
): Promise<boolean> {
  let current: Customer | undefined = customer;
  for (let attempt = 0; attempt < 4 && current; attempt++) {
    if (!from(current.lifecycleStage)) return false;
    try {
      const after: Customer = {
        ...current,
        lifecycleStage: stage,
        updatedBy: systemActor.id,
        updatedAt: now.toISOString(),
        version: current.version + 1,
      };
      await commitCustomerChange(ctx, systemActor, current, after, now);
      return true;
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'precondition_failed' && error.code !== 'conflict')) throw error;
      current = await ctx.store.customers.get(customer.id);
    }
  }
  return false;
}
