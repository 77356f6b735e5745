import { createHash } from 'node:crypto';
import { atHour, localDay, wallClock } from '../domain/calendar';
import { type CareTask, careProfileOf, isOpen, reminderInput, reminderTask } from '../domain/care';
import { DomainError, ValidationError } from '../domain/errors';
import { parseReminderTime } from '../domain/reminder-time';
import type { Actor } from '../domain/staff';
import { parseInput } from '../domain/validation';
import { auditOp } from '../store';
import { announceTask, createCareTask, getTask, skipTask } from './care';
import type { AppContext } from './context';

/**
 * One-off reminders as EventBridge Scheduler one-time schedules
 * (`at(yyyy-mm-ddThh:mm:ss)` in the company's zone, deleted after they fire)
 * whose target is functions/scheduled.ts with `{ job: 'reminder', detail }`.
 * Names are a hash of purpose and ids, so setting the same reminder again
 * updates it and cancelling twice is harmless.
 */

/** Reminders need a target (functions/scheduled) and a role the scheduler assumes to invoke it. */
export const remindersEnabled = (ctx: AppContext) => Boolean(ctx.config.care.reminders.targetArn && ctx.config.care.reminders.roleArn);

/** Scheduler names: 1–64 of [0-9a-zA-Z-_.]. */
export function reminderScheduleName(purpose: string, ids: string[]): string {
  const hash = createHash('sha256')
    .update([purpose, ...ids].join('|'))
    .digest('hex')
    .slice(0, 40);
  return `careloop-${purpose.replace(/[^0-9a-zA-Z-_.]/g, '').slice(0, 14)}-${hash}`;
}

/**
 * The scheduler's retries of a reminder it cannot deliver (throttled, target
 * missing), then its dead-letter queue — the same policy as the recurring jobs.
 */
export const reminderRetryPolicy = { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 };

/** Creates the one-time schedule, or updates it when the name is taken (a repeat or a new time). */
export async function upsertReminderSchedule(ctx: AppContext, name: string, at: Date, detail: Record<string, unknown>): Promise<void> {
  const settings = ctx.config.care.reminders;
  if (!settings.targetArn || !settings.roleArn)
    throw new DomainError(
      'conflict',
      'One-off reminders are not configured (REMINDER_TARGET_ARN, REMINDER_ROLE_ARN)',
      undefined,
      'error.reminders_off',
    );
  await ctx.scheduler.upsert({
    name,
    group: settings.groupName,
    at: wallClock(at, ctx.config.company.timeZone),
    timeZone: ctx.config.company.timeZone,
    targetArn: settings.targetArn,
    roleArn: settings.roleArn,
    retry: {
      maximumRetryAttempts: reminderRetryPolicy.MaximumRetryAttempts,
      maximumEventAgeInSeconds: reminderRetryPolicy.MaximumEventAgeInSeconds,
    },
    deadLetterArn: settings.deadLetterArn,
    // The scheduler substitutes the context attribute, so the job runs "as of" the planned time.
    input: JSON.stringify({ job: 'reminder', time: '<aws.scheduler.scheduled-time>', detail }),
  });
}

export async function deleteReminderSchedule(ctx: AppContext, name: string): Promise<void> {
  const settings = ctx.config.care.reminders;
  if (!settings.targetArn || !settings.roleArn) return;
  await ctx.scheduler.remove(name, settings.groupName);
}

const taskScheduleName = (taskId: string) => reminderScheduleName('task', [taskId]);

/**
 * Announces a task at `at` with its own scheduled DM. When reminders are not
 * configured, or scheduling fails, the task falls back to care-daily: it is
 * shown on its due day in the owner's daily DM instead.
 */
export async function scheduleTaskReminder(ctx: AppContext, task: CareTask, at: Date, now: Date): Promise<CareTask> {
  const iso = at.toISOString();
  const save = async (before: CareTask, change: Partial<CareTask>) => {
    const { reminderAt: _r, remindOn: _o, ...bare } = before;
    const next: CareTask = { ...bare, ...change, updatedAt: now.toISOString(), version: before.version + 1 };
    await ctx.store.transact([ctx.store.care.putTaskOp(next, before.version)]);
    return next;
  };
  const inDailyDm = (current: CareTask) => {
    const remindOn = localDay(at, ctx.config.company.timeZone);
    return current.remindOn === remindOn && !current.reminderAt ? current : save(current, { remindOn });
  };
  if (!remindersEnabled(ctx)) return inDailyDm(task);
  // The task points at its reminder first: if scheduling then fails, it is moved to the daily DM instead.
  const current = task.reminderAt === iso && !task.remindOn ? task : await save(task, { reminderAt: iso });
  try {
    await upsertReminderSchedule(ctx, taskScheduleName(task.id), at, { taskId: task.id, at: iso });
    return current;
  } catch (error) {
    ctx.logger.warn('reminder not scheduled; the task will appear in care-daily instead', { taskId: task.id, error: error as Error });
    return inDailyDm(current);
  }
}

