import { describe, expect, it } from 'vitest';
import { scheduledJobs } from '../../lib/scheduled/all';
import { careScheduledJobs } from '../../lib/scheduled/care';
import type { Job, ScheduledJobName, ScheduledJobs } from '../../lib/scheduled/index';
import { schedules } from '../../lib/schedules';

describe('scheduled jobs: one map typed by the names in lib/schedules.ts', () => {
  it('has a job for every schedule, and for one-off reminders, and nothing else', () => {
    expect(Object.keys(scheduledJobs).sort()).toEqual([...schedules.map((s) => s.name), 'reminder'].sort());
  });

  it('does not compile a map missing a schedule, nor a job no schedule names', () => {
    // @ts-expect-error the map lacks sla-sweep, digest, survey-campaigns and import-sweep
    const incomplete: Record<ScheduledJobName, Job> = { ...careScheduledJobs };
    // @ts-expect-error no schedule is named nightly-cleanup
    const unknown = { 'nightly-cleanup': async () => undefined } satisfies ScheduledJobs;
    expect([incomplete, unknown].length).toBe(2);
  });
});
