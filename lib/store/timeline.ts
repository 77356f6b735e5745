import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { Interaction } from '../domain/interaction';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { stripKeys } from './item';

/**
 * The customer timeline: interactions logged by staff and entries written by
 * complaints, care tasks and surveys, in the customer's partition and sorted by
 * time, so "newest first" is one Query.
 */
/** A concurrent contact already moved the customer's last contact to this time or later: nothing to move. */
export class LastContactMovedError extends ConflictError {
  constructor(customerId: string) {
    super(`customer ${customerId} already has a later last contact`);
  }
}

const timelineKey = (e: Pick<Interaction, 'customerId' | 'at' | 'id'>) => ({ pk: `CUST#${e.customerId}`, sk: `TL#${e.at}#${e.id}` });

export function createTimelineRepo(db: Db) {
  return {
    addOp(entry: Interaction): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: { ...timelineKey(entry), type: 'timeline', ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },

    /** Moves the customer's last-contact date forward (dormancy rules read it); never backwards. */
    touchLastContactOp(customerId: string, at: string): WriteOp {
      return {
        item: {
          Update: {
            TableName: '',
            Key: { pk: `CUST#${customerId}`, sk: 'PROFILE' },
            // Bumps the version too: a PATCH built on the older profile must not wipe this date.
            UpdateExpression: 'SET lastInteractionAt = :at ADD version :one',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastInteractionAt) OR lastInteractionAt < :at)',
            ExpressionAttributeValues: { ':at': at, ':one': 1 },
          },
        },
        onConditionFailed: (existing) => (existing ? new LastContactMovedError(customerId) : new NotFoundError('customer', customerId)),
      };
    },

    async newestFirst(customerId: string, limit: number, cursor?: string): Promise<Page<Interaction>> {
      const scope = `CUST#${customerId}|TL`;
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tl)',
          ExpressionAttributeValues: { ':pk': `CUST#${customerId}`, ':tl': 'TL#' },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, scope),
        }),
      );
      return { items: (res.Items ?? []).map((i) => stripKeys<Interaction>(i)), cursor: encodeCursor(res.LastEvaluatedKey, scope) };
    },
  };
}
