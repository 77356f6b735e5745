import * as z from 'zod';
import { stableHash } from './complaint-lifecycle';

/**
 * Corrective actions (docs/domain.md, Complaints: 「纠正措施」): when one complaint
 * category or root cause keeps coming back, somebody must fix the cause, not
 * the single case. Pure rules: the counting window and the record's id.
 */
export const recurrenceKinds = ['category', 'root-cause'] as const;
export type RecurrenceKind = (typeof recurrenceKinds)[number];

export const correctiveAction = z.object({
  id: z.string(),
  kind: z.enum(recurrenceKinds),
  /** the category, or the normalised root-cause key */
  key: z.string(),
  /** what people read: the category id or the root cause as first written */
  label: z.string(),
  threshold: z.number().int(),
  windowDays: z.number().int(),
  /** first day (UTC) of the fixed window this record belongs to */
  windowStart: z.string(),
  count: z.number().int(),
  complaintIds: z.array(z.string()),
  status: z.enum(['open', 'done']),
  openedAt: z.string(),
  openedBy: z.string(),
});
export type CorrectiveAction = z.output<typeof correctiveAction>;

export const listCorrectiveActionsQuery = z
  .object({
    kind: z.enum(recurrenceKinds).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(2000).optional(),
  })
  .strict();
export type ListCorrectiveActionsQuery = z.output<typeof listCorrectiveActionsQuery>;

const DAY_MS = 86_400_000;

/**
 * The fixed window (counted from 1970-01-01 in steps of `windowDays`) that
 * `now` falls in. Counting slides over the last `windowDays`, but at most one
 * record per category or cause opens per fixed window: that is what makes the
 * record's id deterministic, so concurrent complaints open it once.
 */
export function correctiveWindowStart(now: Date, windowDays: number): string {
  const dayNumber = Math.floor(now.getTime() / DAY_MS);
  const start = Math.floor(dayNumber / windowDays) * windowDays;
  return new Date(start * DAY_MS).toISOString().slice(0, 10);
}

export function correctiveActionId(kind: RecurrenceKind, key: string, windowStart: string): string {
  return `cor_${windowStart.replace(/-/g, '')}_${kind === 'category' ? 'cat' : 'cause'}_${stableHash(`${kind}:${key}`).toString(36)}`;
}

/** Whether complaints counted in the sliding window reach the threshold. */
export const recurrenceReached = (count: number, threshold: number) => count >= threshold;

/** Start of the sliding counting window. */
export const windowFrom = (now: Date, windowDays: number) => new Date(now.getTime() - windowDays * DAY_MS);
