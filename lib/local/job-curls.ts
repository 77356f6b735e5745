import type { Config } from '../config';
import { atHour, localDay, plusDays, yearOf } from '../domain/calendar';

/**
 * The exact command that makes each scheduled job produce output now on the
 * demo data. care-daily and sla-sweep have work at any moment; digest and
 * survey-campaigns act only at their send time or start day, so their command
 * runs them for that moment (the next one), which the local jobs endpoint accepts.
 */
export function jobCurls(
  base: string,
  config: Pick<Config, 'company' | 'digest' | 'surveys'>,
  now: Date,
): Array<{ job: string; what: string; curl: string }> {
  const tz = config.company.timeZone;
  const today = localDay(now, tz);
  const sendToday = atHour(today, config.digest.sendHour, tz);
  const digestAt = sendToday.getTime() >= now.getTime() ? sendToday : atHour(plusDays(today, 1), config.digest.sendHour, tz);
  const year = yearOf(today);
  const starts = [year, year + 1]
    .flatMap((y) => config.surveys.campaigns.dates.map((md) => `${y}-${md}`))
    .filter((d) => d >= today)
    .sort();
  const at = (job: string, time?: Date) =>
    `curl -X POST ${base}/_local/jobs/${job}${time ? ` -H 'content-type: application/json' -d '{"time":"${time.toISOString()}"}'` : ''}`;
  return [
    {
      job: 'care-daily',
      what: "today's care tasks (birthdays, return visits, a dormant A customer, a key account) as DMs",
      curl: at('care-daily'),
    },
    { job: 'sla-sweep', what: 'escalates the overdue critical complaint', curl: at('sla-sweep') },
    { job: 'digest', what: "the manager's daily digest at its next send time", curl: at('digest', digestAt) },
    ...(starts[0]
      ? [{ job: 'survey-campaigns', what: 'the next NPS campaign start', curl: at('survey-campaigns', atHour(starts[0], 10, tz)) }]
      : []),
  ];
}
