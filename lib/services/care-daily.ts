import {
  type Day,
  type FestivalId,
  isLeapYear,
  localDay,
  maxDay,
  monthDayOf,
  plusDays,
  plusMonths,
  quarterEndOf,
  yearOf,
} from '../domain/calendar';
import {
  birthdayLeadDays,
  birthdayTask,
  type CareProfile,
  CareScheduleMovedError,
  type CareTask,
  type CareTaskDraft,
  careGroups,
  careProfileOf,
  dormancyDeadline,
  holidayTask,
  isDormant,
  isOpen,
  keyAccountContactTask,
  nextKeyContactAfter,
  receivesCare,
  returnVisitTask,
  watchedForDormancy,
} from '../domain/care';
import { tiers } from '../domain/customer';
import { festivalsOn, lunarBirthdayIn } from '../domain/festivals';
import type { ScheduleEntry, WriteOp } from '../store';
import { createCareTask, staffLocale, tasksForAssignee } from './care';
import { raiseChurnSignal } from './churn';
import type { AppContext } from './context';
import { recordItemFailure } from './job-items';

/**
 * The `care-daily` job (08:00 in the company's zone): creates the day's care
 * tasks from the due indexes and sends each owner one DM with them.
 *
 * Cost follows what is due, not the number of customers: birthdays are read by
 * month-day (and lunar birthdays by their stored solar date) per care group
 * with its lead days, return visits / dormancy / key-account contacts by due
 * day. The one exception is a festival day (or its lead day): holiday tasks go
 * to every cared-for customer of the tiers concerned, read through the tier
 * listing — proportional to those customers, on those few days only.
 *
 * Idempotent: task ids are deterministic and created with attribute_not_exists,
 * so a second run (or two at once) creates nothing new; each owner's DM is
 * claimed per day before it is sent, so it goes out once. A DM that fails to
 * send gives its claim back and the job fails after finishing the rest, so the
 * scheduler's retry (or a replay for that time) sends just the missing DMs.
 */

export interface CareDailyResult {
  day: Day;
  created: number;
  existing: number;
  byKind: Record<string, number>;
  festivals: FestivalId[];
  holidayCustomersRead: number;
  atRisk: number;
  /** tasks or schedule entries that failed (logged, counted; their entries stay due, so the next run retries them) */
  itemFailures: number;
  digests: { sent: number; alreadySent: number; failed: string[] };
}

interface Candidate {
  /** absent: nothing to create, only an entry to clear */
  draft?: CareTaskDraft;
  extraOps?: WriteOp[];
  /** run when the task already existed (or its schedule moved), so the entry read is not read again tomorrow */
  cleanupOps?: WriteOp[];
}

/** How far back a missed run is caught up for birthdays (lead-day reads of the days it missed). */
export const BIRTHDAY_CATCH_UP_DAYS = 31;

/** Parallel writes, bounded so one run does not flood the table. */
const WRITE_CONCURRENCY = 8;

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const profileOf = (e: ScheduleEntry): CareProfile => ({
  customerId: e.customerId,
  customerName: e.customerName,
  ownerId: e.ownerId,
  tier: e.tier,
  keyAccount: e.keyAccount,
});

export class CareDigestFailedError extends Error {
  constructor(readonly result: CareDailyResult) {
    super(`care-daily ${result.day}: DM to ${result.digests.failed.join(', ')} failed; a retry sends only those`);
    this.name = 'CareDigestFailedError';
  }
}

/**
 * Birthdays whose lead day is one of `runDays` (today, plus the days a missed
 * run skipped), and catch-up entries of birthdays that entered their lead
 * window before their lead-day read (a customer imported or a birthday set a
 * few days before it). Task ids are per person and birthday, so a birthday
 * reached both ways is one task.
 */
