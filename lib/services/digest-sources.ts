import { localDay, plusDays } from '../domain/calendar';
import type { Complaint } from '../domain/complaint-schemas';
import type { AppContext } from './context';
import type { AtRiskKeyAccounts, DetractorRow } from './digest-content';
import { detractorsBetween } from './survey-results';

export type { AtRiskKeyAccounts, DetractorRow } from './digest-content';

/**
 * What a digest reads besides the daily counters: the live states and the lists,
 * each from a sparse index owned by its feature (the active-complaints index,
 * open tasks by status and due date, customers by lifecycle stage), so the cost
 * follows the work that is open or at risk, never the number of records.
 * Read once per job run and shared by every manager's digest.
 */
export interface LiveState {
  at: string;
  complaintsOpen: number;
  complaintsOverdue: number;
  overdueByOwner: Record<string, number>;
  /** the most recently overdue complaints (latest deadline first) */
  latestOverdue: Complaint[];
  careTasksOverdue: number;
  /** a read stopped at digest.liveReadMax: the counts are lower bounds */
  capped: boolean;
}

const PAGE = 1000;

export async function readLiveState(ctx: AppContext, now: Date): Promise<LiveState> {
  const cfg = ctx.config.digest;
  const nowIso = now.toISOString();
  let open = 0;
  const overdue: Complaint[] = [];
  let cursor: string | undefined;
  let capped = false;
  // The active-complaints index is ordered by next deadline: the overdue ones come first.
  do {
    const page = await ctx.store.complaints.list({ status: 'active' }, PAGE, cursor);
    open += page.items.length;
    for (const c of page.items) if (c.nextDeadlineAt && c.nextDeadlineAt < nowIso) overdue.push(c);
    cursor = page.cursor;
    if (cursor && open >= cfg.liveReadMax) capped = true;
  } while (cursor && !capped);

  const overdueByOwner: Record<string, number> = {};
  for (const c of overdue) overdueByOwner[c.assigneeId] = (overdueByOwner[c.assigneeId] ?? 0) + 1;
  const yesterday = plusDays(localDay(now, ctx.config.company.timeZone), -1);
  const tasks = await countOverdueTasks(ctx, yesterday, cfg.liveReadMax);
  return {
    at: nowIso,
    complaintsOpen: open,
    complaintsOverdue: overdue.length,
    overdueByOwner,
    latestOverdue: overdue.slice(-cfg.listSize).reverse(),
    careTasksOverdue: tasks.count,
    capped: capped || tasks.capped,
  };
}

/** Open tasks (pending or snoozed) due on or before a day, from the tasks-by-status index. */
async function countOverdueTasks(ctx: AppContext, dueTo: string, max: number): Promise<{ count: number; capped: boolean }> {
  let count = 0;
  for (const status of ['pending', 'snoozed'] as const) {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.care.listTasks({ status, dueTo }, PAGE, cursor);
      count += page.items.length;
      cursor = page.cursor;
      if (cursor && count >= max) return { count, capped: true };
    } while (cursor);
  }
  return { count, capped: false };
}

/** Key accounts among the at-risk customers (the lifecycle-stage index), alphabetically. */
export async function atRiskKeyAccounts(ctx: AppContext): Promise<AtRiskKeyAccounts> {
  const cfg = ctx.config.digest;
  const found: AtRiskKeyAccounts['items'] = [];
  let read = 0;
  let cursor: string | undefined;
  do {
    const page = await ctx.store.customers.list({ stage: 'at-risk' }, 200, cursor);
    read += page.items.length;
    for (const c of page.items) if (c.flags?.keyAccount) found.push({ id: c.id, name: c.name, ownerId: c.ownerId, tier: c.tier });
    cursor = page.cursor;
  } while (cursor && read < cfg.atRiskReadMax);
  return { items: found.slice(0, cfg.listSize), total: found.length, capped: Boolean(cursor) };
}

/** Detractor answers (NPS 0–6) given in [from, to), newest first, at most `limit`. */
export type DetractorSource = (ctx: AppContext, range: { from: Date; to: Date }, limit: number) => Promise<DetractorRow[]>;

/**
 * The surveys feature owns survey answers and their indexes and hands the digest
 * its detractor list; tests replace it here (undefined: no survey source, the
 * digest then shows the count alone).
 */
let detractorSource: DetractorSource | undefined = detractorsBetween;

export function provideDetractors(source: DetractorSource | undefined): void {
  detractorSource = source;
}

/** null when no survey source is installed: the digest then shows the count alone. */
export async function detractorsIn(ctx: AppContext, range: { from: Date; to: Date }): Promise<DetractorRow[] | null> {
  return detractorSource ? detractorSource(ctx, range, ctx.config.digest.listSize) : null;
}
