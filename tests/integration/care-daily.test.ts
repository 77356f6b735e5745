import { beforeAll, describe, expect, it } from 'vitest';
import type { CareTask } from '../../lib/domain/care';
import type { Customer } from '../../lib/domain/customer';
import type { Actor } from '../../lib/domain/staff';
import { completeTask, snoozeTask, tasksForAssignee } from '../../lib/services/care';
import { runCareDaily } from '../../lib/services/care-daily';
import type { AppContext } from '../../lib/services/context';
import { addContactPerson, createCustomer, logInteraction, updateCustomer } from '../../lib/services/customers';
import { testTable } from '../support/app';
import type { OutboxEntry } from '../support/notice-recorder';

const agent: Actor = { id: 'U1', kind: 'staff', role: 'agent' };
const tierA = { count: 12, amount: 100_000 };
const tierB = { count: 4, amount: 20_000 };
// 08:00 in Shanghai, when care-daily runs.
const morning = (day: string) => new Date(`${day}T00:00:00Z`);

describe('care-daily', () => {
  let ctx: AppContext;
  let outbox: { sent: OutboxEntry[] };
  const c = {} as Record<'a' | 'b' | 'c' | 'key' | 'prospect', Customer>;
  const dms = (owner?: string) => outbox.sent.filter((m) => m.kind === 'post' && (!owner || m.channel === owner));
  const dmText = (m: OutboxEntry) => JSON.stringify(m.message);
  const tasksOf = async (customerId: string) => ctx.store.care.tasksOfCustomer(customerId);

  beforeAll(async () => {
    ({ ctx, outbox } = await testTable());
    const created = morning('2025-01-01');
    c.a = await createCustomer(ctx, agent, { name: '王大伟', ownerId: 'U1', purchases: tierA, birthday: { month: 1, day: 13 } }, created);
    c.b = await createCustomer(
      ctx,
      agent,
      { name: '陈小红', ownerId: 'U1', purchases: tierB, lunarBirthday: { month: 12, day: 11 } },
      created,
    );
    c.c = await createCustomer(ctx, agent, { name: 'Emily Stone', ownerId: 'U2', birthday: { month: 1, day: 10 } }, created);
    c.key = await createCustomer(
      ctx,
      agent,
      { name: '华为技术有限公司', kind: 'organization', ownerId: 'U2', flags: { keyAccount: true, vip: false, problem: false } },
      created,
    );
    await addContactPerson(ctx, agent, c.key.id, { name: '李经理', birthday: { month: 1, day: 13 } }, created);
    c.prospect = await createCustomer(
      ctx,
      agent,
      { name: '潜在客户', ownerId: 'U1', lifecycleStage: 'prospect', birthday: { month: 1, day: 10 } },
      created,
    );
  });

  it("creates the day's birthday tasks from the indexes: on the day, 3 days ahead for A and key accounts, lunar ones by their solar date", async () => {
    const result = await runCareDaily(ctx, morning('2025-01-10'));
    expect(result).toMatchObject({ day: '2025-01-10', created: 4, existing: 0, byKind: { birthday: 4 } });
    expect((await tasksOf(c.a.id))[0]).toMatchObject({
      kind: 'birthday',
      dueDate: '2025-01-13',
      giftCap: 100,
      suggestedActions: ['gift', 'card'],
    });
    expect((await tasksOf(c.b.id))[0]).toMatchObject({ dueDate: '2025-01-10', details: { lunar: true } });
    expect((await tasksOf(c.c.id))[0]).toMatchObject({ dueDate: '2025-01-10', suggestedActions: ['sms'], assigneeId: 'U2' });
    expect((await tasksOf(c.key.id))[0]).toMatchObject({ contactName: '李经理', giftCap: 500, dueDate: '2025-01-13' });
    expect(await tasksOf(c.prospect.id)).toEqual([]);
  });

  it('sends each owner one DM listing their tasks with the buttons', async () => {
    expect(
      dms()
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['U1', 'U2']);
    const u1 = dmText(dms('U1')[0]!);
    expect(u1).toContain('王大伟');
    expect(u1).toContain('陈小红');
    expect(u1).not.toContain('Emily');
    for (const id of ['care.done', 'care.snooze_1d', 'care.snooze_1w', 'care.skip', 'care.note'])
      expect(u1).toContain(`"action_id":"${id}"`);
  });

  it('running again for the same day creates nothing and sends no second DM', async () => {
    const before = dms().length;
    const again = await runCareDaily(ctx, morning('2025-01-10'));
    // The lunar entry already moved on two lunar years, so it is not even read again: 3 existing, not 4.
    expect(again).toMatchObject({ created: 0, existing: 3, digests: { sent: 0, alreadySent: 2, failed: [] } });
    expect(dms().length).toBe(before);
  });

  it('brings a task created ahead of its day back on the day itself', async () => {
    const result = await runCareDaily(ctx, morning('2025-01-13'));
    expect(result.created).toBe(0);
    const u1 = dms('U1').at(-1)!;
    expect(u1.message).toMatchObject({ text: expect.stringContaining('2025-01-13') });
    expect(dmText(u1)).toContain('王大伟');
  });

  it('two runs at once for the same day create each task once and one DM per owner', async () => {
    // 2025-02-01: A's monthly return visit (one month after joining).
    const before = dms('U1').length;
    const allBefore = dms().length;
    const [r1, r2] = await Promise.all([runCareDaily(ctx, morning('2025-02-01')), runCareDaily(ctx, morning('2025-02-01'))]);
    expect(r1.created + r2.created).toBe(1);
    // U1 for the new visit, and any owner whose earlier tasks are overdue: each once
    const owners = dms()
      .slice(allBefore)
      .map((m) => m.channel);
    expect(owners.length).toBe(new Set(owners).size);
    expect(r1.digests.sent + r2.digests.sent).toBe(owners.length);
    expect(dms('U1').length).toBe(before + 1);
    const visits = (await tasksOf(c.a.id)).filter((t) => t.kind === 'return-visit');
    expect(visits).toEqual([expect.objectContaining({ dueDate: '2025-02-01', suggestedActions: ['visit'] })]);
    const next = (await ctx.store.care.scheduleOf(c.a.id)).find((e) => e.entry === 'visit');
    expect(next?.due).toBe('2025-03-01');
  });

  it('done records the contact on the timeline and moves the next visit and the dormancy clock', async () => {
    const visit = (await tasksOf(c.a.id)).find((t) => t.kind === 'return-visit')!;
    const done = await completeTask(ctx, agent, visit.id, { note: '拜访了，客户满意' }, new Date('2025-02-03T06:00:00Z'));
    expect(done).toMatchObject({ status: 'done', outcomeNote: '拜访了，客户满意' });
    const timeline = await ctx.store.timeline.newestFirst(c.a.id, 5);
    expect(timeline.items.find((i) => i.kind === 'care-task')).toMatchObject({ refId: visit.id, outcome: '拜访了，客户满意' });
    // A return visit done also sends the CSAT survey (docs/domain.md, Surveys), which is on the timeline too.
    expect(timeline.items.some((i) => i.kind === 'survey')).toBe(true);
    const schedule = await ctx.store.care.scheduleOf(c.a.id);
    expect(schedule.find((e) => e.entry === 'visit')?.due).toBe('2025-03-03');
    expect(schedule.find((e) => e.entry === 'dormancy')?.due).toBe('2025-03-20');
    const counters = (await ctx.store.counters.forDays(['2025-02-03'])).get('2025-02-03')!;
    expect(counters['care.return_visits.done']).toBe(1);
  });

  it('a snoozed task comes back in the DM of the day it was snoozed to', async () => {
    const [task] = (await tasksOf(c.c.id)) as CareTask[];
    await snoozeTask(ctx, { id: 'U2', kind: 'staff', role: 'agent' }, task!.id, 1, new Date('2025-02-10T01:00:00Z'));
    await runCareDaily(ctx, morning('2025-02-11'));
    expect(dmText(dms('U2').at(-1)!)).toContain('Emily Stone');
    expect(await tasksForAssignee(ctx, 'U2', 'today', morning('2025-02-11'))).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: task!.id, status: 'snoozed', dueDate: '2025-02-11' })]),
    );
  });

  it('a customer quiet past the tier window turns at-risk with a win-back task; an interaction wins them back', async () => {
    // B joined 2025-01-01 and was never contacted: 90 days → 2025-04-01.
    const result = await runCareDaily(ctx, morning('2025-04-01'));
    expect(result.atRisk).toBeGreaterThanOrEqual(1);
    expect((await ctx.store.customers.get(c.b.id))?.lifecycleStage).toBe('at-risk');
    expect((await tasksOf(c.b.id)).find((t) => t.kind === 'win-back')).toMatchObject({
      details: { signal: 'dormant' },
      dueDate: '2025-04-01',
    });
    expect(dmText(dms('U1').at(-1)!)).toContain('陈小红');
    const atRisk = await ctx.store.customers.list({ stage: 'at-risk' }, 25);
    expect(atRisk.items.map((x) => x.id)).toContain(c.b.id);

    await logInteraction(ctx, agent, c.b.id, { kind: 'call', summary: '客户回来了' }, new Date('2025-04-02T03:00:00Z'));
    expect((await ctx.store.customers.get(c.b.id))?.lifecycleStage).toBe('won-back');
    const counters = await ctx.store.counters.forDays(['2025-04-01', '2025-04-02']);
    // Runs were skipped since February: every customer whose deadline passed meanwhile is caught up, each counted once.
    expect(counters.get('2025-04-01')!['customers.at_risk']).toBe(result.atRisk);
    expect(counters.get('2025-04-02')!['customers.won_back']).toBe(1);
  });

  it("on a festival's lead day every cared-for customer of the tier gets the tier's holiday task", async () => {
    // Mid-Autumn 2025-10-06: A and B are reminded 3 days ahead, C on the day.
    const ahead = await runCareDaily(ctx, morning('2025-10-03'));
    expect(ahead.festivals).toEqual(['mid-autumn']);
    const holiday = async (id: string) => (await tasksOf(id)).find((t) => t.kind === 'holiday');
    expect(await holiday(c.a.id)).toMatchObject({ dueDate: '2025-10-06', suggestedActions: ['gift', 'visit'] });
    expect(await holiday(c.b.id)).toMatchObject({ suggestedActions: ['gift'] });
    expect(await holiday(c.c.id)).toBeUndefined();
    await runCareDaily(ctx, morning('2025-10-06'));
    expect(await holiday(c.c.id)).toMatchObject({ suggestedActions: ['card', 'sms'] });
    expect(await holiday(c.prospect.id)).toBeUndefined();
  });

  it('keeps the indexes in step with the profile: a removed birthday is no longer found', async () => {
    const current = (await ctx.store.customers.get(c.c.id))!;
    await updateCustomer(ctx, agent, c.c.id, current.version, { birthday: { month: 6, day: 1 } }, new Date('2025-05-01T00:00:00Z'));
    const entries = await ctx.store.care.scheduleOf(c.c.id);
    expect(entries.find((e) => e.entry === 'birthday')?.monthDay).toBe('06-01');
    expect(await ctx.store.care.birthdaysOn('01-10', 'C')).toEqual([]);
  });

  it("a contact person's birthday follows the organization to its new owner", async () => {
    const org = (await ctx.store.customers.get(c.key.id))!;
    await updateCustomer(ctx, agent, org.id, org.version, { ownerId: 'U3' }, new Date('2025-05-02T00:00:00Z'));
    const entries = await ctx.store.care.scheduleOf(org.id);
    expect(entries.filter((e) => e.entry === 'birthday').map((e) => [e.who === 'self' ? 'self' : 'contact', e.ownerId])).toEqual([
      ['contact', 'U3'],
    ]);
    expect(entries.find((e) => e.entry === 'key-contact')?.ownerId).toBe('U3');
  });
});
