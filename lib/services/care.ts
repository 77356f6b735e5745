import { type Day, localDay, plusDays } from '../domain/calendar';
import {
  assertMayAct,
  CareScheduleMovedError,
  type CareTask,
  type CareTaskDraft,
  CareTaskExistsError,
  completedTask,
  isOpen,
  type ListTasksQuery,
  lastContactDay,
  listTasksQuery,
  newTask,
  nextVisitAfterContact,
  noteInput,
  skippedTask,
  snoozedTask,
  taskChangeInput,
} from '../domain/care';
import { ConflictError, NotFoundError, ValidationError, VersionMismatchError } from '../domain/errors';
import type { Interaction } from '../domain/interaction';
import { increments, metric } from '../domain/metrics';
import type { Actor } from '../domain/staff';
import { parseInput } from '../domain/validation';
import { type Locale, t } from '../i18n';
import { auditOp, type ClaimId, newId, type Page, type WriteOp } from '../store';
import type { AppContext } from './context';
import { deliverCommitted, stageEvent } from './events';
import { transactWithLastContact } from './last-contact';
import { countMetric, productMetric } from './product-metrics';

/** Care task use cases shared by Slack buttons, the REST API and the scheduler. */

const SYSTEM = 'system';
const today = (ctx: AppContext, now: Date) => localDay(now, ctx.config.company.timeZone);

export interface CreatedTask {
  task: CareTask;
  /** false when the occasion already had its task (a repeat, a retry, a concurrent run) */
  created: boolean;
}

/**
 * Stores a task from a draft with its counters (and whatever else must land
 * with it, e.g. moving a schedule entry) in one transaction. The task id is
 * deterministic, so a repeat finds the existing task — read for free from the
 * failed condition — instead of making a second one. Undefined when a schedule
 * entry moved meanwhile (the occasion no longer applies).
 */
export async function createCareTask(
  ctx: AppContext,
  draft: CareTaskDraft,
  opts: { now: Date; by?: string; remindOn?: Day; extraOps?: WriteOp[]; metrics?: string[] },
): Promise<CreatedTask | undefined> {
  const at = opts.now.toISOString();
  const by = opts.by ?? SYSTEM;
  const task = newTask(draft, at, by, opts.remindOn);
  const names = [
    ...metric.careTaskCreated(task.kind),
    ...(task.kind === 'return-visit' ? [metric.returnVisitDue] : []),
    ...(opts.metrics ?? []),
  ];
  const ops = [
    ctx.store.care.putTaskOp(task, 0),
    ...(opts.extraOps ?? []),
    ...ctx.store.counters.incrementOps(today(ctx, opts.now), increments(names, task.assigneeId)),
    auditOp({ at, actor: by, action: 'care_task.created', entity: 'task', entityId: task.id }),
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      await ctx.store.transact(ops);
      countMetric(productMetric.careTasksCreated);
      return { task, created: true };
    } catch (error) {
      if (error instanceof CareTaskExistsError) return error.existing ? { task: error.existing, created: false } : undefined;
      if (error instanceof CareScheduleMovedError) return undefined;
      // Two runs writing the same items at the same instant: DynamoDB cancels one; try again.
      if (error instanceof ConflictError && attempt < 4) {
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
        continue;
      }
      throw error;
    }
  }
}

export async function getTask(ctx: AppContext, id: string): Promise<CareTask> {
  const task = await ctx.store.care.getTask(id);
  if (!task) throw new NotFoundError('task', id);
  return task;
}

async function taskAt(ctx: AppContext, id: string, expectedVersion?: number): Promise<CareTask> {
  const task = await getTask(ctx, id);
  if (expectedVersion !== undefined && task.version !== expectedVersion) throw new VersionMismatchError('task', id, expectedVersion);
  return task;
}

export async function listTasks(ctx: AppContext, raw: unknown): Promise<Page<CareTask>> {
  const q: ListTasksQuery = parseInput(listTasksQuery, raw, 'task query');
  const { status } = q;
  const open = status === 'open';
  return ctx.store.care.listTasks(
    {
      assigneeId: q.assignee,
      status: status === 'open' ? undefined : status,
      openOnly: open,
      kind: q.kind,
      customerId: q.customerId,
      dueFrom: q.dueFrom,
      dueTo: q.dueTo,
    },
    q.limit,
    q.cursor,
  );
}

