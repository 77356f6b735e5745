import { beforeAll, describe, expect, it } from 'vitest';
import { careProfileOf, reminderTask } from '../../lib/domain/care';
import type { Customer } from '../../lib/domain/customer';
import type { Actor } from '../../lib/domain/staff';
import { createCareTask, snoozeTask } from '../../lib/services/care';
import { runCareDaily } from '../../lib/services/care-daily';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { testTable } from '../support/app';
import type { OutboxEntry } from '../support/notice-recorder';

const agent: Actor = { id: 'UOD1', kind: 'staff', role: 'agent' };
// 08:00 in Shanghai, when care-daily runs.
const morning = (day: string) => new Date(`${day}T00:00:00Z`);

describe('care-daily repeats overdue pending tasks', () => {
  let ctx: AppContext;
  let outbox: { sent: OutboxEntry[] };
  let customer: Customer;
  const dmsTo = (owner: string) =>
    outbox.sent.filter((m) => m.kind === 'post' && m.channel === owner).map((m) => JSON.stringify(m.message));
  const remind = async (day: string, text: string) =>
    (await createCareTask(ctx, reminderTask(careProfileOf(customer), agent.id, morning(day).toISOString(), day, text), {
      now: morning(day),
      remindOn: day,
    }))!.task;

  beforeAll(async () => {
    ({ ctx, outbox } = await testTable());
    customer = await createCustomer(ctx, agent, { name: '孙立', ownerId: agent.id }, morning('2025-03-01'));
  });

  it("a task left pending yesterday comes back in today's DM, marked overdue; a snoozed one does not", async () => {
    await remind('2025-03-03', '寄送合同');
    const snoozed = await remind('2025-03-03', '约下次拜访');
    await runCareDaily(ctx, morning('2025-03-03'));
    await snoozeTask(ctx, agent, snoozed.id, 7, morning('2025-03-03'));
    await remind('2025-03-05', '确认收货');
    await runCareDaily(ctx, morning('2025-03-05'));
    const dms = dmsTo(agent.id);
    expect(dms).toHaveLength(2);
    const today = dms[1]!;
    expect(today).toContain('确认收货');
    expect(today).toContain('寄送合同');
    expect(today).toContain('截止 2025-03-03 （已逾期）');
    expect(today).not.toContain('约下次拜访');
  });

  it('an owner with only overdue work and nothing new today still gets the DM, once a day', async () => {
    const other: Actor = { id: 'UOD2', kind: 'staff', role: 'agent' };
    const theirs = await createCustomer(ctx, other, { name: '钱多多', ownerId: other.id }, morning('2025-03-01'));
    await createCareTask(
      ctx,
      reminderTask(careProfileOf(theirs), other.id, morning('2025-03-10').toISOString(), '2025-03-10', '回访报价'),
      {
        now: morning('2025-03-10'),
        remindOn: '2025-03-10',
      },
    );
    await runCareDaily(ctx, morning('2025-03-10'));
    expect(dmsTo(other.id)).toHaveLength(1);
    await runCareDaily(ctx, morning('2025-03-12'));
    await runCareDaily(ctx, morning('2025-03-12'));
    const dms = dmsTo(other.id);
    expect(dms).toHaveLength(2);
    expect(dms[1]).toContain('回访报价');
    expect(dms[1]).toContain('已逾期');
  });
});
