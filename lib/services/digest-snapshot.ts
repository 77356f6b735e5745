import { type Day, localDay, plusDays } from '../domain/calendar';
import { type DaySums, keyAccountsQuarterToDate, netBaseChange, netOpenChange, quarterStartOf, snapshotOf } from '../domain/digest';
import { daysOf } from '../domain/digest-period';
import { ConflictError } from '../domain/errors';
import { metric } from '../domain/metrics';
import type { AppContext } from './context';
import type { LiveState } from './digest-sources';

/**
 * The digest job's daily snapshot: what a period's end looked like where the
 * event counters cannot say (active and overdue complaints, overdue tasks, the
 * customer base, key accounts contacted this quarter). Taken once for each
 * company day that has ended, by the first hourly run after it, and written as
 * `snapshot.*` counters on that day's counter item — so a digest that reads a
 * period's counters reads its snapshots with them, at no extra cost.
 *
 * Active complaints at the day's end are exact: the live count minus what
 * today's counters added since midnight. Overdue counts are taken when the
 * snapshot is (within the hour after midnight). The customer base and the
 * quarter's running total are chained from the previous day's snapshot; a
 * missing link is rebuilt once (a count of customers; the quarter's counters).
 */
export type SnapshotOutcome = 'taken' | 'exists' | 'raced';

const SCOPE = 'digest-snapshot';

export async function ensureDailySnapshot(ctx: AppContext, now: Date, live: () => Promise<LiveState>): Promise<SnapshotOutcome> {
  const today = localDay(now, ctx.config.company.timeZone);
  const day = plusDays(today, -1);
  const before = plusDays(day, -1);
  const sums = await ctx.store.counters.forDays([before, day, today]);
  if (snapshotOf(sums.get(day))) return 'exists';

  const state = await live();
  const prev = snapshotOf(sums.get(before));
  const base = prev
    ? prev.customerBase === null
      ? null
      : prev.customerBase + netBaseChange(sums, [day])
    : await seededBase(ctx, sums, today);
  const values: Record<string, number> = {
    [metric.snapshotTaken]: 1,
    [metric.snapshotComplaintsOpen]: state.complaintsOpen - netOpenChange(sums, [today]),
    [metric.snapshotComplaintsOverdue]: state.complaintsOverdue,
    [metric.snapshotCareTasksOverdue]: state.careTasksOverdue,
    [metric.snapshotKeyAccountsQuarter]: await quarterToDate(ctx, sums, day),
    ...(base === null ? {} : { [metric.snapshotCustomerBase]: base }),
  };
  try {
    await ctx.store.transact([
      ctx.store.idempotency.claimOp(SCOPE, day, now, ctx.config.digest.claimTtlDays * 86_400),
      ...ctx.store.counters.incrementOps(day, values),
    ]);
    return 'taken';
  } catch (error) {
    // Another run took it, or the day's counter item was busy: the next hourly run looks again.
    if (error instanceof ConflictError) return 'raced';
    throw error;
  }
}

/** Key accounts contacted from the quarter's start to `day`, reading the quarter's counters only when no snapshot links it. */
export async function quarterToDate(ctx: AppContext, sums: DaySums, day: Day): Promise<number> {
  const first = keyAccountsQuarterToDate(sums, day);
  if ('value' in first) return first.value;
  const more = await ctx.store.counters.forDays(daysOf(quarterStartOf(day), first.missing));
  const merged: DaySums = new Map([...more, ...sums]);
  const second = keyAccountsQuarterToDate(merged, day);
  return 'value' in second ? second.value : 0;
}

/** Customers not churned at the end of yesterday: counted once (the chain's first link), then today's changes taken off. */
async function seededBase(ctx: AppContext, sums: DaySums, today: Day): Promise<number | null> {
  const max = ctx.config.digest.baseSeedMaxCustomers;
  let count = 0;
  let read = 0;
  let cursor: string | undefined;
  do {
    const page = await ctx.store.customers.list({}, 1000, cursor);
    read += page.items.length;
    for (const c of page.items) if (c.lifecycleStage !== 'churned') count += 1;
    cursor = page.cursor;
    if (cursor && read >= max) {
      ctx.logger.warn('digest: too many customers to count for the retention base; retention stays unknown', { max });
      return null;
    }
  } while (cursor);
  return count - netBaseChange(sums, [today]);
}
