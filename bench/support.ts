import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { budgetEsbuildOptions, esbuildOptions, repoRoot } from '../infra/bundling';
import { loadConfig } from '../lib/config';
import { ensureTable } from '../lib/local/create-table';
import { type RunningDynamo, startDynamoLocal } from '../lib/local/dynamo';
import { type AppContext, createContext } from '../lib/services/context';
import { slackNotices } from '../lib/slack/notices/slack-notices';
import type { SlackTransport } from '../lib/slack/notices/slack-transport';
import { createStore, type Store } from '../lib/store';
import { createDb, type Db } from '../lib/store/db';
import '../lib/services/subscribers';

/**
 * A DynamoDB Local and a fresh table for one benchmark; `tableName` names the table instead, so a
 * large seed on a DynamoDB that outlives the run (DYNAMODB_ENDPOINT) is written once and reused.
 */
export async function benchContext(
  env: Record<string, string> = {},
  tableName = `bench_${randomBytes(4).toString('hex')}`,
): Promise<{ ctx: AppContext; dynamo?: RunningDynamo; stop(): Promise<void> }> {
  let dynamo: RunningDynamo | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamo = await startDynamoLocal();
    endpoint = dynamo.endpoint;
  }
  const config = loadConfig({ ...process.env, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName, LOG_LEVEL: 'ERROR', ...env });
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, tableName);
  client.destroy();
  const db = createDb({ tableName, endpoint });
  const store = createStore(db);
  tables.set(store, db);
  const ctx = createContext({ config, store });
  useSlackTransport(ctx, countingSlack());
  return { ctx, dynamo, stop: async () => dynamo?.stop() };
}

export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export function latencySummary(samples: number[]) {
  return {
    n: samples.length,
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
    max_ms: round(Math.max(...samples)),
  };
}

export function writeResult(name: string, figures: Record<string, unknown>): void {
  mkdirSync('bench/results', { recursive: true });
  const result = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency,
    ...figures,
  };
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

export const isMain = (url: string) => url === `file://${process.argv[1]}`;

/** The raw table behind a bench context: seeding writes items as the repositories would, without their checks. */
const tables = new WeakMap<Store, Db>();

export function tableOf(ctx: AppContext): Db {
  const db = tables.get(ctx.store);
  if (!db) throw new Error('not a bench table');
  return db;
}

/** Seeding: raw items in batches of 25, `parallel` at once, unprocessed items retried with backoff. */
export async function batchWrite(ctx: AppContext, items: Array<Record<string, unknown>>, parallel = 12): Promise<void> {
  const { doc, tableName } = tableOf(ctx);
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

/**
 * A function's bundle exactly as CDK builds it (infra/bundling.ts, AWS SDK clients
 * bundled), its size with and without the SDK, and the median time of a cold
 * `import()` in a fresh node.
 */
export async function deployedBundle(name: string, runs = 5): Promise<{ kb: number; kbWithoutSdk: number; coldImportMs: number }> {
  const cache = resolve(repoRoot, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, `careloop-bench-${name}-`));
  try {
    const outfile = join(dir, 'index.mjs');
    const entry = resolve(repoRoot, `functions/${name}.ts`);
    await build(esbuildOptions(entry, outfile));
    // What the size budgets count (infra/bundle-budgets.ts): the same bundle without the AWS SDK.
    const budgeted = await build({ ...budgetEsbuildOptions(entry, `${outfile}.budget.mjs`), write: false });
    const kbWithoutSdk = round(budgeted.outputFiles!.find((f) => f.path.endsWith('.budget.mjs'))!.contents.length / 1024);
    const script = `const t = performance.now(); await import(${JSON.stringify(`file://${outfile}`)}); process.stdout.write(String(performance.now() - t));`;
    const env = { ...process.env, AWS_REGION: 'us-east-1', TABLE_NAME: 'bench', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
    const times = Array.from({ length: runs }, () =>
      Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env })),
    );
    return {
      kb: round(statSync(outfile).size / 1024),
      kbWithoutSdk,
      coldImportMs: round(times.sort((a, b) => a - b)[Math.floor(runs / 2)]!),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A small deterministic generator (mulberry32), so every run seeds the same data. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the Slack notice adapter sent in a bench run: one entry per Web API call, nothing leaves the process. */
export type CountingSlack = SlackTransport & { sent: Array<{ kind: 'post' | 'update' | 'upload'; channel: string }> };

export function countingSlack(): CountingSlack {
  const sent: CountingSlack['sent'] = [];
  let seq = 0;
  return {
    sent,
    async post(channel) {
      sent.push({ kind: 'post', channel });
      return { channel, ts: `1.${String(++seq).padStart(6, '0')}` };
    },
    async update(channel) {
      sent.push({ kind: 'update', channel });
    },
    async upload(channel) {
      sent.push({ kind: 'upload', channel });
    },
  };
}

/** Notices go through the real Slack adapter over `transport` (a counter or a fake Slack server). */
export function useSlackTransport(ctx: AppContext, transport: SlackTransport): void {
  ctx.notices = slackNotices(transport, { posts: ctx.store.channelPosts, logger: ctx.logger, chart: ctx.config.digest.chart });
}

/** CPU seconds a process (and its threads) has used so far, from /proc; 0 where /proc is missing. */
function procCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/**
 * CPU time of this Node process and of the child processes it started (DynamoDB Local's JVM),
 * so a run on a loaded machine still says how much work each side did, whatever the wall clock.
 */
export function cpuSeconds(): { node: number; dynamo: number } {
  const usage = process.cpuUsage();
  return {
    node: (usage.user + usage.system) / 1e6,
    dynamo: childPids(process.pid).reduce((sum, pid) => sum + procCpuSeconds(pid), 0),
  };
}
