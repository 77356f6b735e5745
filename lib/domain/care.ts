import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CareSettings } from '../config/care';
import {
  festivalIds, festivalsOn, isDay, isLunarBirthday, isSolarBirthday, localDay, maxDay, plusDays, plusMonths,
  quarterEndOf, upcomingLunarBirthdays, type Day, type FestivalId, type LunarBirthday, type SolarBirthday,
} from './calendar';
import type { Customer, LifecycleStage, Tier } from './customer';
import { ConflictError, ForbiddenError } from './errors';
import { atLeast, type Actor } from './staff';

/** Care tasks (DOMAIN.md §2, §3.2) and the rules that say which are due. Pure: time is a parameter. */
export const careTaskKinds = [
  'birthday', 'holiday', 'return-visit', 'complaint-follow-up', 'key-account-contact', 'win-back', 'anniversary', 'custom',
] as const;
export const taskStatuses = ['pending', 'done', 'snoozed', 'skipped'] as const;
/** `call` joins the four actions of the sources: most return visits (回访) are phone calls. */
export const careActions = ['card', 'sms', 'gift', 'visit', 'call'] as const;
export const churnSignals = ['dormant', 'complaint', 'address-change', 'detractor'] as const;

export type CareTaskKind = (typeof careTaskKinds)[number];
export type TaskStatus = (typeof taskStatuses)[number];
export type CareAction = (typeof careActions)[number];
export type ChurnSignal = (typeof churnSignals)[number];

const day = z.string().refine(isDay, 'must be a date YYYY-MM-DD');

export const careTask = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  /** greetings can target an organization's contact person */
  contactId: z.string().optional(),
  contactName: z.string().optional(),
  kind: z.enum(careTaskKinds),
  dueDate: day,
  assigneeId: z.string(),
  status: z.enum(taskStatuses),
  suggestedActions: z.array(z.enum(careActions)),
  /** present when a gift is suggested: key accounts ≤ 500, others ≤ 100 by default [002 P1] */
  giftCap: z.number().nonnegative().optional(),
  details: z
    .object({
      festival: z.enum(festivalIds).optional(),
      lunar: z.boolean().optional(),
      complaintId: z.string().optional(),
      signal: z.enum(churnSignals).optional(),
      text: z.string().optional(),
    })
    .default({}),
  outcomeNote: z.string().optional(),
  /** the day the task is (next) put in front of its assignee by care-daily; absent once closed */
  remindOn: day.optional(),
  /** set when a one-off scheduled reminder announces the task instead of care-daily */
  reminderAt: z.string().optional(),
  originalDueDate: day.optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  version: z.number().int().positive(),
});
export type CareTask = z.output<typeof careTask>;

/** What the rules produce; a task once stored gets status, audit fields and a version. */
export type CareTaskDraft = Omit<CareTask, 'status' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'version' | 'remindOn'>;

export const isOpen = (t: Pick<CareTask, 'status'>) => t.status === 'pending' || t.status === 'snoozed';

/**
 * Deterministic task ids: the same care occasion (customer, kind, date…) always
 * gives the same id, so a repeated job, a retried event or two concurrent runs
 * meet on one `attribute_not_exists` put instead of creating a second task.
 */
export function careTaskId(parts: Array<string | number>): string {
  const digest = createHash('sha256').update(parts.join('|')).digest();
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let id = '';
  for (let i = 0; i < 24; i++) id += alphabet[digest[i]! % 32];
  return `ctk_${id}`;
}

// ── Who gets which care ──────────────────────────────────────────────────────

/** Key accounts follow their own rules whatever their tier. */
export type CareGroup = 'KEY' | Tier;

/** The customer fields care rules read; schedule entries carry a copy so a sweep needs no profile read. */
export interface CareProfile {
  customerId: string;
  customerName: string;
  ownerId: string;
  tier: Tier;
  keyAccount: boolean;
}

export const careProfileOf = (c: Pick<Customer, 'id' | 'name' | 'ownerId' | 'tier' | 'flags'>): CareProfile => ({
  customerId: c.id, customerName: c.name, ownerId: c.ownerId, tier: c.tier, keyAccount: Boolean(c.flags?.keyAccount),
});
export const careGroupOf = (p: Pick<CareProfile, 'tier' | 'keyAccount'>): CareGroup => (p.keyAccount ? 'KEY' : p.tier);
export const careGroups: readonly CareGroup[] = ['KEY', 'A', 'B', 'C'];