async function birthdayCandidates(ctx: AppContext, runDays: Day[], today: Day): Promise<Candidate[]> {
  const { care } = ctx.store;
  const rules = ctx.config.care;
  const out: Candidate[] = [];
  for (const group of careGroups) {
    for (const runDay of runDays) {
      const target = plusDays(runDay, birthdayLeadDays(group, rules));
      // Feb 29 birthdays are kept on Feb 28 in common years.
      const monthDays = [monthDayOf(target), ...(monthDayOf(target) === '02-28' && !isLeapYear(yearOf(target)) ? ['02-29'] : [])];
      const [solar, lunar] = await Promise.all([
        Promise.all(monthDays.map((md) => care.birthdaysOn(md, group))).then((r) => r.flat()),
        care.birthdaysOn(target, group),
      ]);
      for (const e of solar) out.push({ draft: birthdayTask(profileOf(e), { who: e.who!, name: e.contactName }, target, false, rules) });
      for (const e of lunar)
        out.push({
          draft: birthdayTask(profileOf(e), { who: e.who!, name: e.contactName }, target, true, rules),
          extraOps: [advanceLunar(ctx, e)],
        });
    }
  }
  for (const e of await care.soonBirthdaysBy(today)) {
    const handled = care.soonHandledOp(e);
    // A birthday that passed while runs were missed is not wished any more.
    if (e.date! < today) {
      out.push({ cleanupOps: [handled] });
      continue;
    }
    const lunar = e.lunarYear !== undefined;
    out.push({
      draft: birthdayTask(profileOf(e), { who: e.who!, name: e.contactName }, e.date!, lunar, rules),
      extraOps: [handled, ...(lunar ? [advanceLunar(ctx, e)] : [])],
      cleanupOps: [handled],
    });
  }
  return out;
}

/** The lunar slot just used moves two lunar years on. */
function advanceLunar(ctx: AppContext, e: ScheduleEntry): WriteOp {
  const lunarYear = e.lunarYear! + 2;
  return ctx.store.care.advanceLunarOp(e, { lunarYear, date: lunarBirthdayIn(e.lunarBirthday!, lunarYear) });
}

/** Today, preceded by the days since the last completed birthday read (at most BIRTHDAY_CATCH_UP_DAYS). */
async function birthdayRunDays(ctx: AppContext, today: Day): Promise<Day[]> {
  const through = await ctx.store.care.birthdaysSweptThrough();
  const days: Day[] = [];
  if (through)
    for (let d = maxDay(plusDays(through, 1), plusDays(today, -BIRTHDAY_CATCH_UP_DAYS)); d < today; d = plusDays(d, 1)) days.push(d);
  return [...days, today];
}

async function queueCandidates(ctx: AppContext, today: Day): Promise<Candidate[]> {
  const { care } = ctx.store;
  const rules = ctx.config.care;
  // Everything due on or before today: an entry handled once moves past today, so it is read once.
  const [visits, keyContacts] = await Promise.all([care.dueBy('visit', today), care.dueBy('key-contact', today)]);
  return [
    ...visits.map((e) => ({
      draft: returnVisitTask(profileOf(e), today, rules),
      // The next visit is one cadence away even if this one is never done; a done visit resets it.
      extraOps: [care.advanceOp(e, 'visit', plusMonths(today, rules.tiers[e.tier].returnVisitEveryMonths))],
    })),
    ...keyContacts.map((e) => ({
      draft: keyAccountContactTask(profileOf(e), quarterEndOf(today), rules),
      extraOps: [
        care.advanceOp(e, 'key-contact', e.keyAccount && rules.keyAccount.quarterlyContact ? nextKeyContactAfter(today, rules) : undefined),
      ],
    })),
  ];
}

