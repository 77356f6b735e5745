import { Cron } from 'croner';
import { type ScheduledEvent, schedules } from '../schedules';
import { lambdaContext } from './api-gateway';
import { loadFunction } from './functions';

/**
 * The local twin of EventBridge Scheduler: the same schedules, the same
 * event ({ job, time }) delivered to functions/scheduled.ts.
 */
export async function runJob(event: ScheduledEvent): Promise<unknown> {
  const handler = await loadFunction('scheduled');
  if (!handler) throw new Error('functions/scheduled.ts is not there yet');
  return handler(event, lambdaContext('scheduled'));
}

/** EventBridge's six-field cron (with year and '?') as croner's five fields. */
export function toCronerPattern(c: (typeof schedules)[number]['cron']): string {
  const q = (v: string) => (v === '?' ? '*' : v);
  // EventBridge numbers weekdays 1–7 from Sunday; croner 0–6 from Sunday.
  const dow = q(c.dayOfWeek).replace(/\d/g, (d) => String((Number(d) + 6) % 7));
  return `${c.minute.replace('0/', '*/')} ${c.hour.replace('0/', '*/')} ${q(c.dayOfMonth)} ${q(c.month)} ${dow}`;
}

export function startScheduler(
  companyTimeZone: string,
  log: (line: string) => void,
  /** a job that threw, with its event (the local scheduled-failures queue) */
  onFailure?: (event: ScheduledEvent, error: unknown) => void,
): { stop(): void } {
  const jobs = schedules.map(
    (s) =>
      new Cron(toCronerPattern(s.cron), { timezone: s.timeZone === 'company' ? companyTimeZone : 'UTC', protect: true }, async () => {
        const event: ScheduledEvent = { job: s.name, time: new Date().toISOString() };
        try {
          await runJob(event);
        } catch (error) {
          log(`[scheduler] ${s.name} failed: ${(error as Error).message}`);
          onFailure?.(event, error);
        }
      }),
  );
  return { stop: () => jobs.forEach((j) => j.stop()) };
}
