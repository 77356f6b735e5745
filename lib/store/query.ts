import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { type Key, stripKeys } from './item';

/**
 * Every page of one Query, for reads that must see a whole (small) partition or
 * index range: erasure, a customer's tasks, staff by role. Request paths that
 * can grow use one page and a cursor instead.
 */
export async function queryAll<T>(db: Db, input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<T[]> {
  const out: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey: start }));
    out.push(...(res.Items ?? []).map((i) => stripKeys<T>(i)));
    start = res.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The keys of every item in one partition (erasure deletes them in batches). */
export async function partitionKeys(db: Db, pk: string): Promise<Key[]> {
  const keys: Key[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of res.Items ?? []) keys.push({ pk: item.pk as string, sk: item.sk as string });
    start = res.LastEvaluatedKey;
  } while (start);
  return keys;
}
