import { describe, expect, it } from 'vitest';
import { atHour, daysBetween, isDay, localDay, plusDays, plusMonths, quarterEndOf, wallClock } from '../../lib/domain/calendar';
import { festivalsOfYear, festivalsOn, solarBirthdayIn } from '../../lib/domain/festivals';

const dateOf = (year: number, id: string) => festivalsOfYear(year).find((f) => f.id === id)?.date;

describe('festival calendar', () => {
  it.each([
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
  ])('Spring Festival %i falls on %s', (year, date) => {
    expect(dateOf(year, 'spring-festival')).toBe(date);
  });

  it.each([
    [2023, '2023-09-29'],
    [2024, '2024-09-17'],
    [2025, '2025-10-06'],
    [2026, '2026-09-25'],
  ])('Mid-Autumn %i falls on %s', (year, date) => {
    expect(dateOf(year, 'mid-autumn')).toBe(date);
  });

  it.each([
    [2023, '2023-06-22'],
    [2024, '2024-06-10'],
    [2025, '2025-05-31'],
    [2026, '2026-06-19'],
  ])('Dragon Boat %i falls on %s', (year, date) => {
    expect(dateOf(year, 'dragon-boat')).toBe(date);
  });

  it('finds Lantern, Qixi and Double Ninth from the lunar calendar', () => {
    expect([dateOf(2025, 'lantern'), dateOf(2025, 'qixi'), dateOf(2025, 'double-ninth')]).toEqual([
      '2025-02-12',
      '2025-08-29',
      '2025-10-29',
    ]);
    expect([dateOf(2024, 'lantern'), dateOf(2024, 'qixi'), dateOf(2024, 'double-ninth')]).toEqual([
      '2024-02-24',
      '2024-08-10',
      '2024-10-11',
    ]);
  });

  it.each([
    [2024, '2024-05-12'],
    [2025, '2025-05-11'],
    [2026, '2026-05-10'],
    [2027, '2027-05-09'],
  ])("Mother's Day %i is the second Sunday of May: %s", (year, date) => expect(dateOf(year, 'mothers-day')).toBe(date));

  it('keeps the fixed festivals on their dates', () => {
    expect([dateOf(2026, 'new-year'), dateOf(2026, 'womens-day'), dateOf(2026, 'national-day'), dateOf(2026, 'christmas')]).toEqual([
      '2026-01-01',
      '2026-03-08',
      '2026-10-01',
      '2026-12-25',
    ]);
  });

  it('lists a year in date order and only the active festivals', () => {
    const all = festivalsOfYear(2025);
    expect(all.map((f) => f.date)).toEqual([...all.map((f) => f.date)].sort());
    expect(festivalsOfYear(2025, ['christmas', 'spring-festival']).map((f) => f.id)).toEqual(['spring-festival', 'christmas']);
  });

  it('answers which festivals fall on a day', () => {
    expect(festivalsOn('2025-10-06').map((f) => f.id)).toEqual(['mid-autumn']);
    expect(festivalsOn('2025-10-06', ['national-day'])).toEqual([]);
    expect(festivalsOn('2025-10-07')).toEqual([]);
  });
});

describe('calendar days', () => {
  it('takes the day in the company time zone, not in UTC', () => {
    expect(localDay(new Date('2025-01-28T17:00:00Z'), 'Asia/Shanghai')).toBe('2025-01-29');
    expect(localDay(new Date('2025-01-28T17:00:00Z'), 'UTC')).toBe('2025-01-28');
  });

  it('adds days and months across month ends and leap days', () => {
    expect(plusDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(plusDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(plusMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(daysBetween('2025-02-01', '2025-03-01')).toBe(28);
    expect(quarterEndOf('2025-05-17')).toBe('2025-06-30');
  });

  it('turns a day and an hour into the instant in a zone, and back into wall-clock time', () => {
    const at = atHour('2025-01-29', 8, 'Asia/Shanghai');
    expect(at.toISOString()).toBe('2025-01-29T00:00:00.000Z');
    expect(wallClock(at, 'Asia/Shanghai')).toBe('2025-01-29T08:00:00');
  });

  it('keeps a Feb 29 birthday on Feb 28 in common years', () => {
    expect(solarBirthdayIn({ month: 2, day: 29 }, 2025)).toBe('2025-02-28');
    expect(solarBirthdayIn({ month: 2, day: 29 }, 2028)).toBe('2028-02-29');
  });

  it('recognises real calendar days only', () => {
    expect(isDay('2025-02-28')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-13-01')).toBe(false);
    expect(isDay('25-01-01')).toBe(false);
  });
});