const CARED_STAGES: readonly LifecycleStage[] = ['new', 'active', 'at-risk', 'won-back'];
const WATCHED_STAGES: readonly LifecycleStage[] = ['new', 'active', 'won-back'];

/** Prospects and churned customers get no automatic care; nor does anyone who refused contact. */
export const receivesCare = (c: Pick<Customer, 'lifecycleStage' | 'consent'>) =>
  CARED_STAGES.includes(c.lifecycleStage) && c.consent?.contact !== false;
/** Stages a churn signal can move to at-risk (and that dormancy watches). */
export const canBecomeAtRisk = (stage: LifecycleStage) => WATCHED_STAGES.includes(stage);
export const watchedForDormancy = (c: Pick<Customer, 'lifecycleStage' | 'consent'>) => receivesCare(c) && canBecomeAtRisk(c.lifecycleStage);

export function birthdayLeadDays(group: CareGroup, rules: CareSettings): number {
  return group === 'KEY' ? rules.keyAccount.birthdayLeadDays : rules.tiers[group].birthdayLeadDays;
}

function withGift(actions: CareAction[], keyAccount: boolean, rules: CareSettings): Pick<CareTaskDraft, 'suggestedActions' | 'giftCap'> {
  return {
    suggestedActions: [...actions],
    ...(actions.includes('gift') ? { giftCap: keyAccount ? rules.giftCaps.keyAccount : rules.giftCaps.ordinary } : {}),
  };
}

/** The day a customer was last in touch (or joined), in the company's time zone. */
export const lastContactDay = (c: Pick<Customer, 'lastInteractionAt' | 'createdAt'>, timeZone: string): Day =>
  localDay(new Date(c.lastInteractionAt ?? c.createdAt), timeZone);

// ── Task builders (shared by the rule engine and the care-daily sweep) ───────

export interface Person {
  /** 'self' for the customer, otherwise the contact person's id */
  who: string;
  name?: string;
  birthday?: SolarBirthday;
  lunarBirthday?: LunarBirthday;
}

const base = (p: CareProfile, kind: CareTaskKind, id: string, dueDate: Day) => ({
  id, kind, dueDate, customerId: p.customerId, customerName: p.customerName, assigneeId: p.ownerId,
});

export function birthdayTask(p: CareProfile, person: Pick<Person, 'who' | 'name'>, date: Day, lunar: boolean, rules: CareSettings): CareTaskDraft {
  const group = careGroupOf(p);
  const actions = group === 'KEY' ? rules.keyAccount.birthdayActions : rules.tiers[group].birthdayActions;
  return {
    ...base(p, 'birthday', careTaskId(['birthday', p.customerId, person.who, date]), date),
    ...(person.who !== 'self' ? { contactId: person.who, contactName: person.name } : {}),
    ...withGift(actions, p.keyAccount, rules),
    details: lunar ? { lunar: true } : {},
  };
}

export function holidayTask(p: CareProfile, festival: { id: FestivalId; date: Day }, rules: CareSettings): CareTaskDraft {
  return {
    ...base(p, 'holiday', careTaskId(['holiday', p.customerId, festival.id, festival.date]), festival.date),
    ...withGift(rules.tiers[p.tier].holidayActions, p.keyAccount, rules),
    details: { festival: festival.id },
  };
}

export function returnVisitTask(p: CareProfile, due: Day, rules: CareSettings): CareTaskDraft {
  return {
    ...base(p, 'return-visit', careTaskId(['return-visit', p.customerId, due]), due),
    ...withGift(rules.tiers[p.tier].returnVisitActions, p.keyAccount, rules),
    details: {},
  };
}

export function keyAccountContactTask(p: CareProfile, quarterEnd: Day, rules: CareSettings): CareTaskDraft {
  return {
    ...base(p, 'key-account-contact', careTaskId(['key-account-contact', p.customerId, quarterEnd]), quarterEnd),
    ...withGift(rules.keyAccount.quarterlyContactActions, p.keyAccount, rules),
    details: {},
  };
}

