import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as scheduled } from '../../functions/scheduled';
import type { Customer } from '../../lib/domain/customer';
import { ValidationError } from '../../lib/domain/errors';
import type { Actor } from '../../lib/domain/staff';
import { type SchedulerEmulator, startSchedulerEmulator } from '../../lib/local/scheduler-api';
import { snoozeTask } from '../../lib/services/care';
import { runCareDaily } from '../../lib/services/care-daily';
import { type AppContext, setAppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { publish } from '../../lib/services/events';
import { cancelReminder, createReminder } from '../../lib/services/reminders';
import { testTable } from '../support/app';
import type { OutboxEntry } from '../support/notice-recorder';

const agent: Actor = { id: 'U1', kind: 'staff', role: 'agent' };
const now = new Date('2025-03-10T02:00:00Z'); // 10:00 in Shanghai
const reminderEnv = (endpoint: string) => ({
  SCHEDULER_ENDPOINT: endpoint,
  REMINDER_TARGET_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:careloop-scheduled',
  REMINDER_ROLE_ARN: 'arn:aws:iam::000000000000:role/careloop-scheduler',
});

describe('one-off reminders through EventBridge Scheduler (real SDK against the local emulator)', () => {
  let emulator: SchedulerEmulator;
  let ctx: AppContext;
  let outbox: { sent: OutboxEntry[] };
  let customer: Customer;
  const fired: unknown[] = [];
  const posts = () => outbox.sent.filter((m) => m.kind === 'post');

  beforeAll(async () => {
    emulator = await startSchedulerEmulator({
      tickMs: 0,
      fire: async (input) => {
        fired.push(input);
        return scheduled(input);
      },
    });
    ({ ctx, outbox } = await testTable(reminderEnv(emulator.endpoint)));
    setAppContext(ctx);
    customer = await createCustomer(ctx, agent, { name: '张三', ownerId: 'U1' }, new Date('2025-01-01T00:00:00Z'));
  });
  afterAll(async () => {
    setAppContext(undefined);
    await emulator.stop();
  });

  it('creates a one-time at() schedule in the company zone that deletes itself, targeting the reminder job', async () => {
    const task = await createReminder(ctx, agent, { customerId: customer.id, at: '2025-03-12 14:30', text: '回电确认报价' }, now);
    expect(task).toMatchObject({
      kind: 'custom',
      status: 'pending',
      assigneeId: 'U1',
      dueDate: '2025-03-12',
      reminderAt: '2025-03-12T06:30:00.000Z',
      details: { text: '回电确认报价' },
    });
    const [schedule] = emulator.schedules();
    expect(schedule).toMatchObject({
      Name: expect.stringMatching(/^careloop-task-[0-9a-f]{40}$/),
      GroupName: 'careloop-reminders',
      ScheduleExpression: 'at(2025-03-12T14:30:00)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: reminderEnv('').REMINDER_TARGET_ARN, RoleArn: reminderEnv('').REMINDER_ROLE_ARN },
    });
    expect(JSON.parse(schedule!.Target.Input!)).toEqual({
      job: 'reminder',
      time: '<aws.scheduler.scheduled-time>',
      detail: { taskId: task.id, at: task.reminderAt },
    });
  });

  it('setting the same reminder again is the same task and the same schedule (create conflict → update)', async () => {
    const again = await createReminder(ctx, agent, { customerId: customer.id, at: '2025-03-12 14:30', text: '回电确认报价' }, now);
    expect(emulator.schedules()).toHaveLength(1);
    expect((await ctx.store.care.tasksOfCustomer(customer.id)).filter((t) => t.kind === 'custom')).toHaveLength(1);
    expect(again.id).toBe((await ctx.store.care.tasksOfCustomer(customer.id))[0]!.id);
  });

  it('fires at its time: the assignee gets one DM, the schedule is gone, a duplicate delivery sends nothing', async () => {
    expect(await emulator.fireDue(new Date('2025-03-12T06:29:59Z'))).toBe(0);
    expect(await emulator.fireDue(new Date('2025-03-12T06:30:00Z'))).toBe(1);
    expect(fired[0]).toMatchObject({ job: 'reminder', time: '2025-03-12T06:30:00Z' });
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({ channel: 'U1' });
    expect(JSON.stringify(posts()[0]!.message)).toContain('回电确认报价');
    expect(emulator.schedules()).toHaveLength(0);
    await scheduled(fired[0]);
    expect(posts()).toHaveLength(1);
  });

  it('cancelling deletes the schedule and skips the task; cancelling twice is harmless', async () => {
    const task = await createReminder(ctx, agent, { customerId: customer.id, at: '3d', text: '寄样品' }, now);
    expect(emulator.schedules()).toHaveLength(1);
    const cancelled = await cancelReminder(ctx, agent, task.id, now);
    expect(cancelled.status).toBe('skipped');
    expect(emulator.schedules()).toHaveLength(0);
    await expect(cancelReminder(ctx, agent, task.id, now)).resolves.toMatchObject({ status: 'skipped' });
  });

  it('a reminder snoozed before it fires stays quiet when the old schedule fires', async () => {
    const task = await createReminder(ctx, agent, { customerId: customer.id, at: '2025-03-11 09:00', text: '确认发货' }, now);
    const [schedule] = emulator.schedules();
    await snoozeTask(ctx, agent, task.id, 1, now);
    const before = posts().length;
    const input = JSON.parse(schedule!.Target.Input!.replace('<aws.scheduler.scheduled-time>', '2025-03-11T01:00:00Z'));
    expect(await scheduled(input)).toMatchObject({ ok: true, result: { sent: false, reason: 'reminder moved' } });
    expect(posts().length).toBe(before);
  });

  it('refuses a time in the past or one it cannot read, naming the field', async () => {
    await expect(createReminder(ctx, agent, { customerId: customer.id, at: '2025-03-01', text: 'x' }, now)).rejects.toThrow(
      ValidationError,
    );
    await expect(createReminder(ctx, agent, { customerId: customer.id, at: 'someday', text: 'x' }, now)).rejects.toMatchObject({
      details: { issues: [{ path: 'at' }] },
    });
  });

  it('a resolved complaint gets one follow-up task N days later with its own reminder, however often the event comes', async () => {
    const event = {
      type: 'complaint.resolved' as const,
      at: '2025-03-10T03:00:00.000Z',
      complaintId: 'cmp_1',
      customerId: customer.id,
      assigneeId: 'U7',
    };
    await publish(ctx, event);
    await publish(ctx, event);
    const followUps = (await ctx.store.care.tasksOfCustomer(customer.id)).filter((t) => t.kind === 'complaint-follow-up');
    expect(followUps).toEqual([
      expect.objectContaining({
        assigneeId: 'U7',
        dueDate: '2025-03-13',
        details: { complaintId: 'cmp_1' },
        reminderAt: '2025-03-13T00:00:00.000Z',
      }),
    ]);
    expect(emulator.schedules().map((s) => s.ScheduleExpression)).toContain('at(2025-03-13T08:00:00)');
  });
});

describe('without a scheduler configured', () => {
  it("a complaint follow-up falls back to the owner's care-daily DM on its due day", async () => {
    const { ctx, outbox } = await testTable();
    const customer = await createCustomer(ctx, agent, { name: '李四', ownerId: 'U1' }, new Date('2025-01-01T00:00:00Z'));
    await publish(ctx, {
      type: 'complaint.resolved',
      at: '2025-03-10T03:00:00.000Z',
      complaintId: 'cmp_2',
      customerId: customer.id,
      assigneeId: 'U1',
    });
    const [task] = await ctx.store.care.tasksOfCustomer(customer.id);
    expect(task).toMatchObject({ remindOn: '2025-03-13' });
    expect(task!.reminderAt).toBeUndefined();
    await runCareDaily(ctx, new Date('2025-03-13T00:00:00Z'));
    expect(JSON.stringify(outbox.sent.at(-1)?.message)).toContain('cmp_2');
  });

  it('when the scheduler cannot be reached, the follow-up falls back to the daily DM as well', async () => {
    const { ctx } = await testTable(reminderEnv('http://127.0.0.1:9'));
    const customer = await createCustomer(ctx, agent, { name: '王五', ownerId: 'U1' }, new Date('2025-01-01T00:00:00Z'));
    await publish(ctx, {
      type: 'complaint.resolved',
      at: '2025-03-10T03:00:00.000Z',
      complaintId: 'cmp_3',
      customerId: customer.id,
      assigneeId: 'U1',
    });
    const [task] = await ctx.store.care.tasksOfCustomer(customer.id);
    expect(task).toMatchObject({ remindOn: '2025-03-13', version: 3 });
    expect(task!.reminderAt).toBeUndefined();
  });
});
