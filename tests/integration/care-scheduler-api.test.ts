import {
  ConflictException,
  CreateScheduleCommand,
  type CreateScheduleCommandInput,
  DeleteScheduleCommand,
  GetScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  UpdateScheduleCommand,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SchedulerEmulator, startSchedulerEmulator } from '../../lib/local/scheduler-api';

describe('local EventBridge Scheduler API, driven by the real SDK', () => {
  let emulator: SchedulerEmulator;
  let client: SchedulerClient;
  const fired: unknown[] = [];
  const input = (over: Partial<CreateScheduleCommandInput> = {}): CreateScheduleCommandInput => ({
    Name: 'careloop-test-1',
    GroupName: 'careloop-reminders',
    ScheduleExpression: 'at(2025-03-12T14:30:00)',
    ScheduleExpressionTimezone: 'Asia/Shanghai',
    FlexibleTimeWindow: { Mode: 'OFF' },
    ActionAfterCompletion: 'DELETE',
    Target: {
      Arn: 'arn:aws:lambda:us-east-1:000000000000:function:f',
      RoleArn: 'arn:aws:iam::000000000000:role/r',
      Input: '{"job":"reminder","time":"<aws.scheduler.scheduled-time>"}',
    },
    ...over,
  });

  beforeAll(async () => {
    emulator = await startSchedulerEmulator({
      tickMs: 0,
      fire: (i) => {
        fired.push(i);
      },
    });
    client = new SchedulerClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.stop();
  });

  it('creates, reads back and refuses a second create of the same name', async () => {
    const created = await client.send(new CreateScheduleCommand(input()));
    expect(created.ScheduleArn).toBe('arn:aws:scheduler:us-east-1:000000000000:schedule/careloop-reminders/careloop-test-1');
    const got = await client.send(new GetScheduleCommand({ Name: 'careloop-test-1', GroupName: 'careloop-reminders' }));
    expect(got).toMatchObject({
      ScheduleExpression: 'at(2025-03-12T14:30:00)',
      ActionAfterCompletion: 'DELETE',
      Target: { Arn: input().Target!.Arn },
    });
    expect(got.CreationDate).toBeInstanceOf(Date);
    await expect(client.send(new CreateScheduleCommand(input()))).rejects.toBeInstanceOf(ConflictException);
  });

  it('updates an existing schedule and refuses to update a missing one', async () => {
    await client.send(new UpdateScheduleCommand(input({ ScheduleExpression: 'at(2025-03-13T09:00:00)' })));
    expect(emulator.schedules()[0]!.ScheduleExpression).toBe('at(2025-03-13T09:00:00)');
    await expect(client.send(new UpdateScheduleCommand(input({ Name: 'nope' })))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('validates what AWS validates', async () => {
    await expect(client.send(new CreateScheduleCommand(input({ Name: 'bad name!' })))).rejects.toBeInstanceOf(ValidationException);
    await expect(client.send(new CreateScheduleCommand(input({ Name: 'x2', ScheduleExpression: 'tomorrow' })))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });

  it('fires an at() schedule at its time in its zone, with the scheduled time substituted, then deletes it', async () => {
    expect(await emulator.fireDue(new Date('2025-03-13T00:59:59Z'))).toBe(0);
    expect(await emulator.fireDue(new Date('2025-03-13T01:00:00Z'))).toBe(1);
    expect(fired).toEqual([{ job: 'reminder', time: '2025-03-13T01:00:00Z' }]);
    expect(emulator.schedules()).toEqual([]);
  });

  it('deletes, and says ResourceNotFound for what is not there', async () => {
    await client.send(new CreateScheduleCommand(input({ Name: 'to-delete' })));
    await client.send(new DeleteScheduleCommand({ Name: 'to-delete', GroupName: 'careloop-reminders' }));
    await expect(client.send(new DeleteScheduleCommand({ Name: 'to-delete', GroupName: 'careloop-reminders' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});
