import { tz } from '@date-fns/tz';
import { getDay } from 'date-fns';
import { LunarDay, LunarMonth, LunarYear } from 'tyme4ts';
import { type Day, dayOf, type FestivalId, festivalIds, isLeapYear, plusDays, yearOf } from './calendar';

const utc = tz('UTC');

/**
 * Festivals (solar, lunar, nth-weekday) and birthdays, solar and lunar (docs/domain.md, Care).
 * Lunar dates come from tyme4ts; only the care features load this file.
 */

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