export type AssigneeRange = 'today' | 'week' | 'overdue' | { from: Day; to: Day };

/** An assignee's open tasks (pending or snoozed) in due order: "today" includes anything overdue. */
export async function tasksForAssignee(
  ctx: AppContext,
  assigneeId: string,
  range: AssigneeRange,
  now: Date,
  limit = 100,
): Promise<CareTask[]> {
  const d = today(ctx, now);
  const { from, to } =
    range === 'today'
      ? { from: undefined, to: d }
      : range === 'week'
        ? { from: undefined, to: plusDays(d, 6) }
        : range === 'overdue'
          ? { from: undefined, to: plusDays(d, -1) }
          : range;
  const out: CareTask[] = [];
  let cursor: string | undefined;
  do {
    // The open-by-assignee index holds only pending and snoozed tasks, so no closed task is read.
    const page = await ctx.store.care.listTasks({ assigneeId, dueFrom: from, dueTo: to, openOnly: true }, limit - out.length, cursor);
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor && out.length < limit);
  return out;
}

/** The language a staff member reads (their profile, else the company default). */
export async function staffLocale(ctx: AppContext, staffId: string): Promise<Locale> {
  const member = await ctx.store.staff.get(staffId);
  return member?.locale ?? ctx.config.company.defaultLocale;
}

/** Done: the task closes, the customer timeline gets the contact, the next return visit and the dormancy clock move. */
export async function completeTask(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  raw: { note?: string } = {},
  now: Date,
  expectedVersion?: number,
): Promise<CareTask> {
  const { note } = parseInput(noteInput, raw, 'task note');
  const task = await taskAt(ctx, taskId, expectedVersion);
  assertMayAct(actor, task);
  const done = completedTask(task, actor.id, note, now);
  const customer = await ctx.store.customers.mustGet(task.customerId);
  const at = now.toISOString();
  const locale = ctx.config.company.defaultLocale;
  const entry: Interaction = {
    id: newId('int', now.getTime()),
    customerId: task.customerId,
    kind: 'care-task',
    summary: t(locale, 'care.timeline.done', { kind: t(locale, `care.kind.${task.kind}`) }),
    ...(note ? { outcome: note } : {}),
    ...(task.contactId ? { contactId: task.contactId } : {}),
    refId: task.id,
    by: actor.id,
    at,
  };
  const names = [
    ...metric.careTaskDone(task.kind),
    ...(task.kind === 'return-visit' ? [metric.returnVisitDone] : []),
    ...(task.kind === 'key-account-contact' ? [metric.keyAccountContacted] : []),
  ];
  const { store } = ctx;
  const taskDone = stageEvent(
    ctx,
    { type: 'care.task_done', at, taskId: task.id, customerId: task.customerId, kind: task.kind, by: actor.id },
    now,
  );
  const lastInteractionAt = await transactWithLastContact(ctx, customer, at, [
    taskDone.op,
    store.care.putTaskOp(done, task.version),
    store.timeline.addOp(entry),
    ...store.counters.incrementOps(today(ctx, now), increments(names, task.assigneeId)),
    auditOp({ at, actor: actor.id, action: 'care_task.done', entity: 'task', entityId: task.id, note }),
  ]);
  await moveCareClocks(ctx, { ...customer, lastInteractionAt }, now, {
    visit: done.suggestedActions.some((a) => a === 'visit' || a === 'call'),
  });
  await deliverCommitted(ctx, [taskDone], now);
  return done;
}

/**
 * After a contact: the dormancy deadline restarts from the last contact, and a
 * contact that counts as a return visit pushes the next one a cadence away.
 * `customer` must already show the contact in lastInteractionAt. Index upkeep
 * after the fact: a lost update here only delays a reminder.
 */
export async function moveCareClocks(
  ctx: AppContext,
  customer: { id: string; tier: 'A' | 'B' | 'C'; lastInteractionAt?: string; createdAt: string },
  _now: Date,
  opts: { visit: boolean },
): Promise<void> {
  const { care } = ctx.store;
  const rules = ctx.config.care;
  const last = lastContactDay(customer, ctx.config.company.timeZone);
  // Stored as they fall: the sweep reads everything due on or before its day, so a date already past is caught at the next run.
  await care.moveQueue(customer.id, 'dormancy', plusDays(last, rules.tiers[customer.tier].dormancyDays));
  if (opts.visit) await care.moveQueue(customer.id, 'visit', nextVisitAfterContact(last, customer.tier, rules));
}