async function holidayCandidates(ctx: AppContext, today: Day): Promise<{ candidates: Candidate[]; festivals: FestivalId[]; read: number }> {
  const rules = ctx.config.care;
  const candidates: Candidate[] = [];
  const festivals = new Set<FestivalId>();
  let read = 0;
  for (const tier of tiers) {
    const due = festivalsOn(plusDays(today, rules.tiers[tier].holidayLeadDays), rules.festivals);
    if (!due.length) continue;
    let cursor: string | undefined;
    do {
      const page = await ctx.store.customers.list({ tier }, 100, cursor);
      read += page.items.length;
      for (const c of page.items.filter(receivesCare)) {
        for (const f of due) {
          festivals.add(f.id);
          candidates.push({ draft: holidayTask(careProfileOf(c), f, rules) });
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { candidates, festivals: [...festivals], read };
}

/** Dormancy deadlines due on or before today: re-checked on the profile (a contact may have moved it), then a churn signal. */
async function dormancyTasks(ctx: AppContext, today: Day, now: Date, failures: { count: number }): Promise<CareTask[]> {
  const { care } = ctx.store;
  const rules = ctx.config.care;
  const tz = ctx.config.company.timeZone;
  const entries = await care.dueBy('dormancy', today);
  const tasks: CareTask[] = [];
  await eachLimited(entries, WRITE_CONCURRENCY, (e) =>
    dormancyEntry(e).catch((error) => {
      failures.count++;
      return recordItemFailure(ctx, 'care-daily', e.customerId, error, now);
    }),
  );
  return tasks;

  async function dormancyEntry(e: ScheduleEntry): Promise<void> {
    const customer = await ctx.store.customers.get(e.customerId);
    if (customer && watchedForDormancy(customer) && isDormant(customer, today, rules, tz)) {
      const outcome = await raiseChurnSignal(ctx, customer, 'dormant', now, { announce: 'digest' });
      if (outcome.task) tasks.push(outcome.task);
      // Marking at-risk removes the entry in the customer's own transaction; otherwise it goes here, so it is read once.
      if (!outcome.markedAtRisk) {
        await ctx.store.transact([care.advanceOp(e, 'dormancy', undefined)]).catch((error) => {
          if (!(error instanceof CareScheduleMovedError)) throw error;
        });
      }
      return;
    }
    // Not dormant after all (a contact moved the clock) → the real deadline; no longer watched → no entry.
    const next = customer && watchedForDormancy(customer) ? dormancyDeadline(customer, rules, tz) : undefined;
    await ctx.store.transact([care.advanceOp(e, 'dormancy', next)]).catch((error) => {
      if (!(error instanceof CareScheduleMovedError)) throw error;
    });
  }
}

export async function runCareDaily(ctx: AppContext, now: Date): Promise<CareDailyResult> {
  const today = localDay(now, ctx.config.company.timeZone);
  // What earlier days scheduled for today (lead tasks reaching their day, snoozes, follow-ups, a failed run's tasks).
  const waiting = await ctx.store.care.tasksToRemindOn(today);
  const runDays = await birthdayRunDays(ctx, today);
  const [birthdays, queued, holidays] = await Promise.all([
    birthdayCandidates(ctx, runDays, today),
    queueCandidates(ctx, today),
    holidayCandidates(ctx, today),
  ]);
  const candidates = [...birthdays, ...queued, ...holidays.candidates];

  const result: CareDailyResult = {
    day: today,
    created: 0,
    existing: 0,
    byKind: {},
    festivals: holidays.festivals,
    holidayCustomersRead: holidays.read,
    atRisk: 0,
    itemFailures: 0,
    digests: { sent: 0, alreadySent: 0, failed: [] },
  };
  const todays: CareTask[] = [];
  await eachLimited(candidates, WRITE_CONCURRENCY, async ({ draft, extraOps, cleanupOps }) => {
    let outcome: Awaited<ReturnType<typeof createCareTask>>;
    try {
      outcome = draft ? await createCareTask(ctx, draft, { now, remindOn: today, extraOps }) : undefined;
      if (!outcome?.created && cleanupOps?.length) {
        await ctx.store.transact(cleanupOps).catch((error) => {
          if (!(error instanceof CareScheduleMovedError)) throw error;
        });
      }
    } catch (error) {
      // Its schedule entry did not move, so the next run finds it again; the others go on.
      result.itemFailures++;
      await recordItemFailure(ctx, 'care-daily', draft?.id ?? 'schedule-entry', error, now);
      return;
    }
    if (!outcome) return;
    if (outcome.created) {
      result.created++;
      result.byKind[outcome.task.kind] = (result.byKind[outcome.task.kind] ?? 0) + 1;
    } else result.existing++;
    // An existing task comes back from the failed condition as it is now: a concurrent run's (list it) or done already (do not).
    if (isOpen(outcome.task) && (outcome.created || outcome.task.remindOn === today)) todays.push(outcome.task);
  });
  // Every birthday read up to today is now a task; a later run catches up from tomorrow (after a failure, from these days again).
  if (result.itemFailures === 0) await ctx.store.care.markBirthdaysSwept(today);
  const failures = { count: 0 };
  const winBacks = await dormancyTasks(ctx, today, now, failures);
  result.itemFailures += failures.count;
  result.atRisk = winBacks.length;
  todays.push(...winBacks.filter((t) => isOpen(t) && t.remindOn === today));

  const byId = new Map<string, CareTask>();
  for (const task of [...waiting, ...todays]) byId.set(task.id, task);
  // An owner with only yesterday's unfinished work still gets the DM that repeats it.
  const withOverdue = await ctx.store.care.assigneesWithPendingDueBefore(today);
  result.digests = await sendDigests(ctx, [...byId.values()], today, now, withOverdue);
  if (result.digests.failed.length) throw new CareDigestFailedError(result);
  return result;
}

/** One DM per owner per day, claimed before it is sent. */
async function sendDigests(
  ctx: AppContext,
  tasks: CareTask[],
  today: Day,
  now: Date,
  withOverdue: string[],
): Promise<CareDailyResult['digests']> {
  const byOwner = new Map<string, CareTask[]>(withOverdue.map((owner) => [owner, []]));
  for (const task of tasks) byOwner.set(task.assigneeId, [...(byOwner.get(task.assigneeId) ?? []), task]);
  const out: CareDailyResult['digests'] = { sent: 0, alreadySent: 0, failed: [] };
  const claimTtl = ctx.config.care.digestClaimHours * 3600;
  await eachLimited([...byOwner.entries()], WRITE_CONCURRENCY, async ([owner, own]) => {
    const claim = [owner, today];
    if (!(await ctx.store.idempotency.claim('care-digest', claim, now, claimTtl))) {
      out.alreadySent++;
      return;
    }
    try {
      const locale = await staffLocale(ctx, owner);
      const maxTasks = ctx.config.care.digestMaxTasks;
      // Yesterday's unfinished work comes back with today's, so nothing overdue is forgotten; snoozed tasks wait for their day.
      const overdue = (await tasksForAssignee(ctx, owner, 'overdue', now, maxTasks + 1)).filter(
        (task) => task.status === 'pending' && !own.some((o) => o.id === task.id),
      );
      if (!own.length && !overdue.length) return; // its overdue task was done meanwhile: the claim just marks today handled
      await ctx.notices.send({ staff: owner }, { kind: 'care-digest', locale, tasks: [...own, ...overdue], day: today, maxTasks });
    } catch (error) {
      ctx.logger.error('care DM failed; claim released for the retry', { owner, error: error as Error });
      await ctx.store.idempotency.release('care-digest', claim, now);
      out.failed.push(owner);
      return;
    }
    out.sent++;
    // A task shown ahead of its day (a birthday gift to prepare) comes back on the day itself.
    for (const task of own)
      if (task.remindOn === today && task.dueDate > today) await ctx.store.care.moveRemindOn(task, today, task.dueDate);
  });
  return out;
}
