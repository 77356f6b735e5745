import { generateApiKey, hashApiKey } from '../lib/http/auth';
import { createLocalServer, listen } from '../lib/local/server';
import { setAppContext } from '../lib/services/context';
import { benchContext, deployedBundle, isMain, latencySummary, writeResult } from './support';

/**
 * Foundation budgets (issue 2): latency of create/get/list/search through the
 * local API Gateway, DynamoDB requests per call counted at the client, and the
 * api bundle's size and cold import time.
 */
export async function benchApi(): Promise<Record<string, unknown>> {
  const { ctx, stop } = await benchContext();
  setAppContext(ctx);
  const key = generateApiKey();
  await ctx.store.apiKeys.put({ hash: hashApiKey(key), name: 'bench', prefix: key.slice(0, 8), createdAt: new Date().toISOString() });
  const server = createLocalServer();
  const port = await listen(server, 0);
  const base = `http://127.0.0.1:${port}`;
  const call = async (path: string, init: RequestInit = {}) => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers },
    });
    const body = await res.text();
    if (res.status >= 400) throw new Error(`${path} → ${res.status} ${body}`);
    return { ms: performance.now() - t0, body };
  };
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', 'Emily Stone', 'Michael Chen', 'José García'];
  await call('/api/customers?limit=1'); // warm the key cache and the code path

  const counted = async <T>(fn: () => Promise<T>) => {
    const before = { ...ctx.store.stats, byCommand: { ...ctx.store.stats.byCommand } };
    await fn();
    const after = ctx.store.stats;
    const byCommand: Record<string, number> = {};
    for (const [k, v] of Object.entries(after.byCommand)) if (v - (before.byCommand[k] ?? 0)) byCommand[k] = v - (before.byCommand[k] ?? 0);
    return { requests: after.requests - before.requests, byCommand };
  };

  const N = 300;
  const create: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const r = await call('/api/customers', {
      method: 'POST',
      body: JSON.stringify({ name: `${names[i % names.length]}${i}`, ownerId: `U${i % 10}`, phones: [`139${String(10_000_000 + i)}`] }),
    });
    create.push(r.ms);
    ids.push((JSON.parse(r.body) as { id: string }).id);
  }
  const get: number[] = [];
  const list: number[] = [];
  const search: number[] = [];
  for (let i = 0; i < N; i++) get.push((await call(`/api/customers/${ids[i]}`)).ms);
  for (let i = 0; i < N; i++) list.push((await call(`/api/customers?ownerId=U${i % 10}&limit=25`)).ms);
  for (let i = 0; i < N; i++)
    search.push((await call(`/api/customers?q=${encodeURIComponent(['zhang', 'wf', '李', 'emily', 'chen'][i % 5]!)}&limit=10`)).ms);

  const requestsPerCall = {
    create: await counted(() =>
      call('/api/customers', { method: 'POST', body: JSON.stringify({ name: '计数', ownerId: 'U1', phones: ['13999999999'] }) }),
    ),
    get: await counted(() => call(`/api/customers/${ids[0]}`)),
    list: await counted(() => call('/api/customers?tier=C&limit=25')),
    search_page: await counted(() => call('/api/customers?q=zhang&limit=10')),
  };
  server.closeAllConnections();
  server.close();
  setAppContext(undefined);
  await stop();

  const bundle = await bundleFigures();
  return {
    latency: { create: latencySummary(create), get: latencySummary(get), list: latencySummary(list), name_search: latencySummary(search) },
    dynamodb_requests_per_call: requestsPerCall,
    targets: { get: '1 GetItem', create: '1 TransactWriteItems', search_page: '1 Query' },
    bundle,
  };
}

/** functions/api.ts bundled as CDK deploys it (AWS SDK clients bundled), and its cold import. */
async function bundleFigures() {
  const { kb, coldImportMs } = await deployedBundle('api');
  return { api_bundle_kb: kb, cold_import_ms_median_of_5: coldImportMs };
}

if (isMain(import.meta.url)) {
  benchApi()
    .then((r) => writeResult('api', r))
    .then(() => process.exit(0));
}
