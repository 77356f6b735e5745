import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../lib/config';
import { generateApiKey, hashApiKey } from '../../lib/http/auth';
import { ensureTable } from '../../lib/local/create-table';
import { createLocalServer, listen } from '../../lib/local/server';
import { type AppContext, createContext, setAppContext } from '../../lib/services/context';
import type { SlackTransport } from '../../lib/slack/notices/slack-transport';
import { createStore, type Store } from '../../lib/store';
import { createDb, type Db } from '../../lib/store/db';
import { contractChecker } from './contract';
import '../../lib/services/subscribers';
// Import jobs run in-process in tests (lib/services/import-dispatch.ts), whoever starts them.
import '../../lib/services/import-worker';
import { type SlackRecorder, slackNoticesOver, slackRecorder, useSlackTransport } from './notice-recorder';

export interface TestApp {
  ctx: AppContext;
  config: Config;
  baseUrl: string;
  apiKey: string;
  outbox: SlackRecorder;
  /** fetch against the local API Gateway with the test API key; every response is checked against the OpenAPI document */
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** A fresh table in the run's DynamoDB Local, named after the test file. */
export async function testTable(env: Record<string, string> = {}): Promise<{ ctx: AppContext; config: Config; outbox: SlackRecorder }> {
  const endpoint = inject('dynamoEndpoint');
  const tableName = `t_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({ ...process.env, DYNAMODB_ENDPOINT: endpoint, TABLE_NAME: tableName, LOG_LEVEL: 'ERROR', ...env });
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await ensureTable(client, tableName);
  client.destroy();
  const outbox = slackRecorder();
  const db = createDb({ tableName, endpoint });
  const store = createStore(db);
  tables.set(store, db);
  const ctx = createContext({ config, store });
  ctx.notices = slackNoticesOver(ctx, outbox, outbox.email);
  return { ctx, config, outbox };
}

const tables = new WeakMap<Store, Db>();

/**
 * The raw table behind a test context. The application reaches the table only through its
 * repositories; tests may look underneath (a snapshot, an item as stored, a refused request).
 */
export function tableOf(ctx: AppContext): Db {
  const db = tables.get(ctx.store);
  if (!db) throw new Error('not a test table (testTable / startTestApp)');
  return db;
}

/** The whole local stack on a free port, wired to a fresh table. */
export async function startTestApp(env: Record<string, string> = {}, slack?: SlackTransport): Promise<TestApp> {
  const { ctx, config, outbox } = await testTable(env);
  if (slack) useSlackTransport(ctx, slack, outbox);
  setAppContext(ctx);
  const apiKey = generateApiKey();
  await ctx.store.apiKeys.put({ hash: hashApiKey(apiKey), name: 'test', prefix: apiKey.slice(0, 8), createdAt: new Date().toISOString() });
  const server: Server = createLocalServer();
  const port = await listen(server, 0);
  const baseUrl = `http://127.0.0.1:${port}`;
  const checkContract = contractChecker(config);
  return {
    ctx,
    config,
    baseUrl,
    apiKey,
    outbox,
    async api(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${apiKey}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      const url = `${baseUrl}${path}`;
      const res = await fetch(url, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
      await checkContract(rest.method ?? 'GET', url, res);
      return res;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      setAppContext(undefined);
    },
  };
}

/**
 * Staff records for the ids a test uses as owners (the REST API refuses owners
 * not in the directory); written straight to the store, so short test ids like U1 work.
 */
export async function seedStaff(ctx: AppContext, ids: string[], at = '2025-01-01T00:00:00.000Z'): Promise<void> {
  await ctx.store.transact(
    ids.map((id) =>
      ctx.store.staff.putOp({ slackUserId: id, name: `Staff ${id}`, role: 'agent', createdAt: at, updatedAt: at, version: 1 }, 0),
    ),
  );
}
