import { addDays, addMonths, differenceInCalendarDays, endOfQuarter, format, getDay } from 'date-fns';
import { tz, TZDate } from '@date-fns/tz';
import { LunarDay, LunarMonth, LunarYear } from 'tyme4ts';

/**
 * Calendar days and festivals (DOMAIN.md §3.2). A calendar day is a plain
 * `YYYY-MM-DD` string: care rules think in days of the company's time zone,
 * never in instants, so day arithmetic runs in UTC where no day is 23 or 25 hours.
 */
export type Day = string;

const utc = tz('UTC');
const DAY = 'yyyy-MM-dd';
const pad = (n: number) => String(n).padStart(2, '0');

export const dayOf = (year: number, month: number, day: number): Day => `${year}-${pad(month)}-${pad(day)}`;
export function isDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The calendar day an instant falls on in a time zone. */
export const localDay = (instant: Date, timeZone: string): Day => format(instant, DAY, { in: tz(timeZone) });
export const plusDays = (day: Day, n: number): Day => format(addDays(day, n, { in: utc }), DAY, { in: utc });
/** Month arithmetic clamps to the month's end (Jan 31 + 1 month = Feb 28/29), as date-fns does. */
export const plusMonths = (day: Day, n: number): Day => format(addMonths(day, n, { in: utc }), DAY, { in: utc });
export const daysBetween = (from: Day, to: Day): number => differenceInCalendarDays(to, from, { in: utc });
export const quarterEndOf = (day: Day): Day => format(endOfQuarter(day, { in: utc }), DAY, { in: utc });
export const yearOf = (day: Day): number => Number(day.slice(0, 4));
export const monthDayOf = (day: Day): string => day.slice(5);
export const maxDay = (a: Day, b: Day): Day => (a > b ? a : b);

/** The instant a wall-clock hour of a day happens in a time zone. */
export const atHour = (day: Day, hour: number, timeZone: string): Date => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hour, 0, 0, timeZone).getTime());
};
/** Wall-clock `yyyy-MM-ddTHH:mm:ss` of an instant in a zone (EventBridge Scheduler's at() format). */
export const wallClock = (instant: Date, timeZone: string): string => format(instant, "yyyy-MM-dd'T'HH:mm:ss", { in: tz(timeZone) });

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

// ── Festivals ────────────────────────────────────────────────────────────────

export const festivalIds = [
  'new-year', 'spring-festival', 'lantern', 'womens-day', 'mothers-day', 'dragon-boat',
  'qixi', 'mid-autumn', 'national-day', 'double-ninth', 'christmas',
] as const;
export type FestivalId = (typeof festivalIds)[number];

export interface Festival {
  id: FestivalId;
  date: Day;
  lunar: boolean;
}

type FestivalRule =
  | { kind: 'solar'; month: number; day: number }
  | { kind: 'lunar'; month: number; day: number }
  | { kind: 'nth-weekday'; month: number; weekday: number; nth: number };

const festivalRules: Record<FestivalId, FestivalRule> = {
  'new-year': { kind: 'solar', month: 1, day: 1 },
  'spring-festival': { kind: 'lunar', month: 1, day: 1 },
  lantern: { kind: 'lunar', month: 1, day: 15 },
  'womens-day': { kind: 'solar', month: 3, day: 8 },
  // Second Sunday of May.
  'mothers-day': { kind: 'nth-weekday', month: 5, weekday: 0, nth: 2 },
  'dragon-boat': { kind: 'lunar', month: 5, day: 5 },
  qixi: { kind: 'lunar', month: 7, day: 7 },
  'mid-autumn': { kind: 'lunar', month: 8, day: 15 },
  'national-day': { kind: 'solar', month: 10, day: 1 },
  'double-ninth': { kind: 'lunar', month: 9, day: 9 },
  christmas: { kind: 'solar', month: 12, day: 25 },
};

