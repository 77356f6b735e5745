import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { localDay } from '../../lib/domain/calendar';

/**
 * localDay reads the zone's wall clock instead of going through date-fns' `format` (which kept
 * the pattern engine in the survey bundle): it must give the day `format` gives, everywhere.
 */
const zones = [
  'Asia/Shanghai',
  'UTC',
  'America/New_York',
  'Europe/London',
  'Pacific/Kiritimati', // UTC+14
  'Pacific/Pago_Pago', // UTC−11
  'Australia/Lord_Howe', // half-hour DST
  'Asia/Kathmandu', // +05:45
];
const reference = (instant: Date, zone: string) => format(instant, 'yyyy-MM-dd', { in: tz(zone) });

describe('localDay', () => {
  it('is the day date-fns formats, around midnights and DST changes', () => {
    const edges = ['2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-11-01T05:59:59Z', '2026-11-01T06:00:00Z', '2026-03-29T00:30:00Z'];
    const midnights = ['2026-12-31T15:59:59.999Z', '2026-12-31T16:00:00Z', '2024-02-28T16:00:00Z', '2000-01-01T00:00:00Z'];
    for (const iso of [...edges, ...midnights])
      for (const zone of zones) expect(localDay(new Date(iso), zone), `${iso} ${zone}`).toBe(reference(new Date(iso), zone));
  });

  it('is the day date-fns formats for 20,000 instants spread over 60 years', () => {
    let seed = 20261206;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const start = Date.UTC(1990, 0, 1);
    const span = 60 * 365 * 86_400_000;
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const instant = new Date(start + Math.floor(next() * span));
      const zone = zones[i % zones.length]!;
      if (localDay(instant, zone) !== reference(instant, zone)) wrong.push(`${instant.toISOString()} ${zone}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an invalid instant or an unknown time zone as format does', () => {
    expect(() => localDay(new Date(Number.NaN), 'UTC')).toThrow(RangeError);
    expect(() => reference(new Date(), 'Mars/Base')).toThrow(RangeError);
    expect(() => localDay(new Date(), 'Mars/Base')).toThrow(RangeError);
  });
});
