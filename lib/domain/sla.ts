import { TZDate } from '@date-fns/tz';

/**
 * SLA deadline arithmetic (docs/domain.md, Complaints), pure. A business calendar says
 * when the clock runs: working hours on working weekdays in one time zone,
 * minus holidays, plus make-up working days (调休). With it switched off the
 * clock runs around the clock and every function is plain addition.
 *
 * Working intervals are built per local calendar day with TZDate, so a DST
 * change (at night in every zone we know) shortens or lengthens the night, not
 * the working day.
 */
export interface BusinessCalendar {
  enabled: boolean;
  timeZone: string;
  /** `HH:mm`; end may be `24:00` */
  start: string;
  end: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday */
  weekdays: number[];
  holidays: string[];
  workingDays: string[];
}

const MINUTE = 60_000;
/** Ten years of days: a calendar with no working time at all must fail, not loop. */
const MAX_DAYS = 3660;

interface LocalDay {
  y: number;
  m: number; // 1–12
  d: number;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = ({ y, m, d }: LocalDay) => `${y}-${pad(m)}-${pad(d)}`;
const hm = (s: string) => s.split(':').map(Number) as [number, number];

function localDayOf(ms: number, timeZone: string): LocalDay {
  const t = new TZDate(ms, timeZone);
  return { y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate() };
}

function nextDay({ y, m, d }: LocalDay): LocalDay {
  const t = new Date(Date.UTC(y, m - 1, d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function isWorkingDay(day: LocalDay, cal: BusinessCalendar): boolean {
  const key = dayKey(day);
  if (cal.workingDays.includes(key)) return true;
  if (cal.holidays.includes(key)) return false;
  const isoWeekday = new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay() || 7;
  return cal.weekdays.includes(isoWeekday);
}

/** [open, close) of a day's working hours, as epoch milliseconds. */
function workingInterval({ y, m, d }: LocalDay, cal: BusinessCalendar): [number, number] {
  const [sh, sm] = hm(cal.start);
  const [eh, em] = hm(cal.end);
  const open = new TZDate(y, m - 1, d, sh, sm, cal.timeZone).getTime();
  const close =
    eh === 24 ? new TZDate(y, m - 1, d + 1, 0, 0, cal.timeZone).getTime() : new TZDate(y, m - 1, d, eh, em, cal.timeZone).getTime();
  return [open, close];
}

/** Working intervals from the local day of `fromMs` on, lazily. */
function* workingIntervals(fromMs: number, cal: BusinessCalendar): Generator<[number, number]> {
  let day = localDayOf(fromMs, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    if (isWorkingDay(day, cal)) yield workingInterval(day, cal);
  }
  throw new Error('The business calendar has no working time within ten years');
}

/** The instant `ms` milliseconds of clock time after `start`. */
export function addBusinessTime(start: Date, ms: number, cal: BusinessCalendar): Date {
  if (!(ms > 0)) return new Date(start.getTime());
  if (!cal.enabled) return new Date(start.getTime() + ms);
  const t = start.getTime();
  let remaining = ms;
  for (const [open, close] of workingIntervals(t, cal)) {
    if (close <= t) continue;
    const from = Math.max(open, t);
    const available = close - from;
    // Landing exactly on the close is allowed: the deadline is the end of that working day.
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  throw new Error('unreachable');
}

export const addBusinessMinutes = (start: Date, minutes: number, cal: BusinessCalendar): Date =>
  addBusinessTime(start, minutes * MINUTE, cal);

/** Clock time (ms) between two instants; 0 when `to` is not after `from`. */
export function businessTimeBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!cal.enabled) return b - a;
  let total = 0;
  for (const [open, close] of workingIntervals(a, cal)) {
    if (open >= b) break;
    total += Math.max(0, Math.min(close, b) - Math.max(open, a));
  }
  return total;
}

/** Length of one working day in minutes (what `1d` means with business hours on). */
export function workingDayMinutes(cal: Pick<BusinessCalendar, 'start' | 'end'>): number {
  const [sh, sm] = hm(cal.start);
  const [eh, em] = hm(cal.end);
  return eh * 60 + em - (sh * 60 + sm);
}

/** `30m` / `4h` / `3d` in clock minutes under a calendar (a day is a working day when business hours are on). */
export function durationMinutes(duration: string, cal: Pick<BusinessCalendar, 'enabled' | 'start' | 'end'>): number {
  const m = /^(\d+)(m|h|d)$/.exec(duration);
  if (!m) throw new Error(`not a duration: ${duration}`);
  const n = Number(m[1]);
  if (m[2] === 'm') return n;
  if (m[2] === 'h') return n * 60;
  return n * (cal.enabled ? workingDayMinutes(cal) : 24 * 60);
}

/** Whether an instant lies in working time (inclusive of the close, where deadlines may land). */
export function isWithinWorkingTime(at: Date, cal: BusinessCalendar): boolean {
  if (!cal.enabled) return true;
  const t = at.getTime();
  // An instant can belong to the day before when the hours run to midnight.
  const today = localDayOf(t, cal.timeZone);
  const yesterday = localDayOf(t - 24 * 60 * MINUTE, cal.timeZone);
  return [yesterday, today].some((day) => {
    if (!isWorkingDay(day, cal)) return false;
    const [open, close] = workingInterval(day, cal);
    return t >= open && t <= close;
  });
}

/**
 * One SLA window: from `start` to `due`. Alerts fall at shares of its length
 * in clock time: the warning before the breach, the managers' escalation after it.
 */
export function pointInWindow(start: Date, due: Date, share: number, cal: BusinessCalendar): Date {
  const length = businessTimeBetween(start, due, cal);
  if (share <= 1) return addBusinessTime(start, Math.round(length * share), cal);
  return addBusinessTime(due, Math.round(length * (share - 1)), cal);
}
