import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db, WriteOp } from './db';

/**
 * Pre-aggregated daily counters (DESIGN.md §3): each event ADDs to the counter
 * item of its day, so a digest reads one item per day and shard instead of raw
 * events. Counters are spread over a few shards so busy days do not make every
 * transaction of the day contend for one item.
 */
export const COUNTER_SHARDS = 4;

const counterKey = (day: string, shard: number) => ({ pk: `COUNTER#${day}`, sk: `SHARD#${shard}` });

export function createCounterRepo(db: Db) {
  return {
    /** `metrics` are names → increments, e.g. { 'complaints.opened.critical': 1 }. */
    incrementOp(day: string, metrics: Record<string, number>, shardSeed = Math.random()): WriteOp {
      // An empty ADD is invalid DynamoDB and would cancel the whole transaction with a vague error.
      if (Object.keys(metrics).length === 0) throw new Error('incrementOp needs at least one metric');
      const names: Record<string, string> = {};
      const values: Record<string, number> = {};
      const parts = Object.entries(metrics).map(([metric, by], i) => {
        names[`#m${i}`] = metric;
        values[`:v${i}`] = by;
        return `#m${i} :v${i}`;
      });
      return {
        item: {
          Update: {
            TableName: '',
            Key: counterKey(day, Math.floor(shardSeed * COUNTER_SHARDS) % COUNTER_SHARDS),
            UpdateExpression: `ADD ${parts.join(', ')}`,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      };
    },

    /** Sums of every metric per day, for days given as YYYY-MM-DD. */
    async forDays(days: string[]): Promise<Map<string, Record<string, number>>> {
      const keys = days.flatMap((d) => Array.from({ length: COUNTER_SHARDS }, (_, s) => counterKey(d, s)));
      const byDay = new Map<string, Record<string, number>>(days.map((d) => [d, {}]));
      for (let i = 0; i < keys.length; i += 100) {
        let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [db.tableName]: { Keys: keys.slice(i, i + 100) } };
        while (request && Object.keys(request).length) {
          const res = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
          for (const item of res.Responses?.[db.tableName] ?? []) {
            const day = String(item.pk).slice('COUNTER#'.length);
            const sums = byDay.get(day)!;
            for (const [k, v] of Object.entries(item)) if (typeof v === 'number') sums[k] = (sums[k] ?? 0) + v;
          }
          request = res.UnprocessedKeys as typeof request;
        }
      }
      return byDay;
    },
  };
}
