import { nameIndex } from '../lib/domain/name-keys';
import { systemActor } from '../lib/domain/staff';
import { generateApiKey, hashApiKey } from '../lib/http/auth';
import { createLocalServer, listen } from '../lib/local/server';
import { setAppContext } from '../lib/services/context';
import { newCustomer } from '../lib/services/customers';
import { batchWrite, benchContext, cpuSeconds, isMain, round, writeResult } from './support';

/**
 * Issue 16 budget: the whole book of 100,000 customers exported (request →
 * job done → file downloaded) on DynamoDB Local in ≤ 60 s, as CSV and as
 * .xlsx. The profiles are seeded with batch writes (only the profile items:
 * the export reads nothing else).
 */
const CUSTOMERS = Number(process.env.BENCH_EXPORT_ROWS ?? 100_000);

export async function benchExport(): Promise<Record<string, unknown>> {
  const { ctx, stop } = await benchContext();
  setAppContext(ctx);
  const key = generateApiKey();
  await ctx.store.apiKeys.put({ hash: hashApiKey(key), name: 'bench', prefix: key.slice(0, 8), createdAt: new Date().toISOString() });
  const seedStarted = performance.now();
  const now = new Date();
  for (let i = 0; i < CUSTOMERS; i += 5000) {
    const items: Array<Record<string, unknown>> = [];
    for (let j = i; j < Math.min(CUSTOMERS, i + 5000); j++) {
      const c = newCustomer(
        ctx,
        systemActor,
        {
          name: j % 50 ? `客户${j}` : `=CMD|${j}`,
          ownerId: `U0EXP${j % 10}`,
          phones: [`138${String(j).padStart(8, '0')}`],
          emails: [`c${j}@example.com`],
          tags: ['老客户'],
        },
        now,
      );
      // The profile item exactly as the repository writes it: the export reads nothing else.
      const profile = ctx.store.customers
        .createOps(c, nameIndex)
        .map((op) => op.item.Put?.Item)
        .find((item) => item?.type === 'customer');
      items.push(profile as Record<string, unknown>);
    }
    await batchWrite(ctx, items);
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  console.log('seed', JSON.stringify({ customers: CUSTOMERS, seed_seconds: round(seedSeconds) }));

  const server = createLocalServer();
  const base = `http://127.0.0.1:${await listen(server, 0)}`;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
  const runExport = async (format: 'csv' | 'xlsx') => {
    const cpuBefore = cpuSeconds();
    const started = performance.now();
    const res = await call('/api/customers/export', { method: 'POST', body: JSON.stringify({ format }) });
    const answeredMs = performance.now() - started;
    if (res.status !== 202) throw new Error(`export → ${res.status} ${await res.text()}`);
    const location = res.headers.get('location')!;
    let report: Record<string, unknown>;
    for (;;) {
      report = (await (await call(location)).json()) as Record<string, unknown>;
      if (report.status === 'done' || report.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (report.status !== 'done') throw new Error(`export failed: ${JSON.stringify(report)}`);
    const file = Buffer.from(await (await call(report.file as string)).arrayBuffer());
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds();
    const figures = {
      request_answered_ms: round(answeredMs),
      end_to_end_seconds: round(seconds),
      rows: report.rows,
      bytes: file.length,
      rows_per_second: round(CUSTOMERS / seconds),
      // CPU on each side, comparable across runs on a loaded machine, unlike the wall clock.
      node_cpu_seconds: round(cpu.node - cpuBefore.node),
      dynamodb_local_cpu_seconds: round(cpu.dynamo - cpuBefore.dynamo),
    };
    console.log(format, JSON.stringify(figures));
    return figures;
  };
  const csv = await runExport('csv');
  const xlsx = await runExport('xlsx');
  server.closeAllConnections();
  server.close();
  setAppContext(undefined);
  await stop();
  return {
    customers: CUSTOMERS,
    seed_seconds: round(seedSeconds),
    csv,
    xlsx,
    machine_load_average: (await import('node:os')).loadavg().map((l) => round(l)),
    budgets: { end_to_end_seconds: 60 },
    within_budget: [csv, xlsx].every((f) => f.end_to_end_seconds <= 60 && f.rows === CUSTOMERS),
  };
}

if (isMain(import.meta.url)) {
  benchExport()
    .then((r) => writeResult('export', r))
    .then(() => process.exit(0));
}