export async function snoozeTask(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  days: number,
  now: Date,
  expectedVersion?: number,
): Promise<CareTask> {
  if (!Number.isInteger(days) || days < 1 || days > ctx.config.care.snoozeMaxDays) {
    throw new ValidationError(`days must be a whole number from 1 to ${ctx.config.care.snoozeMaxDays}`, [
      { path: 'days', message: `1–${ctx.config.care.snoozeMaxDays}` },
    ]);
  }
  const task = await taskAt(ctx, taskId, expectedVersion);
  assertMayAct(actor, task);
  const snoozed = snoozedTask(task, actor.id, days, today(ctx, now), now);
  const at = now.toISOString();
  await ctx.store.transact([
    ctx.store.care.putTaskOp(snoozed, task.version),
    auditOp({ at, actor: actor.id, action: 'care_task.snoozed', entity: 'task', entityId: task.id, note: `${days} days` }),
  ]);
  return snoozed;
}

export async function skipTask(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  raw: { note?: string } = {},
  now: Date,
  expectedVersion?: number,
): Promise<CareTask> {
  const { note } = parseInput(noteInput, raw, 'task note');
  const task = await taskAt(ctx, taskId, expectedVersion);
  assertMayAct(actor, task);
  const skipped = skippedTask(task, actor.id, note, now);
  const at = now.toISOString();
  await ctx.store.transact([
    ctx.store.care.putTaskOp(skipped, task.version),
    ...ctx.store.counters.incrementOps(today(ctx, now), increments([metric.careTaskSkipped], task.assigneeId)),
    auditOp({ at, actor: actor.id, action: 'care_task.skipped', entity: 'task', entityId: task.id, note }),
  ]);
  return skipped;
}

/** Adds or replaces the outcome note of a task, open or closed (the Slack "note" button). */
export async function noteTask(ctx: AppContext, actor: Actor, taskId: string, raw: { note?: string }, now: Date): Promise<CareTask> {
  const { note } = parseInput(noteInput, raw, 'task note');
  const task = await getTask(ctx, taskId);
  assertMayAct(actor, task);
  const at = now.toISOString();
  const noted: CareTask = { ...task, outcomeNote: note, updatedAt: at, updatedBy: actor.id, version: task.version + 1 };
  await ctx.store.transact([
    ctx.store.care.putTaskOp(noted, task.version),
    auditOp({ at, actor: actor.id, action: 'care_task.noted', entity: 'task', entityId: task.id, note }),
  ]);
  return noted;
}

/** PATCH /api/tasks/{id}: one of done, snooze, skip. */
export async function changeTask(
  ctx: AppContext,
  actor: Actor,
  taskId: string,
  raw: unknown,
  now: Date,
  expectedVersion?: number,
): Promise<CareTask> {
  const input = parseInput(taskChangeInput, raw, 'task change');
  if (input.action === 'done') return completeTask(ctx, actor, taskId, { note: input.note }, now, expectedVersion);
  if (input.action === 'skip') return skipTask(ctx, actor, taskId, { note: input.note }, now, expectedVersion);
  const snoozed = await snoozeTask(ctx, actor, taskId, input.days, now, expectedVersion);
  return input.note ? noteTask(ctx, actor, taskId, { note: input.note }, now) : snoozed;
}

/**
 * Puts one task in front of its assignee at once (a one-off reminder, a churn
 * alert). The claim makes a repeated delivery send nothing; a failed send
 * gives the claim back and rethrows, so the caller's retry sends it.
 */
export async function announceTask(ctx: AppContext, task: CareTask, claimKey: ClaimId, now: Date): Promise<boolean> {
  if (!isOpen(task)) return false;
  if (!(await ctx.store.idempotency.claim('care-announce', claimKey, now, ctx.config.care.digestClaimHours * 3600))) return false;
  try {
    const locale = await staffLocale(ctx, task.assigneeId);
    await ctx.notices.send({ staff: task.assigneeId }, { kind: 'care-task', locale, task, today: today(ctx, now) });
    return true;
  } catch (error) {
    await ctx.store.idempotency.release('care-announce', claimKey, now);
    throw error;
  }
}
