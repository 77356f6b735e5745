import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessCalendar,
  businessTimeBetween,
  durationMinutes,
  isWithinWorkingTime,
  pointInWindow,
} from '../../lib/domain/sla';

const MINUTE = 60_000;
const officeHours = (timeZone: string, extra: Partial<BusinessCalendar> = {}): BusinessCalendar => ({
  enabled: true,
  timeZone,
  start: '09:00',
  end: '18:00',
  weekdays: [1, 2, 3, 4, 5],
  holidays: [],
  workingDays: [],
  ...extra,
});

// ── examples ────────────────────────────────────────────────────────────────

describe('business-hours deadlines', () => {
  it('carries a deadline over the weekend: Friday 17:30 + 1 h is Monday 09:30 (Shanghai)', () => {
    const due = addBusinessMinutes(new Date('2025-06-13T17:30:00+08:00'), 60, officeHours('Asia/Shanghai'));
    expect(due.toISOString()).toBe(new Date('2025-06-16T09:30:00+08:00').toISOString());
  });

  it('starts the clock at opening time when a complaint arrives at night', () => {
    const due = addBusinessMinutes(new Date('2025-06-17T22:10:00+08:00'), 240, officeHours('Asia/Shanghai'));
    expect(due.toISOString()).toBe(new Date('2025-06-18T13:00:00+08:00').toISOString());
  });

  it('skips holidays and counts make-up working days (National Day 2025, 调休 Sunday 28 September)', () => {
    const cal = officeHours('Asia/Shanghai', {
      holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
      workingDays: ['2025-09-28', '2025-10-11'],
    });
    // Saturday 27 September: the clock waits for the make-up Sunday.
    expect(addBusinessMinutes(new Date('2025-09-27T10:00:00+08:00'), 60, cal).toISOString()).toBe(
      new Date('2025-09-28T10:00:00+08:00').toISOString(),
    );
    // Tuesday 30 September 17:00 + 2 h: the holiday week passes, Thursday 9 October 10:00.
    expect(addBusinessMinutes(new Date('2025-09-30T17:00:00+08:00'), 120, cal).toISOString()).toBe(
      new Date('2025-10-09T10:00:00+08:00').toISOString(),
    );
  });

  it('keeps working hours in local time across the US switch to daylight time', () => {
    // Friday 7 March 2025 17:00 EST + 2 h → Monday 10 March 10:00 EDT (14:00 UTC).
    const due = addBusinessMinutes(new Date('2025-03-07T17:00:00-05:00'), 120, officeHours('America/New_York'));
    expect(due.toISOString()).toBe('2025-03-10T14:00:00.000Z');
  });

  it('keeps working hours in local time across the European switch back to standard time', () => {
    // Friday 24 October 2025 17:30 CEST + 1 h → Monday 27 October 09:30 CET (08:30 UTC).
    const due = addBusinessMinutes(new Date('2025-10-24T17:30:00+02:00'), 60, officeHours('Europe/Berlin'));
    expect(due.toISOString()).toBe('2025-10-27T08:30:00.000Z');
  });

  it('runs around the clock when business hours are off', () => {
    const cal = { ...officeHours('Asia/Shanghai'), enabled: false };
    const start = new Date('2025-06-14T23:00:00Z');
    expect(addBusinessMinutes(start, 90, cal).getTime()).toBe(start.getTime() + 90 * MINUTE);
  });

  it('reads "3d" as three working days with business hours on, three calendar days without', () => {
    expect(durationMinutes('3d', officeHours('Asia/Shanghai'))).toBe(3 * 9 * 60);
    expect(durationMinutes('3d', { enabled: false, start: '09:00', end: '18:00' })).toBe(3 * 24 * 60);
    expect(durationMinutes('4h', officeHours('Asia/Shanghai'))).toBe(240);
    expect(durationMinutes('45m', officeHours('Asia/Shanghai'))).toBe(45);
  });

  it('places the warning at 80 % and the managers at 150 % of a window in working time', () => {
    const cal = officeHours('Asia/Shanghai');
    const start = new Date('2025-06-16T09:00:00+08:00');
    const due = addBusinessMinutes(start, 600, cal); // 10 working hours: Tuesday 10:00
    expect(pointInWindow(start, due, 0.8, cal).toISOString()).toBe(new Date('2025-06-16T17:00:00+08:00').toISOString());
    expect(pointInWindow(start, due, 1.5, cal).toISOString()).toBe(new Date('2025-06-17T15:00:00+08:00').toISOString());
  });
});

// ── properties ──────────────────────────────────────────────────────────────

const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/Berlin'] as const;
const dayIn2025or26 = fc.integer({ min: 0, max: 729 }).map((n) => new Date(Date.UTC(2025, 0, 1 + n)).toISOString().slice(0, 10));
const hh = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

const calendar: fc.Arbitrary<BusinessCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...zones),
    startHour: fc.integer({ min: 0, max: 12 }),
    startMinute: fc.constantFrom(0, 15, 30, 45),
    hours: fc.integer({ min: 1, max: 11 }),
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    holidays: fc.array(dayIn2025or26, { maxLength: 30 }),
    workingDays: fc.array(dayIn2025or26, { maxLength: 5 }),
  })
  .map((r) => ({
    enabled: true,
    timeZone: r.timeZone,
    start: hh(r.startHour, r.startMinute),
    end: hh(r.startHour + r.hours, r.startMinute),
    weekdays: r.weekdays,
    holidays: r.holidays,
    workingDays: r.workingDays,
  }));

// 2025–2026 covers both DST switches of New York and Berlin twice.
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 1) }).map((ms) => new Date(ms));
const minutes = fc.integer({ min: 0, max: 7 * 24 * 60 });

describe('business-hours deadline properties', () => {
  const runs = { numRuns: 300 };

  it('never puts a deadline before its start', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (cal, start, m) => addBusinessMinutes(start, m, cal).getTime() >= start.getTime()),
      runs,
    );
  });

  it('is monotonic in the minutes added', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, (cal, start, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return addBusinessMinutes(start, lo, cal).getTime() <= addBusinessMinutes(start, hi, cal).getTime();
      }),
      runs,
    );
  });

  it('is monotonic in the start', () => {
    fc.assert(
      fc.property(calendar, instant, instant, minutes, (cal, s1, s2, m) => {
        const [early, late] = s1 <= s2 ? [s1, s2] : [s2, s1];
        return addBusinessMinutes(early, m, cal).getTime() <= addBusinessMinutes(late, m, cal).getTime();
      }),
      runs,
    );
  });

  it('adds a + b the same as a, then b', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes,
        minutes,
        (cal, start, a, b) =>
          addBusinessMinutes(addBusinessMinutes(start, a, cal), b, cal).getTime() === addBusinessMinutes(start, a + b, cal).getTime(),
      ),
      runs,
    );
  });

  it('never lets a deadline fall outside working hours', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 7 * 24 * 60 }), (cal, start, m) =>
        isWithinWorkingTime(addBusinessMinutes(start, m, cal), cal),
      ),
      runs,
    );
  });

  it('measures back exactly the working time it added', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes,
        (cal, start, m) => businessTimeBetween(start, addBusinessMinutes(start, m, cal), cal) === m * MINUTE,
      ),
      runs,
    );
  });

  it('is plain addition when business hours are off, in any zone', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        minutes,
        (cal, start, m) => addBusinessMinutes(start, m, { ...cal, enabled: false }).getTime() === start.getTime() + m * MINUTE,
      ),
      runs,
    );
  });
});