/** One win-back task per customer per day, whatever the number of signals that day. */
export function winBackTask(p: CareProfile, today: Day, signal: ChurnSignal, rules: CareSettings): CareTaskDraft {
  return {
    ...base(p, 'win-back', careTaskId(['win-back', p.customerId, today]), today),
    ...withGift(rules.winBackActions, p.keyAccount, rules),
    details: { signal },
  };
}

export function complaintFollowUpTask(
  p: CareProfile, complaintId: string, assigneeId: string, resolvedDay: Day, rules: CareSettings, onSite = false,
): CareTaskDraft {
  const due = plusDays(resolvedDay, rules.complaintFollowUp.afterDays);
  return {
    ...base(p, 'complaint-follow-up', careTaskId(['complaint-follow-up', complaintId]), due),
    assigneeId,
    ...withGift(onSite ? ['visit'] : rules.complaintFollowUp.actions, p.keyAccount, rules),
    details: { complaintId },
  };
}

/** A reminder someone set by hand; the same request twice (a Slack retry) is the same task. */
export function reminderTask(p: CareProfile, assigneeId: string, at: string, dueDate: Day, text: string): CareTaskDraft {
  return {
    ...base(p, 'custom', careTaskId(['custom', assigneeId, p.customerId, at, text]), dueDate),
    assigneeId,
    suggestedActions: ['call'],
    details: { text },
    reminderAt: at,
  };
}

/** A stored task from a draft: pending, version 1, shown to its assignee on `remindOn`. */
export function newTask(draft: CareTaskDraft, at: string, by: string, remindOn: Day | undefined): CareTask {
  return { ...draft, status: 'pending', remindOn, createdAt: at, createdBy: by, updatedAt: at, updatedBy: by, version: 1 };
}

// ── The rule engine ──────────────────────────────────────────────────────────

export interface CareSubject {
  customer: Pick<Customer, 'id' | 'name' | 'ownerId' | 'tier' | 'flags' | 'lifecycleStage' | 'consent' | 'birthday' | 'lunarBirthday' | 'lastInteractionAt' | 'createdAt'>;
  contacts?: Array<{ id: string; name: string; birthday?: SolarBirthday; lunarBirthday?: LunarBirthday }>;
}

/**
 * Which care tasks are due for one customer on one day: birthdays (solar and
 * lunar, customer and contacts) `lead` days ahead, festivals by tier, the
 * return visit and the quarter's key-account contact once their day has come,
 * and a win-back task once the customer has been quiet past the tier's window.
 * The care-daily sweep reaches the same answer from its due indexes.
 */
export function careTasksDue(subject: CareSubject, today: Day, rules: CareSettings, timeZone: string): CareTaskDraft[] {
  const c = subject.customer;
  const p = careProfileOf(c);
  const out: CareTaskDraft[] = [];
  if (receivesCare(c)) {
    const target = plusDays(today, birthdayLeadDays(careGroupOf(p), rules));
    const people: Person[] = [
      { who: 'self', birthday: c.birthday, lunarBirthday: c.lunarBirthday },
      ...(subject.contacts ?? []).map((k) => ({ who: k.id, name: k.name, birthday: k.birthday, lunarBirthday: k.lunarBirthday })),
    ];
    for (const person of people) {
      if (person.birthday && isSolarBirthday(person.birthday, target)) out.push(birthdayTask(p, person, target, false, rules));
      else if (person.lunarBirthday && isLunarBirthday(person.lunarBirthday, target)) out.push(birthdayTask(p, person, target, true, rules));
    }
    const holidayDay = plusDays(today, rules.tiers[p.tier].holidayLeadDays);
    for (const festival of festivalsOn(holidayDay, rules.festivals)) out.push(holidayTask(p, festival, rules));
    const visitDue = plusMonths(lastContactDay(c, timeZone), rules.tiers[p.tier].returnVisitEveryMonths);
    if (visitDue <= today) out.push(returnVisitTask(p, visitDue, rules));
    if (p.keyAccount && rules.keyAccount.quarterlyContact) {
      const quarterEnd = quarterEndOf(today);
      if (today >= plusDays(quarterEnd, -rules.keyAccount.quarterlyContactLeadDays)) out.push(keyAccountContactTask(p, quarterEnd, rules));
    }
  }
  if (watchedForDormancy(c) && isDormant(c, today, rules, timeZone)) out.push(winBackTask(p, today, 'dormant', rules));
  return out;
}