function nthWeekday(year: number, month: number, weekday: number, nth: number): Day {
  const first = dayOf(year, month, 1);
  const offset = (weekday - getDay(first, { in: utc }) + 7) % 7;
  return plusDays(first, offset + (nth - 1) * 7);
}

/** Every lunar festival here falls between lunar 1/1 and 9/9, so lunar year Y lies inside solar year Y. */
function festivalDate(id: FestivalId, year: number): Day {
  const rule = festivalRules[id];
  if (rule.kind === 'solar') return dayOf(year, rule.month, rule.day);
  if (rule.kind === 'nth-weekday') return nthWeekday(year, rule.month, rule.weekday, rule.nth);
  return solarOf(LunarDay.fromYmd(year, rule.month, rule.day));
}

/** The active festivals of a solar year, in date order. */
export function festivalsOfYear(year: number, active: readonly FestivalId[] = festivalIds): Festival[] {
  return active
    .map((id) => ({ id, date: festivalDate(id, year), lunar: festivalRules[id].kind === 'lunar' }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

export function festivalsOn(day: Day, active: readonly FestivalId[] = festivalIds): Festival[] {
  return festivalsOfYear(yearOf(day), active).filter((f) => f.date === day);
}

// ── Birthdays ────────────────────────────────────────────────────────────────

export interface SolarBirthday {
  month: number;
  day: number;
}

/** Feb 29 birthdays are kept on Feb 28 in common years (the last day of the birth month). */
export function solarBirthdayIn(b: SolarBirthday, year: number): Day {
  if (b.month === 2 && b.day === 29 && !isLeapYear(year)) return dayOf(year, 2, 28);
  return dayOf(year, b.month, b.day);
}

export interface LunarBirthday {
  month: number;
  day: number;
  leap?: boolean;
}

function solarOf(d: LunarDay): Day {
  const s = d.getSolarDay();
  return dayOf(s.getYear(), s.getMonth(), s.getDay());
}

/**
 * The solar date of a lunar birthday in one lunar year. The rule (documented in docs/care.md):
 * - born in a leap month: kept in that leap month in years that have it, otherwise in the
 *   ordinary month of the same number (the common custom; a leap month recurs only every few years);
 * - born in an ordinary month: always the ordinary month, even when a leap month of that number follows;
 * - born on the 30th of a month that has only 29 days this year: the 29th, the month's last day,
 *   so the birthday stays inside its own month.
 */
export function lunarBirthdayIn(b: LunarBirthday, lunarYear: number): Day {
  const useLeap = Boolean(b.leap) && LunarYear.fromYear(lunarYear).getLeapMonth() === b.month;
  const month = useLeap ? -b.month : b.month;
  const day = Math.min(b.day, LunarMonth.fromYm(lunarYear, month).getDayCount());
  return solarOf(LunarDay.fromYmd(lunarYear, month, day));
}

export interface BirthdayOccurrence {
  /** the lunar year it belongs to (a 12th-month birthday of lunar year Y falls in January of Y+1) */
  lunarYear: number;
  date: Day;
}

/** The next `count` solar dates of a lunar birthday on or after a day. */
export function upcomingLunarBirthdays(b: LunarBirthday, from: Day, count: number): BirthdayOccurrence[] {
  const out: BirthdayOccurrence[] = [];
  for (let lunarYear = yearOf(from) - 1; out.length < count; lunarYear++) {
    const date = lunarBirthdayIn(b, lunarYear);
    if (date >= from) out.push({ lunarYear, date });
  }
  return out;
}

/** Is this day a solar birthday (with the Feb 29 rule)? */
export function isSolarBirthday(b: SolarBirthday, day: Day): boolean {
  return solarBirthdayIn(b, yearOf(day)) === day;
}

/** Is this day a lunar birthday? Checks the two lunar years that can overlap a solar year. */
export function isLunarBirthday(b: LunarBirthday, day: Day): boolean {
  const y = yearOf(day);
  return lunarBirthdayIn(b, y) === day || lunarBirthdayIn(b, y - 1) === day;
}
