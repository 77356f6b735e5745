import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { AppContext } from '../../lib/services/context';
import { tableOf } from './app';

/** Every item in the test table, sorted: tests compare snapshots to prove nothing was half-written. */
export async function tableSnapshot(ctx: AppContext): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const res = await tableOf(ctx).doc.send(new ScanCommand({ TableName: tableOf(ctx).tableName, ExclusiveStartKey: start }));
    for (const item of res.Items ?? []) items.push(JSON.stringify(item, Object.keys(item).sort()));
    start = res.LastEvaluatedKey;
  } while (start);
  return items.sort();
}
