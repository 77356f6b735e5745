import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import type { Db, WriteOp } from './db';

/** A claim's id: one string, or its parts (an owner and a day, say), joined here so callers never spell the key. */
export type ClaimId = string | readonly string[];

const key = (scope: string, id: ClaimId) => ({ pk: `IDEM#${scope}#${typeof id === 'string' ? id : id.join('#')}`, sk: 'IDEM' });

/**
 * "Do this once": a conditional put on a key that expires by TTL. Slack retries,
 * duplicate scheduler deliveries and concurrent job runs all meet here.
 */
export function createIdempotencyRepo(db: Db) {
  return {
    /** true when this call is the first to claim (scope, id) */
    async claim(scope: string, id: ClaimId, now: Date, ttlSeconds: number): Promise<boolean> {
      try {
        await db.doc.send(
          new PutCommand({
            TableName: db.tableName,
            Item: {
              ...key(scope, id),
              type: 'idempotency',
              claimedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
            },
            // An expired claim (TTL deletes lazily) may be claimed again.
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
    /** Gives a claim back when the side effect it guarded failed, so a retry may claim again; only the claimant's own claim (same claimedAt) is removed. */
    async release(scope: string, id: ClaimId, claimedAt: Date): Promise<void> {
      try {
        await db.doc.send(
          new DeleteCommand({
            TableName: db.tableName,
            Key: key(scope, id),
            ConditionExpression: 'claimedAt = :at',
            ExpressionAttributeValues: { ':at': claimedAt.toISOString() },
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    },
    /** The same claim as a transaction op: the side effect and the claim land together. */
    claimOp(scope: string, id: ClaimId, now: Date, ttlSeconds: number): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: {
              ...key(scope, id),
              type: 'idempotency',
              claimedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError(`already done: ${scope} ${id}`, { scope, id }, 'error.already_done'),
      };
    },
  };
}
