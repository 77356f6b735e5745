import { type Day, type FestivalId, plusDays, plusMonths, quarterEndOf } from './calendar';
import type { CareAction } from './care-actions';
import {
  birthdayLeadDays,
  type CareProfile,
  type CareTask,
  type CareTaskDraft,
  type CareTaskKind,
  type ChurnSignal,
  careGroupOf,
  careProfileOf,
  careTaskId,
  isOpen,
  lastContactDay,
  receivesCare,
  watchedForDormancy,
} from './care-model';
import type { CareRules } from './care-rules';
import type { Customer, Tier } from './customer';
import { ConflictError, ForbiddenError } from './errors';
import { festivalsOn, isLunarBirthday, isSolarBirthday, type LunarBirthday, type SolarBirthday, upcomingLunarBirthdays } from './festivals';
import { type Actor, atLeast } from './staff';

/** The care rules: which tasks are due for a customer on a day. Pure: time is a parameter. */
export * from './care-model';

function withGift(actions: CareAction[], keyAccount: boolean, rules: CareRules): Pick<CareTaskDraft, 'suggestedActions' | 'giftCap'> {
  return {
    suggestedActions: [...actions],
    ...(actions.includes('gift') ? { giftCap: keyAccount ? rules.giftCaps.keyAccount : rules.giftCaps.ordinary } : {}),
  };
}

// ── Task builders (shared by the rule engine and the care-daily sweep) ───────

export interface Person {
  /** 'self' for the customer, otherwise the contact person's id */
  who: string;
  name?: string;
  birthday?: SolarBirthday;
  lunarBirthday?: LunarBirthday;
}

const base = (p: CareProfile, kind: CareTaskKind, id: string, dueDate: Day) => ({
  id,
  kind,
  dueDate,
  customerId: p.customerId,
  customerName: p.customerName,
  assigneeId: p.ownerId,
});

export function birthdayTask(
  p: CareProfile,
  person: Pick<Person, 'who' | 'name'>,
  date: Day,
  lunar: boolean,
  rules: CareRules,
): CareTaskDraft {
  const group = careGroupOf(p);
  const actions = group === 'KEY' ? rules.keyAccount.birthdayActions : rules.tiers[group].birthdayActions;
  return {
    ...base(p, 'birthday', careTaskId(['birthday', p.customerId, person.who, date]), date),
    ...(person.who !== 'self' ? { contactId: person.who, contactName: person.name } : {}),
    ...withGift(actions, p.keyAccount, rules),
    details: lunar ? { lunar: true } : {},
  };
}

export function holidayTask(p: CareProfile, festival: { id: FestivalId; date: Day }, rules: CareRules): CareTaskDraft {
  return {
    ...base(p, 'holiday', careTaskId(['holiday', p.customerId, festival.id, festival.date]), festival.date),
    ...withGift(rules.tiers[p.tier].holidayActions, p.keyAccount, rules),
    details: { festival: festival.id },
  };
}

export function returnVisitTask(p: CareProfile, due: Day, rules: CareRules): CareTaskDraft {
  return {
    ...base(p, 'return-visit', careTaskId(['return-visit', p.customerId, due]), due),
    ...withGift(rules.tiers[p.tier].returnVisitActions, p.keyAccount, rules),
    details: {},
  };
}

export function keyAccountContactTask(p: CareProfile, quarterEnd: Day, rules: CareRules): CareTaskDraft {
  return {
    ...base(p, 'key-account-contact', careTaskId(['key-account-contact', p.customerId, quarterEnd]), quarterEnd),
    ...withGift(rules.keyAccount.quarterlyContactActions, p.keyAccount, rules),
    details: {},
  };
}

/** One win-back task per customer per day, whatever the number of signals that day. */
export function winBackTask(p: CareProfile, today: Day, signal: ChurnSignal, rules: CareRules): CareTaskDraft {
  return {
    ...base(p, 'win-back', careTaskId(['win-back', p.customerId, today]), today),
    ...withGift(rules.winBackActions, p.keyAccount, rules),
    details: { signal },
  };
}

export function complaintFollowUpTask(
  p: CareProfile,
  complaintId: string,
  assigneeId: string,
  resolvedDay: Day,
  rules: CareRules,
  onSite = false,
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
  customer: Pick<
    Customer,
    | 'id'
    | 'name'
    | 'ownerId'
    | 'tier'
    | 'flags'
    | 'lifecycleStage'
    | 'consent'
    | 'birthday'
    | 'lunarBirthday'
    | 'lastInteractionAt'
    | 'createdAt'
  >;
  contacts?: Array<{ id: string; name: string; birthday?: SolarBirthday; lunarBirthday?: LunarBirthday }>;
}

/**
 * Which care tasks are due for one customer on one day: birthdays (solar and
 * lunar, customer and contacts) `lead` days ahead, festivals by tier, the
 * return visit and the quarter's key-account contact once their day has come,
 * and a win-back task once the customer has been quiet past the tier's window.
 * The care-daily sweep reaches the same answer from its due indexes.
 */
