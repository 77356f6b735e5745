import { TZDate, tz } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, endOfQuarter, format } from 'date-fns';
import { memoize } from './memo';

/**
 * Calendar days (docs/domain.md, Care); festivals and birthdays are in festivals.ts, apart
 * because the lunar calendar is a large library that most entry points never need. A calendar day is a plain
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

/**
 * The calendar day an instant falls on in a time zone. Read from the zone's wall clock
 * rather than through date-fns' `format`, whose pattern engine and English locale
 * would be the only date-fns code the public survey function loads. Memoised, as the day
 * arithmetic below: a bulk import asks for the same few days thousands of times
 * (bench/import-profile.ts).
 */
export const localDay = /* @__PURE__ */ memoize(
  (instant: Date, timeZone: string): Day => {
    if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid time value');
    const wall = new TZDate(instant.getTime(), timeZone);
    const year = wall.getFullYear();
    // An unknown zone gives NaN fields instead of throwing: refuse it as `format` does (a stored zone may predate validation).
    if (Number.isNaN(year)) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
    return `${String(year).padStart(4, '0')}-${pad(wall.getMonth() + 1)}-${pad(wall.getDate())}`;
  },
  (instant, timeZone) => `${instant.getTime()}|${timeZone}`,
);
export const plusDays = /* @__PURE__ */ memoize(
  (day: Day, n: number): Day => format(addDays(day, n, { in: utc }), DAY, { in: utc }),
  (day, n) => `${day}|${n}`,
);
/** Month arithmetic clamps to the month's end (Jan 31 + 1 month = Feb 28/29), as date-fns does. */
export const plusMonths = /* @__PURE__ */ memoize(
  (day: Day, n: number): Day => format(addMonths(day, n, { in: utc }), DAY, { in: utc }),
  (day, n) => `${day}|${n}`,
);
export const daysBetween = (from: Day, to: Day): number => differenceInCalendarDays(to, from, { in: utc });
export const quarterEndOf = /* @__PURE__ */ memoize(
  (day: Day): Day => format(endOfQuarter(day, { in: utc }), DAY, { in: utc }),
  (day) => day,
);
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
  'new-year',
  'spring-festival',
  'lantern',
  'womens-day',
  'mothers-day',
  'dragon-boat',
  'qixi',
  'mid-autumn',
  'national-day',
  'double-ninth',
  'christmas',
] as const;
export type FestivalId = (typeof festivalIds)[number];
