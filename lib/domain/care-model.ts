import { createHash } from 'node:crypto';
import * as z from 'zod';
import { windowDay } from './bounds';
import { type Day, festivalIds, isDay, localDay } from './calendar';
import { careActions } from './care-actions';
import type { CareRules } from './care-rules';
import type { Customer, LifecycleStage, Tier } from './customer';
import { ConflictError } from './errors';

/**
 * Care tasks (docs/domain.md, Records and Care): kinds, shapes, inputs and typed write outcomes.
 * The rules that say which are due are in care.ts, with the festival calendar.
 */
export const careTaskKinds = [
  'birthday',
  'holiday',
  'return-visit',
  'complaint-follow-up',
  'key-account-contact',
  'win-back',
  'anniversary',
  'custom',
] as const;
export const taskStatuses = ['pending', 'done', 'snoozed', 'skipped'] as const;
export { type CareAction, careActions } from './care-actions';
export const churnSignals = ['dormant', 'complaint', 'address-change', 'detractor'] as const;

export type CareTaskKind = (typeof careTaskKinds)[number];
export type TaskStatus = (typeof taskStatuses)[number];
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
  /** present when a gift is suggested: key accounts ≤ 500, others ≤ 100 by default */
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
  customerId: c.id,
  customerName: c.name,
  ownerId: c.ownerId,
  tier: c.tier,
  keyAccount: Boolean(c.flags?.keyAccount),
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

export function birthdayLeadDays(group: CareGroup, rules: CareRules): number {
  return group === 'KEY' ? rules.keyAccount.birthdayLeadDays : rules.tiers[group].birthdayLeadDays;
}

/** The day a customer was last in touch (or joined), in the company's time zone. */
export const lastContactDay = (c: Pick<Customer, 'lastInteractionAt' | 'createdAt'>, timeZone: string): Day =>
  localDay(new Date(c.lastInteractionAt ?? c.createdAt), timeZone);

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
    dueFrom: windowDay.optional(),
    dueTo: windowDay.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(2000).optional(),
  })
  .refine((q) => !q.dueFrom || !q.dueTo || q.dueFrom <= q.dueTo, { message: 'dueFrom must not be after dueTo', path: ['dueFrom'] })
  .refine((q) => q.status !== 'open' || Boolean(q.assignee), { message: 'status=open needs assignee', path: ['status'] });
export type ListTasksQuery = z.output<typeof listTasksQuery>;

const snoozeDays = z.number().int().min(1);
/** A task change; with `maxSnoozeDays` (CARELOOP_CARE snoozeMaxDays) the edge refuses longer snoozes as the service does. */
export const taskChangeInputUpTo = (maxSnoozeDays?: number) =>
  z.discriminatedUnion('action', [
    z.object({ action: z.literal('done'), note: note.optional() }).strict(),
    z
      .object({
        action: z.literal('snooze'),
        days: (maxSnoozeDays === undefined ? snoozeDays : snoozeDays.max(maxSnoozeDays)).default(1),
        note: note.optional(),
      })
      .strict(),
    z.object({ action: z.literal('skip'), note: note.optional() }).strict(),
  ]);
export const taskChangeInput = taskChangeInputUpTo();
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
