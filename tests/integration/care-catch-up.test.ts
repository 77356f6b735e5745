import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domain/staff';
import { runCareDaily } from '../../lib/services/care-daily';
import type { AppContext } from '../../lib/services/context';
import { createCustomer, logInteraction } from '../../lib/services/customers';
import { testTable } from '../support/app';

/**
 * Catch-up (issue 15): every due index is read as "due on or before today and
 * not yet handled", so customers imported with an old history and runs that
 * were missed still get their tasks — once.
 */
const agent: Actor = { id: 'U1', kind: 'staff', role: 'agent' };
const tierA = { count: 12, amount: 100_000 };
// 08:00 in Shanghai, when care-daily runs; noon is after the day's run.
const morning = (day: string) => new Date(`${day}T00:00:00Z`);
const noon = (day: string) => new Date(`${day}T04:00:00Z`);

describe('care-daily catch-up', () => {
  let ctx: AppContext;
  const tasksOf = (customerId: string) => ctx.store.care.tasksOfCustomer(customerId);

  beforeAll(async () => {
    ({ ctx } = await testTable());
  });

  it('an imported A customer last seen 100 days ago turns at-risk with a win-back and a return visit on the first run, once', async () => {
    const imported = await createCustomer(
      ctx,
      agent,
      { name: '老客户赵', ownerId: 'U1', purchases: tierA, lifecycleStage: 'active' },
      noon('2025-06-02'),
    );
    await logInteraction(ctx, agent, imported.id, { kind: 'visit', summary: '上次拜访', at: '2025-02-22T03:00:00Z' }, noon('2025-06-02'));

    const first = await runCareDaily(ctx, morning('2025-06-03'));
    expect((await ctx.store.customers.get(imported.id))?.lifecycleStage).toBe('at-risk');
    const kinds = (await tasksOf(imported.id)).map((t) => t.kind).sort();
    expect(kinds).toEqual(['return-visit', 'win-back']);
    expect(first.atRisk).toBe(1);

    // The next days read nothing more for this customer: the entries moved past today or went.
    const again = await runCareDaily(ctx, morning('2025-06-04'));
    expect(again).toMatchObject({ created: 0, atRisk: 0 });
    expect((await tasksOf(imported.id)).length).toBe(2);
  });

  it('missed runs: a birthday whose lead day fell on a skipped day gets its task on the next run', async () => {
    // Lead days: A 3. Birthday 06-12 → lead day 06-09; runs on 06-05 and then only 06-10.
    const c = await createCustomer(
      ctx,
      agent,
      { name: '生日客户钱', ownerId: 'U1', purchases: tierA, birthday: { month: 6, day: 12 } },
      noon('2025-06-04'),
    );
    await runCareDaily(ctx, morning('2025-06-05'));
    expect(await tasksOf(c.id)).toEqual([]);
    const later = await runCareDaily(ctx, morning('2025-06-10'));
    expect((await tasksOf(c.id)).map((t) => [t.kind, t.dueDate])).toEqual([['birthday', '2025-06-12']]);
    expect(later.byKind.birthday).toBe(1);
    // A run the day after does not make it again.
    await runCareDaily(ctx, morning('2025-06-11'));
    expect((await tasksOf(c.id)).length).toBe(1);
  });

  it('a customer added inside the lead window (after its lead-day read) still gets the birthday task, once', async () => {
    // A's lead is 3 days: the 06-20 birthday was read on 06-17; the customer arrives at noon on 06-18.
    const c = await createCustomer(
      ctx,
      agent,
      { name: '新导入孙', ownerId: 'U1', purchases: tierA, birthday: { month: 6, day: 20 } },
      noon('2025-06-18'),
    );
    await runCareDaily(ctx, morning('2025-06-19'));
    expect((await tasksOf(c.id)).map((t) => [t.kind, t.dueDate])).toEqual([['birthday', '2025-06-20']]);
    await runCareDaily(ctx, morning('2025-06-20'));
    expect((await tasksOf(c.id)).length).toBe(1);
    expect((await ctx.store.care.scheduleOf(c.id)).some((e) => e.entry === 'birthday-soon')).toBe(false);
  });

  it("a key account added after this quarter's reminder day gets its quarterly contact task on the next run", async () => {
    const key = await createCustomer(
      ctx,
      agent,
      { name: '重点客户公司', kind: 'organization', ownerId: 'U1', flags: { keyAccount: true, vip: false, problem: false } },
      noon('2025-06-25'),
    );
    await runCareDaily(ctx, morning('2025-06-26'));
    expect((await tasksOf(key.id)).map((t) => [t.kind, t.dueDate])).toEqual([['key-account-contact', '2025-06-30']]);
    await runCareDaily(ctx, morning('2025-06-27'));
    expect((await tasksOf(key.id)).filter((t) => t.kind === 'key-account-contact').length).toBe(1);
  });

  it('reads at most two items per due task when catching up a backlog', async () => {
    for (let i = 0; i < 20; i++) {
      const c = await createCustomer(
        ctx,
        agent,
        { name: `积压客户${i}`, ownerId: 'U2', purchases: tierA, lifecycleStage: 'active' },
        noon('2025-07-01'),
      );
      await logInteraction(ctx, agent, c.id, { kind: 'call', summary: '旧记录', at: '2025-03-01T03:00:00Z' }, noon('2025-07-01'));
    }
    const stats = ctx.store.stats;
    const before = stats.itemsRead;
    const run = await runCareDaily(ctx, morning('2025-07-02'));
    const read = stats.itemsRead - before;
    const due = run.created + run.atRisk;
    expect(due).toBeGreaterThanOrEqual(40);
    expect(read).toBeLessThanOrEqual(2 * due);
  });
});
