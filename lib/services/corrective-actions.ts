import {
  type CorrectiveAction,
  correctiveActionId,
  correctiveWindowStart,
  listCorrectiveActionsQuery,
  type RecurrenceKind,
  recurrenceReached,
  windowFrom,
} from '../domain/corrective-action';
import type { Actor } from '../domain/staff';
import { parseInput } from '../domain/validation';
import { auditOp, CorrectiveActionExistsError, type Page } from '../store';
import { notifyCorrectiveAction, type StaffDirectory, staffDirectory } from './complaint-notices';
import type { AppContext } from './context';

/**
 * Recurring complaints → corrective action (docs/domain.md, Complaints). Each complaint
 * writes an occurrence of its category (on open) and of its root cause (on
 * resolve) in its own transaction; afterwards one COUNT Query over the window
 * decides. The record's id is fixed per category/cause and window, and its put
 * is conditional, so managers hear about a recurrence once however many
 * complaints cross the threshold at the same time.
 */
export async function checkRecurrence(
  ctx: AppContext,
  occurrence: { kind: RecurrenceKind; key: string; label: string },
  now: Date,
  by: string,
  directory: StaffDirectory = staffDirectory(ctx),
): Promise<CorrectiveAction | undefined> {
  const { threshold, windowDays } = ctx.config.complaints.corrective;
  const { kind, key, label } = occurrence;
  const from = windowFrom(now, windowDays).toISOString();
  const to = now.toISOString();
  const count = await ctx.store.complaints.countOccurrences(kind, key, from, to);
  if (!recurrenceReached(count, threshold)) return undefined;
  const windowStart = correctiveWindowStart(now, windowDays);
  const id = correctiveActionId(kind, key, windowStart);
  // Past the threshold, later complaints of the window find the record already there: one GetItem, no second notice.
  if (count > threshold && (await ctx.store.complaints.getCorrective(id))) return undefined;
  const action: CorrectiveAction = {
    id,
    kind,
    key,
    label,
    threshold,
    windowDays,
    windowStart,
    count,
    complaintIds: await ctx.store.complaints.occurrenceIds(kind, key, from, to),
    status: 'open',
    openedAt: to,
    openedBy: by,
  };
  try {
    await ctx.store.transact([
      ctx.store.complaints.correctiveOp(action),
      auditOp({
        at: to,
        actor: by,
        action: 'corrective_action.opened',
        entity: 'corrective-action',
        entityId: id,
        note: `${kind} ${key}: ${count} in ${windowDays} days`,
      }),
    ]);
  } catch (error) {
    if (error instanceof CorrectiveActionExistsError) return undefined;
    throw error;
  }
  await notifyCorrectiveAction(ctx, directory, action);
  return action;
}

/** Runs the recurrence checks of one change; a failure is logged and never undoes the complaint. */
export async function checkRecurrences(
  ctx: AppContext,
  occurrences: Array<{ kind: RecurrenceKind; key: string; label: string }>,
  now: Date,
  by: string,
  directory?: StaffDirectory,
): Promise<void> {
  for (const occurrence of occurrences) {
    try {
      await checkRecurrence(ctx, occurrence, now, by, directory);
    } catch (error) {
      ctx.logger.error('recurrence check failed', { ...occurrence, error: error as Error });
    }
  }
}

export async function listCorrectiveActions(ctx: AppContext, _actor: Actor, raw: unknown): Promise<Page<CorrectiveAction>> {
  const q = parseInput(listCorrectiveActionsQuery, raw, 'corrective action query');
  return ctx.store.complaints.listCorrective({ kind: q.kind }, q.limit, q.cursor);
}