export function careTasksDue(subject: CareSubject, today: Day, rules: CareRules, timeZone: string): CareTaskDraft[] {
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
      else if (person.lunarBirthday && isLunarBirthday(person.lunarBirthday, target))
        out.push(birthdayTask(p, person, target, true, rules));
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

export function dormancyDeadline(c: Pick<Customer, 'tier' | 'lastInteractionAt' | 'createdAt'>, rules: CareRules, timeZone: string): Day {
  return plusDays(lastContactDay(c, timeZone), rules.tiers[c.tier].dormancyDays);
}

export const isDormant = (c: Pick<Customer, 'tier' | 'lastInteractionAt' | 'createdAt'>, today: Day, rules: CareRules, timeZone: string) =>
  dormancyDeadline(c, rules, timeZone) <= today;

// ── The care schedule: what the due indexes hold for one customer ───────────

export interface BirthdayEntry {
  who: string;
  contactName?: string;
  /** solar: the month-day (MM-DD) it recurs on */
  monthDay?: string;
  /** lunar: the next two solar dates, one per slot (lunar year mod 2) */
  lunar?: Array<{ slot: 0 | 1; lunarYear: number; date: Day; birthday: LunarBirthday }>;
  /**
   * The birthday already inside its lead window on `since` (a customer imported
   * or a birthday set a few days before it): the day's lead-day read has passed,
   * so the sweep picks it up from a catch-up entry instead.
   */
  soon?: { date: Day; since: Day; lunar?: { slot: 0 | 1; lunarYear: number; birthday: LunarBirthday } };
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

/** `leadDays`: the care group's lead, to mark a birthday whose lead day has already passed (see `soon`). */
export function birthdayEntry(person: Person, today: Day, leadDays?: number): BirthdayEntry | undefined {
  if (!person.birthday && !person.lunarBirthday) return undefined;
  const entry: BirthdayEntry = { who: person.who, ...(person.name ? { contactName: person.name } : {}) };
  if (person.birthday) entry.monthDay = `${String(person.birthday.month).padStart(2, '0')}-${String(person.birthday.day).padStart(2, '0')}`;
  if (person.lunarBirthday) {
    entry.lunar = upcomingLunarBirthdays(person.lunarBirthday, today, 2).map((o) => ({
      slot: (o.lunarYear % 2) as 0 | 1,
      lunarYear: o.lunarYear,
      date: o.date,
      birthday: person.lunarBirthday!,
    }));
  }
  if (leadDays !== undefined) {
    // Up to today + lead: the lead-day read for that date may already be over today.
    for (let i = 0; i <= leadDays && !entry.soon; i++) {
      const date = plusDays(today, i);
      if (person.birthday && isSolarBirthday(person.birthday, date)) entry.soon = { date, since: today };
      else {
        const lunar = entry.lunar?.find((o) => o.date === date);
        if (lunar) entry.soon = { date, since: today, lunar: { slot: lunar.slot, lunarYear: lunar.lunarYear, birthday: lunar.birthday } };
      }
    }
  }
  return entry;
}

/**
 * The next key-account contact reminder: `lead` days before the end of the
 * quarter. Dates are stored as they fall, past ones included: the sweep reads
 * everything due on or before its day, so an overdue date is caught at the
 * next run rather than lost.
 */
export function keyContactDue(today: Day, rules: CareRules): Day {
  return plusDays(quarterEndOf(today), -rules.keyAccount.quarterlyContactLeadDays);
}

export function nextKeyContactAfter(processedDay: Day, rules: CareRules): Day {
  const nextQuarterEnd = quarterEndOf(plusDays(quarterEndOf(processedDay), 1));
  return plusDays(nextQuarterEnd, -rules.keyAccount.quarterlyContactLeadDays);
}

export function careSchedule(
  c: CareSubject['customer'],
  today: Day,
  rules: CareRules,
  timeZone: string,
  before?: Pick<Customer, 'tier' | 'flags'>,
): CareSchedulePlan {
  const profile = careProfileOf(c);
  if (!receivesCare(c)) return { profile, birthdays: [] };
  const self = birthdayEntry(
    { who: 'self', birthday: c.birthday, lunarBirthday: c.lunarBirthday },
    today,
    birthdayLeadDays(careGroupOf(profile), rules),
  );
  const tierChanged = Boolean(before && before.tier !== c.tier);
  const becameKey = Boolean(before && !before.flags?.keyAccount && c.flags?.keyAccount);
  return {
    profile,
    birthdays: self ? [self] : [],
    visit: { due: plusMonths(lastContactDay(c, timeZone), rules.tiers[c.tier].returnVisitEveryMonths), force: tierChanged },
    ...(watchedForDormancy(c) ? { dormancy: { due: dormancyDeadline(c, rules, timeZone) } } : {}),
    ...(profile.keyAccount && rules.keyAccount.quarterlyContact
      ? { keyContact: { due: keyContactDue(today, rules), force: becameKey } }
      : {}),
  };
}

/** After a contact (a logged visit or a done care task) the next return visit is one cadence away. */
export const nextVisitAfterContact = (contactDay: Day, tier: Tier, rules: CareRules) =>
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
    throw new ConflictError(`Task ${task.id} is already ${task.status}`, { status: task.status }, 'error.care_task_closed', {
      status: task.status,
    });
  }
}

const touched = (task: CareTask, by: string, now: Date): CareTask => ({
  ...task,
  updatedAt: now.toISOString(),
  updatedBy: by,
  version: task.version + 1,
});

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
