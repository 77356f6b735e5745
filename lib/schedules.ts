/**
 * Recurring jobs, declared once: CDK creates an EventBridge Scheduler schedule
 * per entry (cron in the given time zone, target functions/scheduled.ts with
 * input {"job": name, "time": <aws.scheduler.scheduled-time>}); the local
 * scheduler emulator fires the same jobs with the same event.
 * Cron fields follow EventBridge: minute hour day-of-month month day-of-week year.
 */
export interface ScheduleDef {
  name: string;
  description: string;
  cron: { minute: string; hour: string; dayOfMonth: string; month: string; dayOfWeek: string; year: string };
  /** 'company' = the COMPANY_TIMEZONE setting; otherwise an IANA zone */
  timeZone: 'company' | 'UTC';
}

const cron = (minute: string, hour: string, dayOfMonth = '*', month = '*', dayOfWeek = '?', year = '*') => ({
  minute,
  hour,
  dayOfMonth,
  month,
  dayOfWeek,
  year,
});

export const schedules = [
  { name: 'sla-sweep', description: 'Warn before and escalate on complaint SLA breaches', cron: cron('0/5', '*'), timeZone: 'UTC' },
  { name: 'care-daily', description: "Create the day's care tasks and DM each owner", cron: cron('0', '8'), timeZone: 'company' },
  {
    name: 'survey-campaigns',
    description: 'Start due survey campaigns and remind non-responders',
    cron: cron('0', '10'),
    timeZone: 'company',
  },
  // Hourly so each manager gets the digest at 09:00 in their own time zone.
  { name: 'digest', description: 'Send manager digests that are due', cron: cron('0', '*'), timeZone: 'UTC' },
  {
    name: 'import-sweep',
    description: 'Resume customer imports whose worker stopped (lease ran out)',
    cron: cron('0/5', '*'),
    timeZone: 'UTC',
  },
] as const satisfies readonly ScheduleDef[];

/** The name of a recurring schedule; lib/scheduled/all.ts has a job for each. */
export type ScheduleName = (typeof schedules)[number]['name'];

/** EventBridge Scheduler expression, e.g. cron(0 8 * * ? *). */
export function scheduleExpression(s: ScheduleDef): string {
  const c = s.cron;
  return `cron(${c.minute} ${c.hour} ${c.dayOfMonth} ${c.month} ${c.dayOfWeek} ${c.year})`;
}

/** The payload both runtimes deliver to functions/scheduled.ts. */
export interface ScheduledEvent {
  job: string;
  time: string;
  /** for one-off reminders: what to do */
  detail?: Record<string, unknown>;
}