export function dormancyDeadline(c: Pick<Customer, 'tier' | 'lastInteractionAt' | 'createdAt'>, rules: CareSettings, timeZone: string): Day {
  return plusDays(lastContactDay(c, timeZone), rules.tiers[c.tier].dormancyDays);
}

export const isDormant = (c: Pick<Customer, 'tier' | 'lastInteractionAt' | 'createdAt'>, today: Day, rules: CareSettings, timeZone: string) =>
  dormancyDeadline(c, rules, timeZone) <= today;

// ── The care schedule: what the due indexes hold for one customer ───────────

export interface BirthdayEntry {
  who: string;
  contactName?: string;
  /** solar: the month-day (MM-DD) it recurs on */
  monthDay?: string;
  /** lunar: the next two solar dates, one per slot (lunar year mod 2) */
  lunar?: Array<{ slot: 0 | 1; lunarYear: number; date: Day; birthday: LunarBirthday }>;
}

export interface CareSchedulePlan {
  profile: CareProfile;
  /** absent: the customer gets no automatic care and every entry is removed */
  birthdays: BirthdayEntry[];
  /** next return visit; `force` replaces a stored date, otherwise a stored date wins */
  visit?: { due: Day; force: boolean };
  dormancy?: { due: Day };
  keyContact?: { due: Day; force: boolean };
}

/**
 * Dates computed outside the sweep land no earlier than tomorrow: today's
 * sweep may already have run, and a day index is only ever read on its day.
 */
const notBefore = (due: Day, today: Day) => maxDay(due, plusDays(today, 1));

export function birthdayEntry(person: Person, today: Day): BirthdayEntry | undefined {
  if (!person.birthday && !person.lunarBirthday) return undefined;
  const entry: BirthdayEntry = { who: person.who, ...(person.name ? { contactName: person.name } : {}) };
  if (person.birthday) entry.monthDay = `${String(person.birthday.month).padStart(2, '0')}-${String(person.birthday.day).padStart(2, '0')}`;
  if (person.lunarBirthday) {
    entry.lunar = upcomingLunarBirthdays(person.lunarBirthday, today, 2).map((o) => ({
      slot: (o.lunarYear % 2) as 0 | 1, lunarYear: o.lunarYear, date: o.date, birthday: person.lunarBirthday!,
    }));
  }
  return entry;
}

/** The next key-account contact reminder: `lead` days before the end of the quarter. */
export function keyContactDue(today: Day, rules: CareSettings): Day {
  const inThisQuarter = plusDays(quarterEndOf(today), -rules.keyAccount.quarterlyContactLeadDays);
  return notBefore(inThisQuarter, today);
}

export function nextKeyContactAfter(processedDay: Day, rules: CareSettings): Day {
  const nextQuarterEnd = quarterEndOf(plusDays(quarterEndOf(processedDay), 1));
  return plusDays(nextQuarterEnd, -rules.keyAccount.quarterlyContactLeadDays);
}

export function careSchedule(
  c: CareSubject['customer'], today: Day, rules: CareSettings, timeZone: string, before?: Pick<Customer, 'tier' | 'flags'>,
): CareSchedulePlan {
  const profile = careProfileOf(c);
  if (!receivesCare(c)) return { profile, birthdays: [] };
  const self = birthdayEntry({ who: 'self', birthday: c.birthday, lunarBirthday: c.lunarBirthday }, today);
  const tierChanged = Boolean(before && before.tier !== c.tier);
  const becameKey = Boolean(before && !before.flags?.keyAccount && c.flags?.keyAccount);
  return {
    profile,
    birthdays: self ? [self] : [],
    visit: { due: notBefore(plusMonths(lastContactDay(c, timeZone), rules.tiers[c.tier].returnVisitEveryMonths), today), force: tierChanged },
    ...(watchedForDormancy(c) ? { dormancy: { due: notBefore(dormancyDeadline(c, rules, timeZone), today) } } : {}),
    ...(profile.keyAccount && rules.keyAccount.quarterlyContact ? { keyContact: { due: keyContactDue(today, rules), force: becameKey } } : {}),
  };
}

/** After a contact (a logged visit or a done care task) the next return visit is one cadence away. */
export const nextVisitAfterContact = (contactDay: Day, tier: Tier, rules: CareSettings) =>
  plusMonths(contactDay, rules.tiers[tier].returnVisitEveryMonths);

