import { tz } from '@date-fns/tz';
import { format, getISODay, getISOWeek, getISOWeekYear, lastDayOfMonth } from 'date-fns';
import { type Day, daysBetween, localDay, plusDays, plusMonths } from './calendar';

/**
 * Digest periods (docs/domain.md, Digests and metrics): a day, an ISO week (Monday–Sunday) or a
 * calendar month, as inclusive ranges of calendar days. The daily counters are
 * kept per calendar day, so a period is a list of days; which day it is "now"
 * depends on the reader's time zone, which is the only place a zone enters.
 */
export const digestFrequencies = ['daily', 'weekly', 'monthly'] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];
export const digestSubscriptions = [...digestFrequencies, 'off'] as const;
export type DigestSubscription = (typeof digestSubscriptions)[number];

export interface Period {
  kind: DigestFrequency;
  /** first and last day, inclusive */
  start: Day;
  end: Day;
  /** `2026-11-23` (daily), `2026-W48` (weekly, ISO week), `2026-11` (monthly) */
  key: string;
}

const utc = tz('UTC');
const DAY = 'yyyy-MM-dd';

const isoWeekday = (day: Day): number => getISODay(day, { in: utc });
const monthStart = (day: Day): Day => `${day.slice(0, 8)}01`;
const monthEnd = (day: Day): Day => format(lastDayOfMonth(day, { in: utc }), DAY, { in: utc });

function keyOf(kind: DigestFrequency, start: Day): string {
  if (kind === 'daily') return start;
  if (kind === 'monthly') return start.slice(0, 7);
  return `${getISOWeekYear(start, { in: utc })}-W${String(getISOWeek(start, { in: utc })).padStart(2, '0')}`;
}

/** The period of a kind that contains a day. */
export function periodContaining(kind: DigestFrequency, day: Day): Period {
  const [start, end] =
    kind === 'daily'
      ? [day, day]
      : kind === 'weekly'
        ? [plusDays(day, 1 - isoWeekday(day)), plusDays(day, 7 - isoWeekday(day))]
        : [monthStart(day), monthEnd(day)];
  return { kind, start, end, key: keyOf(kind, start) };
}

export const previousPeriod = (p: Period): Period => periodContaining(p.kind, plusDays(p.start, -1));
export const nextPeriod = (p: Period): Period => periodContaining(p.kind, plusDays(p.end, 1));

/** The last complete period before a day: what a digest sent on that day reports. */
export const periodBefore = (kind: DigestFrequency, day: Day): Period => previousPeriod(periodContaining(kind, day));

/** A month given as `YYYY-MM`. */
export const monthPeriod = (month: string): Period => periodContaining('monthly', `${month}-01`);

/** Longest day list any caller needs (a year and its comparison); longer is a caller's bug, refused rather than allocated. */
export const MAX_DAY_SPAN = 800;

export function daysOf(from: Day, to: Day): Day[] {
  const n = daysBetween(from, to);
  if (n > MAX_DAY_SPAN) throw new RangeError(`day range ${from}..${to} spans ${n} days (max ${MAX_DAY_SPAN})`);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => plusDays(from, i));
}
export const periodDays = (p: Pick<Period, 'start' | 'end'>): Day[] => daysOf(p.start, p.end);

/** A range of days inside or beside a period: the preview's "so far" and its like-for-like comparison. */
export interface DayRange {
  start: Day;
  end: Day;
}

/**
 * The current period up to `today`, beside the same number of days at the start
 * of the previous period (a month's comparison stops at the shorter month's end),
 * so a preview on Wednesday compares Mon–Wed with last Mon–Wed, not with a whole week.
 */
export function periodToDate(
  kind: DigestFrequency,
  today: Day,
): { current: Period; upTo: DayRange; previous: Period; comparison: DayRange } {
  const current = periodContaining(kind, today);
  const previous = previousPeriod(current);
  const elapsed = daysBetween(current.start, today);
  const comparisonEnd = kind === 'monthly' ? minDay(plusMonths(today, -1), previous.end) : plusDays(previous.start, elapsed);
  return { current, upTo: { start: current.start, end: today }, previous, comparison: { start: previous.start, end: comparisonEnd } };
}

const minDay = (a: Day, b: Day): Day => (a < b ? a : b);

/** Is a day the one a digest of this kind goes out on (daily: every day; weekly: the configured ISO weekday; monthly: the 1st)? */
export function isSendDay(kind: DigestFrequency, day: Day, weeklyIsoWeekday: number): boolean {
  if (kind === 'daily') return true;
  if (kind === 'weekly') return isoWeekday(day) === weeklyIsoWeekday;
  return day.endsWith('-01');
}

/** The wall-clock hour of an instant in a zone (0–23). */
export const localHour = (instant: Date, timeZone: string): number => Number(format(instant, 'H', { in: tz(timeZone) }));

export interface Recipient {
  subscription: DigestSubscription;
  timeZone: string;
  /** when the current subscription started (the staff record's creation for the default one) */
  subscribedAt: string;
}

export interface DueRule {
  sendHour: number;
  weeklyIsoWeekday: number;
}

/**
 * The period whose digest is due for a recipient at an instant, if any: on the
 * send day, from the send hour to the end of that day in the recipient's zone —
 * the later hours are retries after a failed send, the do-once claim keeps it
 * to one. A period that started before the subscription is skipped (a manager
 * who subscribes mid-period gets the next one).
 */
export function duePeriod(r: Recipient, now: Date, rule: DueRule): Period | undefined {
  if (r.subscription === 'off') return undefined;
  const today = localDay(now, r.timeZone);
  if (!isSendDay(r.subscription, today, rule.weeklyIsoWeekday) || localHour(now, r.timeZone) < rule.sendHour) return undefined;
  const period = periodBefore(r.subscription, today);
  const subscribedOn = localDay(new Date(r.subscribedAt), r.timeZone);
  return period.start >= subscribedOn ? period : undefined;
}
