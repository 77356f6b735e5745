import { describe, expect, it } from 'vitest';
import { parseReminderTime } from '../../lib/domain/reminder-time';

const TZ = 'Asia/Shanghai';
// 2025-03-10 10:00 in Shanghai.
const now = new Date('2025-03-10T02:00:00Z');
const at = (when: string) => parseReminderTime(when, now, TZ, 8)?.toISOString();

describe('reminder times staff can type', () => {
  it('takes an ISO time with its offset as is', () => {
    expect(at('2025-03-12T15:30:00+08:00')).toBe('2025-03-12T07:30:00.000Z');
  });

  it('reads a date as the daily hour of that day, and a date with a time in the company zone', () => {
    expect(at('2025-03-12')).toBe('2025-03-12T00:00:00.000Z');
    expect(at('2025-03-12 14:30')).toBe('2025-03-12T06:30:00.000Z');
  });

  it('reads a bare time as today, or tomorrow once it has passed', () => {
    expect(at('15:00')).toBe('2025-03-10T07:00:00.000Z');
    expect(at('09:00')).toBe('2025-03-11T01:00:00.000Z');
  });

  it('counts minutes and hours exactly, days and weeks to the daily hour', () => {
    expect(at('30m')).toBe('2025-03-10T02:30:00.000Z');
    expect(at('2h')).toBe('2025-03-10T04:00:00.000Z');
    expect(at('2小时后')).toBe('2025-03-10T04:00:00.000Z');
    expect(at('3d')).toBe('2025-03-13T00:00:00.000Z');
    expect(at('3天后')).toBe('2025-03-13T00:00:00.000Z');
    expect(at('1w')).toBe('2025-03-17T00:00:00.000Z');
    expect(at('tomorrow')).toBe('2025-03-11T00:00:00.000Z');
    expect(at('明天')).toBe('2025-03-11T00:00:00.000Z');
    expect(at('后天')).toBe('2025-03-12T00:00:00.000Z');
  });

  it('refuses what it cannot read', () => {
    for (const when of ['someday', '2025-02-30', '25:00', '0d', '3 months']) expect(at(when)).toBeUndefined();
  });
});
