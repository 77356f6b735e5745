import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lib/domain/customer';
import type { Actor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import type { OneOffSchedule, ReminderScheduler } from '../../lib/services/reminder-scheduler';
import { cancelReminder, createReminder } from '../../lib/services/reminders';
import { testTable } from '../support/app';

/** The scheduler port faked: what the use case asked for, and a switch to make the service fail. */
function fakeScheduler() {
  const schedules = new Map<string, OneOffSchedule>();
  const removed: string[] = [];
  let down = false;
  const port: ReminderScheduler = {
    async upsert(s) {
      if (down) throw Object.assign(new Error('scheduler unreachable'), { name: 'ServiceUnavailableException' });
      schedules.set(`${s.group}/${s.name}`, s);
    },
    async remove(name, group) {
      removed.push(`${group}/${name}`);
      schedules.delete(`${group}/${name}`);
    },
  };
  return { port, schedules, removed, fail: () => (down = true) };
}

const agent: Actor = { id: 'U1', kind: 'staff', role: 'agent' };
const now = new Date('2025-03-10T02:00:00Z'); // 10:00 in Shanghai

describe('reminders through the scheduler port on the context', () => {
  let ctx: AppContext;
  let customer: Customer;
  const fake = fakeScheduler();

  beforeAll(async () => {
    ({ ctx } = await testTable({
      REMINDER_TARGET_ARN: 'arn:aws:lambda:us-east-1:000000000000:function:careloop-scheduled',
      REMINDER_ROLE_ARN: 'arn:aws:iam::000000000000:role/careloop-scheduler',
    }));
    ctx.scheduler = fake.port;
    customer = await createCustomer(ctx, agent, { name: '赵六', ownerId: 'U1' }, new Date('2025-01-01T00:00:00Z'));
  });

  it('asks the port for a one-off schedule at the local wall-clock time, targeting the reminder job', async () => {
    const task = await createReminder(ctx, agent, { customerId: customer.id, at: '2025-03-12 14:30', text: '回电' }, now);
    expect(task.reminderAt).toBe('2025-03-12T06:30:00.000Z');
    const [schedule] = [...fake.schedules.values()];
    expect(schedule).toMatchObject({
      group: 'careloop-reminders',
      at: '2025-03-12T14:30:00',
      timeZone: 'Asia/Shanghai',
      retry: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
    });
    expect(JSON.parse(schedule!.input)).toMatchObject({ job: 'reminder', time: '<aws.scheduler.scheduled-time>' });

    await cancelReminder(ctx, agent, task.id, now);
    expect(fake.removed).toEqual([`careloop-reminders/${schedule!.name}`]);
    expect(fake.schedules.size).toBe(0);
  });

  it('a failing scheduler leaves the reminder to the daily DM instead of losing it', async () => {
    fake.fail();
    const task = await createReminder(ctx, agent, { customerId: customer.id, at: '2025-03-13 09:00', text: '回访' }, now);
    expect(task.reminderAt).toBeUndefined();
    expect(task.remindOn).toBe('2025-03-13');
  });
});
