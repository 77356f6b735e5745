import { localDay } from '../../domain/calendar';
import { careProfileOf, careTaskId, complaintFollowUpTask, isOpen } from '../../domain/care';
import { systemActor } from '../../domain/staff';
import { t } from '../../i18n';
import { createCareTask, moveCareClocks, skipTask } from '../care';
import { syncCareSchedule } from '../care-schedule';
import { markWonBack, raiseChurnSignal } from '../churn';
import { subscribe } from '../events';
import { forgetTaskReminder, reminderInstant, scheduleTaskReminder } from '../reminders';

/**
 * Care reacts to other features. Every handler is safe to run twice: task ids
 * are deterministic and stage changes re-check the stage. "Now" is the event's
 * time, so a replayed event lands on the same day and the same task ids.
 */

// A resolved complaint gets a follow-up call N days later (「回访」), announced by its own reminder.
subscribe('complaint.resolved', async (ctx, e) => {
  const now = new Date(e.at);
  const customer = await ctx.store.customers.get(e.customerId);
  if (!customer) return;
  const resolvedDay = localDay(now, ctx.config.company.timeZone);
  const draft = complaintFollowUpTask(
    careProfileOf(customer),
    e.complaintId,
    e.assigneeId,
    resolvedDay,
    ctx.config.care,
    e.followUpSample === 'on-site-visit',
  );
  const result = await createCareTask(ctx, draft, { now });
  if (!result?.created) return;
  await scheduleTaskReminder(ctx, result.task, reminderInstant(ctx, result.task.dueDate, now), now);
});

// A cancelled complaint needs no follow-up: its open follow-up task is closed as skipped, with the reason.
subscribe('complaint.cancelled', async (ctx, e) => {
  const task = await ctx.store.care.getTask(careTaskId(['complaint-follow-up', e.complaintId]));
  if (!task || !isOpen(task)) return;
  const note = t(ctx.config.company.defaultLocale, 'care.note.complaint_cancelled');
  await skipTask(ctx, systemActor, task.id, { note }, new Date(e.at), task.version);
  await forgetTaskReminder(ctx, task);
});

subscribe('complaint.opened', async (ctx, e) => {
  await raiseChurnSignal(ctx, e.customerId, 'complaint', new Date(e.at), { announce: 'now' });
});

subscribe('survey.answered', async (ctx, e) => {
  if (e.lowScore) await raiseChurnSignal(ctx, e.customerId, 'detractor', new Date(e.at), { announce: 'now' });
});

/** Fields the care schedule copies or depends on; contacts' entries follow them. */
const SCHEDULE_FIELDS = new Set(['name', 'ownerId', 'tier', 'tierOverride', 'purchases', 'flags', 'lifecycleStage', 'consent']);

subscribe('customer.updated', async (ctx, e) => {
  const now = new Date(e.at);
  if (e.moved) await raiseChurnSignal(ctx, e.customerId, 'address-change', now, { announce: 'now' });
  if (e.changedFields.some((f) => SCHEDULE_FIELDS.has(f))) {
    // The customer's own entries were rewritten in the update's transaction; contacts' are kept here.
    // Contacts first: most customers have none, and an empty Query reads no item.
    const contacts = await ctx.store.customers.contacts(e.customerId);
    if (!contacts.length) return;
    const customer = await ctx.store.customers.get(e.customerId);
    if (customer) await syncCareSchedule(ctx, customer, now, { contactsOnly: true, contacts });
  }
});

// A logged interaction: an at-risk customer is won back; otherwise the dormancy clock (and, for a visit or call, the return visit) restarts.
subscribe('interaction.logged', async (ctx, e) => {
  const now = new Date(e.at);
  const customer = await ctx.store.customers.get(e.customerId);
  if (!customer) return;
  if (await markWonBack(ctx, customer, now)) return;
  await moveCareClocks(ctx, customer, now, { visit: ctx.config.care.returnVisitInteractionKinds.includes(e.kind) });
});
