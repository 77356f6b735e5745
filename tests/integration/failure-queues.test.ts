import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateScheduleCommand, DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadLetterStore } from '../../lib/local/dead-letters';
import { type DeadLetterEvent, type SchedulerEmulator, startSchedulerEmulator } from '../../lib/local/scheduler-api';
import { setAppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { createReminder, reminderRetryPolicy } from '../../lib/services/reminders';
import { testTable } from '../support/app';

/**
 * Failures that cannot vanish, locally: one-off reminders carry a retry policy and
 * a dead-letter queue (the real SDK against the scheduler emulator, which spends the
 * policy and then dead-letters as AWS does), and parked events are redriven.
 */
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:careloop-reminder-dead-letters';
const TARGET = 'arn:aws:lambda:us-east-1:000000000000:function:careloop-scheduled';
const ROLE = 'arn:aws:iam::000000000000:role/careloop-scheduler';

describe('one-off reminders: retry policy, then dead-letter queue', () => {
  let emulator: SchedulerEmulator;
  let client: SchedulerClient;
  let failing = true;
  const deadLetters: DeadLetterEvent[] = [];
  const attempts: unknown[] = [];

  beforeAll(async () => {
    emulator = await startSchedulerEmulator({
      tickMs: 0,
      fire: (input) => {
        attempts.push(input);
        if (failing) throw Object.assign(new Error('target unavailable'), { name: 'ResourceNotFoundException' });
      },
      deadLetter: (event) => void deadLetters.push(event),
    });
    client = new SchedulerClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.stop();
  });

  const create = (name: string, target: Record<string, unknown>) =>
    client.send(
      new CreateScheduleCommand({
        Name: name,
        ScheduleExpression: 'at(2025-03-12T14:30:00)',
        ScheduleExpressionTimezone: 'Asia/Shanghai',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: { Arn: TARGET, RoleArn: ROLE, Input: '{"job":"reminder","time":"<aws.scheduler.scheduled-time>"}', ...target },
      }),
    );

  it('the reminder service sets the retry policy and the dead-letter queue on every schedule it creates', async () => {
    const { ctx } = await testTable({
      SCHEDULER_ENDPOINT: emulator.endpoint,
      REMINDER_TARGET_ARN: TARGET,
      REMINDER_ROLE_ARN: ROLE,
      REMINDER_DEAD_LETTER_ARN: DLQ,
    });
    setAppContext(ctx);
    try {
      const now = new Date('2025-03-10T02:00:00Z');
      const customer = await createCustomer(ctx, { id: 'U1', kind: 'staff', role: 'agent' }, { name: '李四', ownerId: 'U1' }, now);
      const task = await createReminder(
        ctx,
        { id: 'U1', kind: 'staff', role: 'agent' },
        { customerId: customer.id, at: '2025-03-12 14:30', text: '回访' },
        now,
      );
      const schedule = emulator.schedules().find((s) => JSON.parse(s.Target.Input!).detail?.taskId === task.id)!;
      expect(schedule.Target).toMatchObject({ RetryPolicy: reminderRetryPolicy, DeadLetterConfig: { Arn: DLQ } });
      await client.send(new DeleteScheduleCommand({ Name: schedule.Name, GroupName: schedule.GroupName }));
    } finally {
      setAppContext(undefined);
    }
  });

  it('refuses a retry policy or dead-letter ARN the real API refuses', async () => {
    await expect(create('bad-retries', { RetryPolicy: { MaximumRetryAttempts: 186 } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/MaximumRetryAttempts/),
    });
    await expect(create('bad-age', { RetryPolicy: { MaximumEventAgeInSeconds: 59 } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/MaximumEventAgeInSeconds/),
    });
    await expect(create('bad-dlq', { DeadLetterConfig: { Arn: 'arn:aws:sns:us-east-1:000000000000:topic' } })).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/SQS/),
    });
  });

  it('tries the target 1 + MaximumRetryAttempts times, then puts the event in the dead-letter queue with the reason', async () => {
    attempts.length = 0;
    deadLetters.length = 0;
    await create('retried', { RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: DLQ } });
    const due = new Date('2025-03-12T06:30:00Z');
    const mine = () => emulator.schedules().filter((s) => s.Name === 'retried');
    await emulator.fireDue(due);
    await emulator.fireDue(due);
    expect(deadLetters).toHaveLength(0);
    expect(mine()).toHaveLength(1);
    await emulator.fireDue(due);
    expect(attempts.filter((a) => (a as { time: string }).time === '2025-03-12T06:30:00Z').length).toBeGreaterThanOrEqual(3);
    expect(deadLetters).toEqual([
      {
        queueArn: DLQ,
        body: { job: 'reminder', time: '2025-03-12T06:30:00Z' },
        attributes: expect.objectContaining({
          ERROR_CODE: 'ResourceNotFoundException',
          ERROR_MESSAGE: 'target unavailable',
          RETRY_ATTEMPTS: '2',
          TARGET_ARN: TARGET,
        }),
      },
    ]);
    expect(mine()).toHaveLength(0);
  });

  it('gives up once the event is older than MaximumEventAgeInSeconds, and without a queue the event is dropped', async () => {
    deadLetters.length = 0;
    await create('aged', { RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 60 } });
    await emulator.fireDue(new Date('2025-03-12T06:30:00Z'));
    expect(emulator.schedules().some((s) => s.Name === 'aged')).toBe(true);
    await emulator.fireDue(new Date('2025-03-12T06:31:00Z'));
    expect(emulator.schedules().some((s) => s.Name === 'aged')).toBe(false);
    expect(deadLetters).toEqual([]);
  });

  it('a target that recovers before the policy is spent runs once and dead-letters nothing', async () => {
    deadLetters.length = 0;
    await create('recovers', { RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: DLQ } });
    const due = new Date('2025-03-12T06:30:00Z');
    expect(await emulator.fireDue(due)).toBe(0);
    failing = false;
    expect(await emulator.fireDue(due)).toBe(1);
    expect(deadLetters).toEqual([]);
    failing = true;
  });
});

describe('local failure queues', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careloop-dlq-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a redrive removes what succeeds, keeps what fails again with the new error, and keeps what arrived meanwhile', async () => {
    const store = deadLetterStore(dir);
    store.add('slack-worker-failures', { kind: 'ok' }, new Error('first'));
    store.add('slack-worker-failures', { kind: 'bad' }, new TypeError('second'));
    expect(store.list('slack-worker-failures').map((m) => m.error)).toEqual(['Error: first', 'TypeError: second']);
    const result = await store.redrive('slack-worker-failures', async (event) => {
      if ((event as { kind: string }).kind === 'bad') throw new Error('still broken');
      store.add('slack-worker-failures', { kind: 'arrived-meanwhile' }, 'late');
    });
    expect(result.redriven).toBe(1);
    expect(store.list('slack-worker-failures')).toEqual([
      expect.objectContaining({ event: { kind: 'bad' }, error: 'Error: still broken', redriveFailures: 1 }),
      expect.objectContaining({ event: { kind: 'arrived-meanwhile' }, redriveFailures: 0 }),
    ]);
    expect(store.list('scheduled-failures')).toEqual([]);
  });
});
