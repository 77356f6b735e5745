import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Db, WriteOp } from './db';

/**
 * The transactional outbox. A domain event is an item written in the change's
 * own transaction (`op`), so the change and "something must follow" commit
 * together. Delivery reads it back — from the table's stream in AWS, from the
 * pending index locally — and records per subscriber that it ran (`claim`,
 * `markDone`), in the event's own partition, so a redelivery does nothing twice.
 *
 *   event    pk=OUTBOX#<eventId> sk=EVENT          gsi5pk=OUTBOX_PENDING gsi5sk=<committedAt>#<eventId> (sparse: undelivered only)
 *   claim    pk=OUTBOX#<eventId> sk=RAN#<subscriber> state running|done, leaseUntil, TTL
 */
const PENDING = 'OUTBOX_PENDING';
const eventKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'EVENT' });
const claimKey = (id: string, subscriber: string) => ({ pk: `OUTBOX#${id}`, sk: `RAN#${subscriber}` });
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** A delivered event stays a day (a late stream retry still finds its claims); claims outlive the stream's 24 h retention. */
const DELIVERED_RETENTION_SECONDS = 24 * 3600;
const CLAIM_RETENTION_SECONDS = 7 * 24 * 3600;

/** The stream filter in infra/ matches exactly these attributes: keep them in step. */

export interface OutboxEvent {
  id: string;
  /** the domain event: `type` plus its fields */
  event: { type: string } & Record<string, unknown>;
  committedAt: string;
}

export type ClaimResult = 'claimed' | 'done' | 'running';

export function createOutboxRepo(db: Db) {
  return {
    /** The event as one op of the change's transaction (it counts against the 100-item limit like any other). */
    op(id: string, event: OutboxEvent['event'], committedAt: Date): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: {
              ...eventKey(id),
              type: 'outbox',
              id,
              event,
              committedAt: committedAt.toISOString(),
              gsi5pk: PENDING,
              gsi5sk: `${committedAt.toISOString()}#${id}`,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },

    /** Undelivered events committed before `before`, oldest first (the local sweep). */
    async pending(before: Date, limit: number): Promise<OutboxEvent[]> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk < :before',
          ExpressionAttributeValues: { ':pk': PENDING, ':before': before.toISOString() },
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map((i) => ({
        id: i.id as string,
        event: i.event as OutboxEvent['event'],
        committedAt: i.committedAt as string,
      }));
    },

    /**
     * Takes (event, subscriber): 'claimed' for this caller, 'done' when it already ran,
     * 'running' while another deliverer holds an unexpired lease. A deliverer that died
     * mid-subscriber leaves a lease that runs out, and the next delivery runs it again.
     */
    async claim(id: string, subscriber: string, now: Date, leaseSeconds: number, takeOverLeases = false): Promise<ClaimResult> {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...claimKey(id, subscriber),
              type: 'outbox-claim',
              state: 'running',
              claimedAt: now.toISOString(),
              leaseUntil: epoch(now) + leaseSeconds,
              expiresAt: epoch(now) + CLAIM_RETENTION_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :running AND leaseUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            // A deliverer that knows it is the only one alive (the local stack at start) takes over every running claim.
            ExpressionAttributeValues: { ':running': 'running', ':now': takeOverLeases ? Number.MAX_SAFE_INTEGER : epoch(now) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed';
      } catch (error) {
        const e = error as { name?: string; Item?: Record<string, { S?: string }> };
        if (e.name !== 'ConditionalCheckFailedException') throw error;
        return e.Item?.state?.S === 'done' ? 'done' : 'running';
      }
    },

    /** The subscriber finished: its claim stays (as done) so a redelivery skips it. */
    async markDone(id: string, subscriber: string, claimedAt: Date): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: claimKey(id, subscriber),
          UpdateExpression: 'SET #state = :done REMOVE leaseUntil',
          ConditionExpression: 'claimedAt = :at',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':done': 'done', ':at': claimedAt.toISOString() },
        }),
      );
    },

    /** The subscriber failed: the claim goes, so the next delivery tries it again at once. */
    async release(id: string, subscriber: string, claimedAt: Date): Promise<void> {
      try {
        await db.doc.send(
          new DeleteCommand({
            TableName: db.tableName,
            Key: claimKey(id, subscriber),
            ConditionExpression: 'claimedAt = :at',
            ExpressionAttributeValues: { ':at': claimedAt.toISOString() },
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    },

    /** Every subscriber ran: the event leaves the pending index and expires. */
    async markDelivered(id: string, now: Date): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: eventKey(id),
          UpdateExpression: 'SET deliveredAt = :now, expiresAt = :exp REMOVE gsi5pk, gsi5sk',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':exp': epoch(now) + DELIVERED_RETENTION_SECONDS },
        }),
      );
    },

    /** The event as stored (tests and the CLI). */
    async get(id: string): Promise<(OutboxEvent & { deliveredAt?: string }) | undefined> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND sk = :sk',
          ExpressionAttributeValues: { ':pk': eventKey(id).pk, ':sk': 'EVENT' },
          ConsistentRead: true,
        }),
      );
      const i = res.Items?.[0];
      return i
        ? {
            id,
            event: i.event as OutboxEvent['event'],
            committedAt: i.committedAt as string,
            ...(i.deliveredAt ? { deliveredAt: i.deliveredAt as string } : {}),
          }
        : undefined;
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;

/** A stream record's NewImage (wire format) as the item it is; the caller validates the fields. */
export function outboxItemFromStreamImage(image: Record<string, unknown>): Record<string, unknown> {
  return unmarshall(image as Record<string, AttributeValue>);
}
