import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';

const KEY_ATTRIBUTE = /^(pk|sk|gsi\d+pk|gsi\d+sk|type|expiresAt)$/;

/** The entity as callers know it: an item minus its keys and bookkeeping. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTE.test(k))) as T;
}

export type Key = { pk: string; sk: string };

/** Deletes many items in batches of 25, retrying what DynamoDB leaves unprocessed. */
export async function deleteAll(db: Db, keys: Key[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let requests = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
      requests = (res.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
      if (requests.length && attempt > 8) throw new Error('DynamoDB kept items unprocessed; try again');
      if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

/** Puts many independent items (derived index items of a bulk import) in batches of 25, retrying what DynamoDB leaves unprocessed. */
export async function putAll(db: Db, items: Array<Record<string, unknown>>, parallel = 4): Promise<void> {
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const res = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
        requests = (res.UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
        if (requests.length && attempt > 8) throw new Error('DynamoDB kept items unprocessed; try again');
        if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
}

/**
 * Reads many items by key with BatchGetItem (100 keys a request, `parallel` at once, strongly
 * consistent), retrying what DynamoDB leaves unprocessed; absent items are simply not returned.
 */
export async function getAll(db: Db, keys: Key[], parallel = 4): Promise<Array<Record<string, unknown>>> {
  const found: Array<Record<string, unknown>> = [];
  const batches: Key[][] = [];
  for (let i = 0; i < keys.length; i += 100) batches.push(keys.slice(i, i + 100));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending: Key[] = batches[next++]!;
      for (let attempt = 0; pending.length > 0; attempt++) {
        const res = await db.doc.send(new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: true } } }));
        found.push(...((res.Responses?.[db.tableName] ?? []) as Array<Record<string, unknown>>));
        pending = (res.UnprocessedKeys?.[db.tableName]?.Keys ?? []) as Key[];
        if (pending.length && attempt > 8) throw new Error('DynamoDB kept keys unprocessed; try again');
        if (pending.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, batches.length) }, worker));
  return found;
}
