import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '../lib/config';
import { ensureTable } from '../lib/local/create-table';
import { startDynamoLocal, type RunningDynamo } from '../lib/local/dynamo';
import { outboxNotifier } from '../lib/notify/outbox';
import { createContext, type AppContext } from '../lib/services/context';
import { createDb } from '../lib/store/db';
import { createStore } from '../lib/store';
import '../lib/services/subscribers';

/** A DynamoDB Local and a fresh table for one benchmark. */
export async function benchContext(env: Record<string, string> = {}): Promise<{ ctx: AppContext; dynamo?: RunningDynamo; stop(): Promise<void> }> {
  let dynamo: RunningDynamo | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamo = await startDynamoLocal();
    endpoint = dynamo.endpoint;
  }
  const tableName = `bench_${randomBytes(4).toString('hex')}`;
  const config = loadConfig({ ...process.env, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName, LOG_LEVEL: 'ERROR', ...env });
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, tableName);
  client.destroy();
  const ctx = createContext({ config, store: createStore(createDb({ tableName, endpoint })), notifier: outboxNotifier() });
  return { ctx, dynamo, stop: async () => dynamo?.stop() };
}

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function latencySummary(samples: number[]) {
  return { n: samples.length, p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), max_ms: round(Math.max(...samples)) };
}

export function writeResult(name: string, figures: Record<string, unknown>): void {
  mkdirSync('bench/results', { recursive: true });
  const result = { benchmark: name, measuredAt: new Date().toISOString(), node: process.version, cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency, ...figures };
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

export const isMain = (url: string) => url === `file://${process.argv[1]}`;

/** Seeding: raw items in batches of 25, `parallel` at once, unprocessed items retried with backoff. */
export async function batchWrite(ctx: AppContext, items: Array<Record<string, unknown>>, parallel = 12): Promise<void> {
  const { doc, tableName } = ctx.store.db;
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; requests.length; attempt++) {
        const res = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (res.UnprocessedItems?.[tableName] ?? []) as typeof requests;
        if (requests.length) await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
