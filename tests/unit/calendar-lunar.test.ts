import fc from 'fast-check';
import { LunarMonth, LunarYear, SolarDay } from 'tyme4ts';
import { describe, expect, it } from 'vitest';
import { isLunarBirthday, lunarBirthdayIn, upcomingLunarBirthdays } from '../../lib/domain/festivals';

/** The lunar date (month, negative when leap; day) of a solar day, straight from tyme4ts. */
function lunarOf(day: string) {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const lunar = SolarDay.fromYmd(y, m, d).getLunarDay();
  return { year: lunar.getLunarMonth().getLunarYear().getYear(), month: lunar.getLunarMonth().getMonthWithLeap(), day: lunar.getDay() };
}

describe('lunar birthdays', () => {
  it('turns a lunar birthday into the solar date of that lunar year', () => {
    expect(lunarBirthdayIn({ month: 8, day: 15 }, 2025)).toBe('2025-10-06');
    expect(lunarBirthdayIn({ month: 1, day: 1 }, 2026)).toBe('2026-02-17');
  });

  it('keeps someone born in a leap month in that leap month when the year has it', () => {
    // 2025 has a leap 6th month (闰六月), from 2025-07-25.
    expect(LunarYear.fromYear(2025).getLeapMonth()).toBe(6);
    expect(lunarBirthdayIn({ month: 6, day: 10, leap: true }, 2025)).toBe('2025-08-03');
    expect(lunarOf('2025-08-03')).toEqual({ year: 2025, month: -6, day: 10 });
  });

  it('celebrates a leap-month birthday in the ordinary month of years without that leap month', () => {
    expect(LunarYear.fromYear(2026).getLeapMonth()).toBe(0);
    const date = lunarBirthdayIn({ month: 6, day: 10, leap: true }, 2026);
    expect(lunarOf(date)).toEqual({ year: 2026, month: 6, day: 10 });
  });

  it('keeps an ordinary-month birthday in the ordinary month even when a leap month of that number follows', () => {
    expect(lunarBirthdayIn({ month: 6, day: 10 }, 2025)).toBe('2025-07-04');
    expect(lunarOf('2025-07-04')).toEqual({ year: 2025, month: 6, day: 10 });
  });

  it('moves a 30th-day birthday to the 29th when that month has only 29 days', () => {
    expect(LunarMonth.fromYm(2025, 2).getDayCount()).toBe(29);
    expect(lunarBirthdayIn({ month: 2, day: 30 }, 2025)).toBe(lunarBirthdayIn({ month: 2, day: 29 }, 2025));
    expect(LunarMonth.fromYm(2025, 1).getDayCount()).toBe(30);
    expect(lunarOf(lunarBirthdayIn({ month: 1, day: 30 }, 2025))).toEqual({ year: 2025, month: 1, day: 30 });
  });

  it('handles a leap-month 30th in a 29-day leap month', () => {
    expect(LunarMonth.fromYm(2025, -6).getDayCount()).toBe(29);
    expect(lunarOf(lunarBirthdayIn({ month: 6, day: 30, leap: true }, 2025))).toEqual({ year: 2025, month: -6, day: 29 });
  });

  it('lists the next two dates, a 12th-month birthday falling in January of the next solar year', () => {
    expect(upcomingLunarBirthdays({ month: 12, day: 20 }, '2025-03-01', 2)).toEqual([
      { lunarYear: 2025, date: '2026-02-07' },
      { lunarYear: 2026, date: '2027-01-27' },
    ]);
    expect(upcomingLunarBirthdays({ month: 8, day: 15 }, '2025-10-06', 1)).toEqual([{ lunarYear: 2025, date: '2025-10-06' }]);
  });

  it('recognises the day of a lunar birthday in either lunar year overlapping the solar year', () => {
    expect(isLunarBirthday({ month: 12, day: 11 }, '2025-01-10')).toBe(true);
    expect(isLunarBirthday({ month: 8, day: 15 }, '2025-10-06')).toBe(true);
    expect(isLunarBirthday({ month: 8, day: 15 }, '2025-10-07')).toBe(false);
  });

  it('always lands in the birth month (or its ordinary twin) on the birth day or the month end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        (year, month, day, leap) => {
          const got = lunarOf(lunarBirthdayIn({ month, day, leap }, year));
          const useLeap = leap && LunarYear.fromYear(year).getLeapMonth() === month;
          const length = LunarMonth.fromYm(year, useLeap ? -month : month).getDayCount();
          expect(got).toEqual({ year, month: useLeap ? -month : month, day: Math.min(day, length) });
        },
      ),
      { numRuns: 300 },
    );
  });
});