// ── Task state changes ───────────────────────────────────────────────────────

/** The assignee closes their own tasks; supervisors and above (and integrations) any task. */
export function assertMayAct(actor: Actor, task: Pick<CareTask, 'assigneeId' | 'id'>): void {
  if (actor.id !== task.assigneeId && !atLeast(actor.role, 'supervisor')) {
    throw new ForbiddenError(`Only the assignee or a supervisor may change task ${task.id}`, 'error.care_not_yours');
  }
}

function assertOpen(task: CareTask): void {
  if (!isOpen(task)) {
    throw new ConflictError(`Task ${task.id} is already ${task.status}`, { status: task.status }, 'error.care_task_closed', { status: task.status });
  }
}

const touched = (task: CareTask, by: string, now: Date): CareTask => ({ ...task, updatedAt: now.toISOString(), updatedBy: by, version: task.version + 1 });

export function completedTask(task: CareTask, by: string, note: string | undefined, now: Date): CareTask {
  assertOpen(task);
  const { remindOn: _r, ...rest } = touched(task, by, now);
  return { ...rest, status: 'done', closedAt: now.toISOString(), closedBy: by, ...(note ? { outcomeNote: note } : {}) };
}

export function skippedTask(task: CareTask, by: string, note: string | undefined, now: Date): CareTask {
  assertOpen(task);
  const { remindOn: _r, ...rest } = touched(task, by, now);
  return { ...rest, status: 'skipped', closedAt: now.toISOString(), closedBy: by, ...(note ? { outcomeNote: note } : {}) };
}

/** Snoozing moves the due date (and the day care-daily shows it again); the first due date is kept. */
export function snoozedTask(task: CareTask, by: string, days: number, today: Day, now: Date): CareTask {
  assertOpen(task);
  const until = plusDays(today, days);
  const { reminderAt: _a, ...rest } = touched(task, by, now);
  return { ...rest, status: 'snoozed', dueDate: until, remindOn: until, originalDueDate: task.originalDueDate ?? task.dueDate };
}

// ── Outcomes of a conditional write, as typed errors ─────────────────────────

/** The deterministic id is taken: this occasion already has its task (carried, read for free from the failed write). */
export class CareTaskExistsError extends ConflictError {
  constructor(readonly existing: CareTask | undefined) {
    super(`care task ${existing?.id ?? ''} already exists`, { id: existing?.id }, 'error.already_done');
  }
}

/** A schedule entry moved (a contact happened) between the sweep's read and its write. */
export class CareScheduleMovedError extends ConflictError {
  constructor(customerId: string) {
    super(`care schedule of ${customerId} changed meanwhile`, { customerId });
  }
}

// ── Inputs ───────────────────────────────────────────────────────────────────

const note = z.string().trim().min(1).max(1000);

export const listTasksQuery = z
  .object({
    assignee: z.string().min(1).max(64).optional(),
    /** `open` = pending or snoozed; needs `assignee` */
    status: z.enum([...taskStatuses, 'open']).optional(),
    kind: z.enum(careTaskKinds).optional(),
    customerId: z.string().min(1).max(64).optional(),
    dueFrom: day.optional(),
    dueTo: day.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(2000).optional(),
  })
  .refine((q) => !q.dueFrom || !q.dueTo || q.dueFrom <= q.dueTo, { message: 'dueFrom must not be after dueTo', path: ['dueFrom'] })
  .refine((q) => q.status !== 'open' || Boolean(q.assignee), { message: 'status=open needs assignee', path: ['status'] });
export type ListTasksQuery = z.output<typeof listTasksQuery>;

export const taskChangeInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('done'), note: note.optional() }).strict(),
  z.object({ action: z.literal('snooze'), days: z.number().int().min(1).default(1), note: note.optional() }).strict(),
  z.object({ action: z.literal('skip'), note: note.optional() }).strict(),
]);
export type TaskChangeInput = z.output<typeof taskChangeInput>;

export const noteInput = z.object({ note: note.optional() }).strict();

export const reminderInput = z
  .object({
    customerId: z.string().min(1).max(64),
    /** ISO time, a date, or a short form (see parseReminderTime) */
    at: z.string().trim().min(1).max(64),
    text: z.string().trim().min(1).max(500),
  })
  .strict();
