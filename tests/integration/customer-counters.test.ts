import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../lib/domain/calendar';
import { type Actor, systemActor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer, updateCustomer } from '../../lib/services/customers';
import { tableOf, testTable } from '../support/app';

/**
 * The digests' customer figures come from daily counters written with the change
 * itself; parallel creations share a few counter items, so their transactions
 * conflict and are retried rather than lost.
 */
const manager: Actor = { ...systemActor, id: 'U0MGR', role: 'manager' };
const now = new Date('2025-05-06T03:00:00Z');

describe('customer counters', () => {
  let ctx: AppContext;
  let day: string;
  beforeAll(async () => {
    ({ ctx } = await testTable());
    day = localDay(now, ctx.config.company.timeZone);
  });
  afterAll(() => tableOf(ctx).doc.destroy());

  const countersOfDay = async () => (await ctx.store.counters.forDays([day])).get(day) ?? {};

  it('counts 40 parallel creations exactly, per owner too, with every creation succeeding', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => createCustomer(ctx, manager, { name: `Parallel ${i}`, ownerId: i % 2 ? 'U0A' : 'U0B' }, now)),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const counters = await countersOfDay();
    expect(counters['customers.created']).toBe(40);
    expect(counters['owner.U0A.customers.created']).toBe(20);
    expect(counters['owner.U0B.customers.created']).toBe(20);
  });

  it("keeps each owner's copies in the owner's own item, so no day's item grows with the team", async () => {
    const raw = await tableOf(ctx).doc.send(
      new QueryCommand({
        TableName: tableOf(ctx).tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `COUNTER#${day}` },
      }),
    );
    for (const item of raw.Items ?? []) {
      const owners = Object.keys(item).filter((k) => k.startsWith('owner.'));
      if (String(item.sk).startsWith('SHARD#')) expect(owners).toEqual([]);
      else expect(owners.every((k) => k.startsWith(`owner.${String(item.sk).slice('OWNER#'.length)}.`))).toBe(true);
    }
    expect(
      (raw.Items ?? [])
        .map((i) => i.sk)
        .filter((sk) => String(sk).startsWith('OWNER#'))
        .sort(),
    ).toEqual(['OWNER#U0A', 'OWNER#U0B']);
  });

  it('counts a move to churned once, and not an unrelated edit', async () => {
    const c = await createCustomer(ctx, manager, { name: 'Leaving Soon', ownerId: 'U0A' }, now);
    const churned = await updateCustomer(ctx, manager, c.id, 1, { lifecycleStage: 'churned' }, now);
    await updateCustomer(ctx, manager, c.id, churned.version, { tags: ['moved-abroad'] }, now);
    const counters = await countersOfDay();
    expect(counters['customers.churned']).toBe(1);
    expect(counters['owner.U0A.customers.churned']).toBe(1);
  });
});
