import { describe, expect, it } from 'vitest';
import { type CommandContext, workerJob } from '../../lib/slack/feature-module';
import { jobHandlers } from '../../lib/slack/jobs';
import { workerJobKinds } from '../../lib/slack/worker-job-kinds';

const job = (kind: string) => ({ kind, userId: 'U1', receivedAt: '2025-03-10T02:00:00.000Z' });

describe('worker job kinds: one typed list between the Slack listeners and the worker', () => {
  it('has a handler for every kind and no handler beyond them', () => {
    expect(Object.keys(jobHandlers).sort()).toEqual([...workerJobKinds].sort());
  });

  it('refuses a job whose kind has no handler, naming the field', () => {
    expect(workerJob.safeParse(job('customers.find')).success).toBe(true);
    const refused = workerJob.safeParse(job('customers.erase_everything'));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['kind']);
  });

  it('does not compile a hand-off of an unknown kind', () => {
    const handOff = (c: CommandContext) => {
      // @ts-expect-error no handler has this kind: tsc fails here if handOff accepted any string
      return c.handOff('customers.erase_everything');
    };
    expect(typeof handOff).toBe('function');
  });
});
