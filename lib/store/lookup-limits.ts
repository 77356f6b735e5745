import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';

/**
 * Per-staff counts of phone/e-mail lookups in one hour window: one UpdateItem
 * with ADD, atomic under concurrency, deleted by TTL after the window.
 */
export function createLookupLimitRepo(db: Db) {
  return {
    async add(
      staffId: string,
      window: string,
      counts: { lookups?: number; misses?: number },
      expiresAt: number,
    ): Promise<{ lookups: number; misses: number }> {
      const res = await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: { pk: `LOOKUPS#${staffId}#${window}`, sk: 'COUNT' },
          UpdateExpression: 'ADD lookups :l, misses :m SET expiresAt = :exp, #type = :type',
          ExpressionAttributeNames: { '#type': 'type' },
          ExpressionAttributeValues: { ':l': counts.lookups ?? 0, ':m': counts.misses ?? 0, ':exp': expiresAt, ':type': 'lookup-count' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { lookups: Number(res.Attributes?.lookups ?? 0), misses: Number(res.Attributes?.misses ?? 0) };
    },
  };
}