/** `/crm remind <customer> <when> <text>`: a custom task for the caller, announced at that time. */
export async function createReminder(ctx: AppContext, actor: Actor, raw: unknown, now: Date): Promise<CareTask> {
  const input = parseInput(reminderInput, raw, 'reminder');
  const { timeZone } = ctx.config.company;
  const at = parseReminderTime(input.at, now, timeZone, ctx.config.care.dailyHour);
  if (!at)
    throw new ValidationError(`at: cannot read "${input.at}" as a time`, [
      { path: 'at', message: 'not a time (2025-03-01 14:30, 3d, 2h, tomorrow…)' },
    ]);
  const latest = new Date(now.getTime() + ctx.config.care.reminders.maxAheadDays * 86_400_000);
  if (at <= now || at > latest) {
    throw new ValidationError(`at: must be in the future and within ${ctx.config.care.reminders.maxAheadDays} days`, [
      { path: 'at', message: 'in the past or too far ahead' },
    ]);
  }
  const customer = await ctx.store.customers.mustGet(input.customerId);
  const assigneeId = actor.kind === 'staff' ? actor.id : customer.ownerId;
  // Whole seconds: the scheduler's at() has no milliseconds, and the id must not depend on them.
  const atIso = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
  const draft = reminderTask(careProfileOf(customer), assigneeId, atIso, localDay(at, timeZone), input.text);
  const result = await createCareTask(ctx, draft, { now, by: actor.id });
  if (!result) throw new DomainError('conflict', 'reminder could not be stored; retry');
  if (!isOpen(result.task)) return result.task;
  return scheduleTaskReminder(ctx, result.task, new Date(atIso), now);
}

/** Cancels a reminder: the schedule goes, the task is skipped. Cancelling twice changes nothing. */
export async function cancelReminder(ctx: AppContext, actor: Actor, taskId: string, now: Date): Promise<CareTask> {
  const task = await getTask(ctx, taskId);
  await deleteReminderSchedule(ctx, taskScheduleName(taskId));
  if (!isOpen(task)) return task;
  return skipTask(ctx, actor, taskId, { note: 'reminder cancelled' }, now);
}

/** Also removes the schedule of a task that is closed or erased (best effort). */
export async function forgetTaskReminder(ctx: AppContext, task: CareTask): Promise<void> {
  if (task.reminderAt) await deleteReminderSchedule(ctx, taskScheduleName(task.id)).catch(() => {});
}

/**
 * The `reminder` job: a one-off schedule fired. A task closed or re-timed
 * since (snoozed, cancelled) is left alone; a duplicate delivery sends nothing.
 */
export async function runReminder(
  ctx: AppContext,
  now: Date,
  detail: Record<string, unknown> = {},
): Promise<{ sent: boolean; reason?: string }> {
  const taskId = typeof detail.taskId === 'string' ? detail.taskId : undefined;
  if (!taskId) return { sent: false, reason: 'no taskId' };
  const task = await ctx.store.care.getTask(taskId);
  if (!task) return { sent: false, reason: 'task not found' };
  if (!isOpen(task)) return { sent: false, reason: `task ${task.status}` };
  if (task.reminderAt !== detail.at) return { sent: false, reason: 'reminder moved' };
  const sent = await announceTask(ctx, task, [task.id, String(task.reminderAt)], now);
  if (sent)
    await ctx.store.transact([
      auditOp({ at: now.toISOString(), actor: 'system', action: 'care_task.reminded', entity: 'task', entityId: task.id }),
    ]);
  return sent ? { sent } : { sent, reason: 'already sent' };
}

/** The instant a date-only reminder fires: the daily hour of that day, or in a minute if that has passed. */
export function reminderInstant(ctx: AppContext, day: string, now: Date): Date {
  const at = atHour(day, ctx.config.care.dailyHour, ctx.config.company.timeZone);
  return at > now ? at : new Date(Math.ceil((now.getTime() + 60_000) / 1000) * 1000);
}
