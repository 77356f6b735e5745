import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import type { Actor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer, logInteraction } from '../../lib/services/customers';
import { deliverStreamBatch } from '../../lib/services/event-stream';
import { type DomainEvent, deliverPending, subscribe } from '../../lib/services/events';
import { tableOf, testTable } from '../support/app';

const agent: Actor = { id: 'U1', kind: 'staff', role: 'agent' };
const joined = new Date('2025-01-01T00:00:00Z');
const at = new Date('2025-03-10T06:00:00Z');

/** The stream record AWS would deliver for the outbox item of `eventId`: its NewImage exactly as stored. */
async function streamRecord(ctx: AppContext, eventId: string, sequence: string): Promise<DynamoDBRecord> {
  const { Item } = await tableOf(ctx).doc.send(
    new GetItemCommand({ TableName: ctx.config.tableName, Key: { pk: { S: `OUTBOX#${eventId}` }, sk: { S: 'EVENT' } } }),
  );
  return { eventName: 'INSERT', dynamodb: { SequenceNumber: sequence, NewImage: Item as never } };
}

describe('outbox delivery', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    // Stream delivery as in AWS: the request commits its event and delivers nothing itself.
    ({ ctx } = await testTable({ EVENT_DELIVERY: 'stream' }));
  });
  const pendingIds = async () => (await ctx.store.outbox.pending(new Date(Date.now() + 60_000), 100)).map((p) => p.id);

  it('writes the event in the change’s transaction; with stream delivery the request delivers nothing, the stream record does — once', async () => {
    const c = await createCustomer(ctx, agent, { name: '流失客户', ownerId: 'U1', lifecycleStage: 'at-risk' }, joined);
    const before = new Set(await pendingIds());
    await logInteraction(ctx, agent, c.id, { kind: 'call', summary: 'called back' }, at);
    const [eventId] = (await pendingIds()).filter((id) => !before.has(id));
    expect(eventId).toBeDefined();
    expect((await ctx.store.outbox.get(eventId!))?.event).toMatchObject({ type: 'interaction.logged', customerId: c.id });
    expect((await ctx.store.customers.get(c.id))?.lifecycleStage).toBe('at-risk');

    const record = await streamRecord(ctx, eventId!, '100');
    const batch: DynamoDBStreamEvent = { Records: [record] };
    expect(await deliverStreamBatch(ctx, batch, () => at)).toEqual({ batchItemFailures: [] });
    expect((await ctx.store.customers.get(c.id))?.lifecycleStage).toBe('won-back');
    expect((await ctx.store.outbox.get(eventId!))?.deliveredAt).toBeDefined();
    expect(await pendingIds()).not.toContain(eventId);

    // A redelivered record (a retried batch) finds every subscriber's claim done and changes nothing.
    const version = (await ctx.store.customers.get(c.id))!.version;
    expect(await deliverStreamBatch(ctx, batch, () => at)).toEqual({ batchItemFailures: [] });
    expect((await ctx.store.customers.get(c.id))!.version).toBe(version);
  });

  it('reports the first failing record of a batch so Lambda retries from it; the sweep delivers it once the subscriber recovers', async () => {
    let failures = 1;
    let runs = 0;
    subscribe('care.task_done', async () => {
      runs += 1;
      if (failures-- > 0) throw new Error('DynamoDB blinked');
    });
    const event: DomainEvent = {
      type: 'care.task_done',
      at: at.toISOString(),
      taskId: 'task_x',
      customerId: 'cus_x',
      kind: 'birthday',
      by: 'U1',
    };
    const first = await ctx.store.transact([ctx.store.outbox.op('evt_fail_1', event, at)]).then(() => 'evt_fail_1');
    const batch: DynamoDBStreamEvent = { Records: [await streamRecord(ctx, first, '200'), await streamRecord(ctx, first, '201')] };
    expect(await deliverStreamBatch(ctx, batch, () => at)).toEqual({ batchItemFailures: [{ itemIdentifier: '200' }] });
    expect(await pendingIds()).toContain(first);
    // The local sweep (and a retried batch) take the same path: the failed subscriber runs again, the others do not.
    const swept = await deliverPending(ctx, new Date(Date.now() + 60_000));
    expect(swept.failed).toBe(0);
    expect(runs).toBe(2);
    expect(await pendingIds()).not.toContain(first);
  });

  it('skips a record that is not an outbox item instead of retrying it forever', async () => {
    const batch: DynamoDBStreamEvent = {
      Records: [{ eventName: 'INSERT', dynamodb: { SequenceNumber: '300', NewImage: { pk: { S: 'X' } } } }],
    };
    expect(await deliverStreamBatch(ctx, batch, () => at)).toEqual({ batchItemFailures: [] });
  });
});

describe('configuration in AWS', () => {
  const lambda = { AWS_LAMBDA_FUNCTION_NAME: 'careloop-api', TABLE_NAME: 'careloop' };
  it('refuses to start without a CURSOR_KEY, and delivers events by the stream only', () => {
    expect(() => loadConfig(lambda)).toThrow(/CURSOR_KEY/);
    expect(loadConfig({ ...lambda, CURSOR_KEY: 'k'.repeat(32) }).eventDelivery).toBe('stream');
    expect(loadConfig({ TABLE_NAME: 'careloop' }).eventDelivery).toBe('inline');
  });
});
