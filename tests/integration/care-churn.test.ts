import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lib/domain/customer';
import type { Actor } from '../../lib/domain/staff';
import { CareDigestFailedError, runCareDaily } from '../../lib/services/care-daily';
import type { AppContext } from '../../lib/services/context';
import { createCustomer, logInteraction, updateCustomer } from '../../lib/services/customers';
import { publish } from '../../lib/services/events';
import type { SlackTransport } from '../../lib/slack/notices/slack-transport';
import { testTable } from '../support/app';
import { type OutboxEntry, useSlackTransport } from '../support/notice-recorder';

const agent: Actor = { id: 'U1', kind: 'staff', role: 'agent' };
const joined = new Date('2025-01-01T00:00:00Z');

describe('churn warnings', () => {
  let ctx: AppContext;
  let outbox: { sent: OutboxEntry[] };
  beforeAll(async () => {
    ({ ctx, outbox } = await testTable());
  });
  const winBacks = async (id: string) => (await ctx.store.care.tasksOfCustomer(id)).filter((t) => t.kind === 'win-back');
  const stage = async (id: string) => (await ctx.store.customers.get(id))?.lifecycleStage;
  const newCustomer = (name: string, extra: Record<string, unknown> = {}) =>
    createCustomer(ctx, agent, { name, ownerId: 'U1', lifecycleStage: 'active', ...extra }, joined);

  it('a new complaint marks the customer at-risk, opens a win-back task and alerts the owner at once — once, however often it is signalled', async () => {
    const c = await newCustomer('投诉客户');
    const event = {
      type: 'complaint.opened' as const,
      at: '2025-03-10T06:00:00.000Z',
      complaintId: 'cmp_1',
      customerId: c.id,
      severity: 'major',
      category: 'delivery',
      assigneeId: 'U1',
    };
    const before = outbox.sent.length;
    await publish(ctx, event);
    await publish(ctx, event);
    expect(await stage(c.id)).toBe('at-risk');
    expect(await winBacks(c.id)).toEqual([
      expect.objectContaining({ details: { signal: 'complaint' }, assigneeId: 'U1', status: 'pending' }),
    ]);
    expect(outbox.sent.length - before).toBe(1);
    expect(JSON.stringify(outbox.sent.at(-1)!.message)).toContain('流失预警');
    const counters = (await ctx.store.counters.forDays(['2025-03-10'])).get('2025-03-10')!;
    expect(counters['customers.at_risk']).toBe(1);
    expect(counters['owner.U1.customers.at_risk']).toBe(1);
  });

  it('a detractor survey answer is a signal; a good score is not', async () => {
    const c = await newCustomer('低分客户');
    const answer = {
      type: 'survey.answered' as const,
      at: '2025-03-10T06:00:00.000Z',
      invitationId: 'inv_1',
      customerId: c.id,
      trigger: 'complaint',
      kind: 'nps' as const,
    };
    await publish(ctx, { ...answer, score: 9, lowScore: false });
    expect(await stage(c.id)).toBe('active');
    await publish(ctx, { ...answer, score: 3, lowScore: true });
    expect(await stage(c.id)).toBe('at-risk');
    expect((await winBacks(c.id))[0]?.details.signal).toBe('detractor');
  });

  it('an address change is a signal', async () => {
    const c = await newCustomer('搬家客户', { address: { city: '上海' } });
    await updateCustomer(ctx, agent, c.id, c.version, { address: { city: '北京' } }, new Date('2025-03-11T02:00:00Z'));
    expect(await stage(c.id)).toBe('at-risk');
    expect((await winBacks(c.id))[0]).toMatchObject({ details: { signal: 'address-change' }, dueDate: '2025-03-11' });
  });

  it('prospects and churned customers are not moved to at-risk', async () => {
    const prospect = await newCustomer('潜在', { lifecycleStage: 'prospect' });
    await publish(ctx, {
      type: 'complaint.opened',
      at: '2025-03-10T06:00:00.000Z',
      complaintId: 'cmp_2',
      customerId: prospect.id,
      severity: 'major',
      category: 'delivery',
      assigneeId: 'U1',
    });
    expect(await stage(prospect.id)).toBe('prospect');
    expect(await winBacks(prospect.id)).toEqual([]);
  });

  it('an at-risk customer who comes back is won back; a second interaction changes nothing', async () => {
    const c: Customer = await newCustomer('回头客户');
    await publish(ctx, {
      type: 'complaint.opened',
      at: '2025-03-10T06:00:00.000Z',
      complaintId: 'cmp_3',
      customerId: c.id,
      severity: 'major',
      category: 'delivery',
      assigneeId: 'U1',
    });
    await logInteraction(ctx, agent, c.id, { kind: 'visit', summary: '上门道歉，客户接受' }, new Date('2025-03-12T02:00:00Z'));
    await logInteraction(ctx, agent, c.id, { kind: 'call', summary: '回访' }, new Date('2025-03-12T04:00:00Z'));
    expect(await stage(c.id)).toBe('won-back');
    expect((await ctx.store.counters.forDays(['2025-03-12'])).get('2025-03-12')!['customers.won_back']).toBe(1);
  });
});

describe('care-daily when a DM fails', () => {
  it('releases the claim and fails, so the retry sends exactly the missing DM', async () => {
    const { ctx, outbox } = await testTable();
    let failures = 1;
    const flaky: SlackTransport = {
      ...outbox,
      async post(channel, message) {
        if (channel === 'U2' && failures-- > 0) throw new Error('slack is down');
        return outbox.post(channel, message);
      },
    };
    useSlackTransport(ctx, flaky, outbox);
    for (const owner of ['U1', 'U2'])
      await createCustomer(ctx, agent, { name: `客户${owner}`, ownerId: owner, birthday: { month: 5, day: 20 } }, joined);
    const run = () => runCareDaily(ctx, new Date('2025-05-20T00:00:00Z'));
    await expect(run()).rejects.toBeInstanceOf(CareDigestFailedError);
    expect(outbox.sent.map((m) => m.channel)).toEqual(['U1']);
    const retry = await run();
    expect(retry.digests).toEqual({ sent: 1, alreadySent: 1, failed: [] });
    expect(outbox.sent.map((m) => m.channel).sort()).toEqual(['U1', 'U2']);
  });
});
