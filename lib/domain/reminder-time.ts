import { atHour, isDay, localDay, plusDays } from './calendar';

/**
 * When a reminder should fire, from what staff type after `/crm remind`:
 * - an ISO time with offset: `2025-03-01T10:00:00+08:00`
 * - a date, optionally with a time, in the company's zone: `2025-03-01`, `2025-03-01 14:30`
 * - a time today (tomorrow if it has passed): `14:30`
 * - in minutes or hours, exactly: `30m`, `2h`, `2小时后`
 * - in days or weeks, on that day at the daily hour: `3d`, `1w`, `3天后`, `tomorrow`, `明天`, `后天`
 * Undefined when the text is none of these.
 */
export function parseReminderTime(when: string, now: Date, timeZone: string, dailyHour: number): Date | undefined {
  const text = when
    .trim()
    .toLowerCase()
    .replace(/^(in|\+)\s*/, '');
  const today = localDay(now, timeZone);
  const onDay = (day: string, hour = dailyHour, minute = 0) => new Date(atHour(day, hour, timeZone).getTime() + minute * 60_000);

  if (/^\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(:\d{2})?(\.\d+)?(z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const t = new Date(when.trim());
    return Number.isNaN(t.getTime()) ? undefined : t;
  }
  const dated = /^(\d{4}-\d{2}-\d{2})(?:[ t](\d{1,2}):(\d{2}))?$/.exec(text);
  if (dated) {
    if (!isDay(dated[1]!)) return undefined;
    if (dated[2] === undefined) return onDay(dated[1]!);
    const [h, m] = [Number(dated[2]), Number(dated[3])];
    return h < 24 && m < 60 ? onDay(dated[1]!, h, m) : undefined;
  }
  const clock = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (clock) {
    const [h, m] = [Number(clock[1]), Number(clock[2])];
    if (h > 23 || m > 59) return undefined;
    const t = onDay(today, h, m);
    return t > now ? t : onDay(plusDays(today, 1), h, m);
  }
  const named: Record<string, number> = { tomorrow: 1, 明天: 1, 后天: 2, 大后天: 3 };
  if (text in named) return onDay(plusDays(today, named[text]!));
  const relative = /^(\d{1,3})\s*(m|min|mins|minutes?|分钟后?|h|hrs?|hours?|小时后?|d|days?|天后?|w|weeks?|周后?|星期后?)$/.exec(text);
  if (!relative) return undefined;
  const n = Number(relative[1]);
  const unit = relative[2]!;
  if (n === 0) return undefined;
  if (/^(m|min|分)/.test(unit)) return new Date(now.getTime() + n * 60_000);
  if (/^(h|小)/.test(unit)) return new Date(now.getTime() + n * 3_600_000);
  if (/^(d|天)/.test(unit)) return onDay(plusDays(today, n));
  return onDay(plusDays(today, n * 7));
}
