import type { Db, WriteOp } from './db';
import { queryAll } from './query';

/**
 * Pre-aggregated daily counters (docs/architecture.md, Data): each event ADDs to the counter
 * items of its day, so a digest reads a few items per day instead of raw events.
 * Company-wide counts are spread over a few shards so busy days do not make every
 * transaction of the day contend for one item; each owner's copies
 * (`owner.<id>.<metric>`) go to that owner's own item of the day, so a day's
 * items stay small however many owners there are (an item holds 400 KB at most).
 */
export const COUNTER_SHARDS = 4;

const counterPk = (day: string) => `COUNTER#${day}`;
const shardKey = (day: string, shard: number) => ({ pk: counterPk(day), sk: `SHARD#${shard}` });
const ownerKey = (day: string, ownerId: string) => ({ pk: counterPk(day), sk: `OWNER#${ownerId}` });
const OWNER_METRIC = /^owner\.([^.]+)\./;
/** Days whose counters are read at once. */
const PARALLEL_DAYS = 8;

function addOp(key: Record<string, string>, metrics: Record<string, number>): WriteOp {
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
        Key: key,
        UpdateExpression: `ADD ${parts.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
  };
}

export function createCounterRepo(db: Db) {
  return {
    /**
     * The writes that add `metrics` (names → increments, e.g. { 'complaints.opened': 1,
     * 'owner.U1.complaints.opened': 1 }) to a day: one company shard, plus one item per owner named.
     */
    incrementOps(day: string, metrics: Record<string, number>, shardSeed = Math.random()): WriteOp[] {
      // An empty ADD is invalid DynamoDB and would cancel the whole transaction with a vague error.
      if (Object.keys(metrics).length === 0) throw new Error('incrementOps needs at least one metric');
      const company: Record<string, number> = {};
      const byOwner = new Map<string, Record<string, number>>();
      for (const [name, by] of Object.entries(metrics)) {
        const ownerId = OWNER_METRIC.exec(name)?.[1];
        if (ownerId) byOwner.set(ownerId, { ...byOwner.get(ownerId), [name]: by });
        else company[name] = by;
      }
      return [
        ...(Object.keys(company).length ? [addOp(shardKey(day, Math.floor(shardSeed * COUNTER_SHARDS) % COUNTER_SHARDS), company)] : []),
        ...[...byOwner].map(([ownerId, owned]) => addOp(ownerKey(day, ownerId), owned)),
      ];
    },

    /** Sums of every metric per day (company and per owner), for days given as YYYY-MM-DD: one Query per day. */
    async forDays(days: string[]): Promise<Map<string, Record<string, number>>> {
      const byDay = new Map<string, Record<string, number>>(days.map((d) => [d, {}]));
      let next = 0;
      const worker = async () => {
        while (next < days.length) {
          const day = days[next++]!;
          const sums = byDay.get(day)!;
          for (const item of await queryAll<Record<string, unknown>>(db, {
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': counterPk(day) },
          })) {
            for (const [k, v] of Object.entries(item)) if (typeof v === 'number') sums[k] = (sums[k] ?? 0) + v;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_DAYS, days.length) }, worker));
      return byDay;
    },
  };
}
