import { describe, expect, it } from 'vitest';
import {
  duePeriod,
  isSendDay,
  monthPeriod,
  periodBefore,
  periodContaining,
  periodDays,
  periodToDate,
  previousPeriod,
  type Recipient,
} from '../../lib/domain/digest-period';

const rule = { sendHour: 9, weeklyIsoWeekday: 1 };
const weekly = (timeZone: string, subscribedAt = '2026-01-01T00:00:00Z'): Recipient => ({ subscription: 'weekly', timeZone, subscribedAt });

describe('digest periods', () => {
  it('a week runs Monday to Sunday and is named by its ISO week', () => {
    expect(periodContaining('weekly', '2026-11-25')).toEqual({ kind: 'weekly', start: '2026-11-23', end: '2026-11-29', key: '2026-W48' });
    expect(periodContaining('weekly', '2026-11-29').key).toBe('2026-W48');
  });

  it('a week across New Year belongs to the ISO week year of its Thursday', () => {
    expect(periodContaining('weekly', '2027-01-01')).toEqual({ kind: 'weekly', start: '2026-12-28', end: '2027-01-03', key: '2026-W53' });
  });

  it('a month ends on its last day, leap years included', () => {
    expect(periodContaining('monthly', '2028-02-10')).toMatchObject({ start: '2028-02-01', end: '2028-02-29', key: '2028-02' });
    expect(monthPeriod('2026-02')).toMatchObject({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodDays(monthPeriod('2026-02'))).toHaveLength(28);
  });

  it('the previous period is the one just before, whatever its length', () => {
    expect(previousPeriod(monthPeriod('2026-03'))).toMatchObject({ start: '2026-02-01', end: '2026-02-28', key: '2026-02' });
    expect(previousPeriod(periodContaining('daily', '2026-03-01'))).toMatchObject({ start: '2026-02-28', key: '2026-02-28' });
    expect(previousPeriod(periodContaining('weekly', '2026-01-01'))).toMatchObject({
      start: '2025-12-22',
      end: '2025-12-28',
      key: '2025-W52',
    });
  });

  it('a digest sent on a day reports the last complete period before it', () => {
    expect(periodBefore('weekly', '2026-11-30')).toMatchObject({ start: '2026-11-23', end: '2026-11-29' });
    expect(periodBefore('monthly', '2026-12-01').key).toBe('2026-11');
    expect(periodBefore('daily', '2026-12-01').key).toBe('2026-11-30');
  });

  it('goes out every day, on Mondays or on the 1st', () => {
    expect(isSendDay('daily', '2026-11-25', 1)).toBe(true);
    expect(isSendDay('weekly', '2026-11-30', 1)).toBe(true);
    expect(isSendDay('weekly', '2026-12-01', 1)).toBe(false);
    expect(isSendDay('monthly', '2026-12-01', 1)).toBe(true);
    expect(isSendDay('monthly', '2026-12-02', 1)).toBe(false);
  });

  it('a preview compares the period so far with the same days of the previous one', () => {
    const w = periodToDate('weekly', '2026-11-25');
    expect(w.upTo).toEqual({ start: '2026-11-23', end: '2026-11-25' });
    expect(w.comparison).toEqual({ start: '2026-11-16', end: '2026-11-18' });
    // March 31st compares with the whole of February, not with days that do not exist.
    expect(periodToDate('monthly', '2026-03-31').comparison).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodToDate('monthly', '2026-03-15').comparison).toEqual({ start: '2026-02-01', end: '2026-02-15' });
  });
});

describe('when a digest is due, in each manager’s time zone', () => {
  it('Monday 09:00 in Shanghai is 01:00 UTC; New York is still on Sunday evening', () => {
    const at = new Date('2026-11-30T01:00:00Z');
    expect(duePeriod(weekly('Asia/Shanghai'), at, rule)?.key).toBe('2026-W48');
    expect(duePeriod(weekly('America/New_York'), at, rule)).toBeUndefined();
    expect(duePeriod(weekly('America/New_York'), new Date('2026-11-30T14:00:00Z'), rule)?.key).toBe('2026-W48');
  });

  it('not before the send hour', () => {
    expect(duePeriod(weekly('Asia/Shanghai'), new Date('2026-11-30T00:00:00Z'), rule)).toBeUndefined();
    expect(duePeriod(weekly('Europe/Berlin'), new Date('2026-11-30T07:00:00Z'), rule)).toBeUndefined();
    expect(duePeriod(weekly('Europe/Berlin'), new Date('2026-11-30T08:00:00Z'), rule)?.key).toBe('2026-W48');
  });

  it('later hours of the send day still find it due (a failed send is retried), the next day does not', () => {
    expect(duePeriod(weekly('Asia/Shanghai'), new Date('2026-11-30T07:00:00Z'), rule)?.key).toBe('2026-W48');
    expect(duePeriod(weekly('Asia/Shanghai'), new Date('2026-11-30T16:00:00Z'), rule)).toBeUndefined();
  });

  it('follows daylight saving: 09:00 in New York is 13:00 UTC the day after clocks go forward', () => {
    expect(duePeriod(weekly('America/New_York'), new Date('2026-03-09T12:00:00Z'), rule)).toBeUndefined();
    expect(duePeriod(weekly('America/New_York'), new Date('2026-03-09T13:00:00Z'), rule)?.key).toBe('2026-W10');
  });

  it('a half-hour zone gets it at the first hourly run after 09:00', () => {
    expect(duePeriod(weekly('Asia/Kolkata'), new Date('2026-11-30T03:00:00Z'), rule)).toBeUndefined();
    expect(duePeriod(weekly('Asia/Kolkata'), new Date('2026-11-30T04:00:00Z'), rule)?.key).toBe('2026-W48');
  });

  it('a manager who subscribes mid-week gets the next whole week, not the one under way', () => {
    const midWeek = weekly('Asia/Shanghai', '2026-11-25T03:00:00Z');
    expect(duePeriod(midWeek, new Date('2026-11-30T01:00:00Z'), rule)).toBeUndefined();
    expect(duePeriod(midWeek, new Date('2026-12-07T01:00:00Z'), rule)?.key).toBe('2026-W49');
    const onMonday = weekly('Asia/Shanghai', '2026-11-23T05:00:00Z');
    expect(duePeriod(onMonday, new Date('2026-11-30T01:00:00Z'), rule)?.key).toBe('2026-W48');
  });

  it('daily digests report yesterday, monthly ones last month, and "off" nothing', () => {
    const r = { timeZone: 'Asia/Shanghai', subscribedAt: '2026-01-01T00:00:00Z' };
    const at = new Date('2026-12-01T01:00:00Z');
    expect(duePeriod({ ...r, subscription: 'daily' }, at, rule)?.key).toBe('2026-11-30');
    expect(duePeriod({ ...r, subscription: 'monthly' }, at, rule)?.key).toBe('2026-11');
    expect(duePeriod({ ...r, subscription: 'off' }, at, rule)).toBeUndefined();
  });
});
