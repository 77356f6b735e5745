import { beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { importReport, startImport } from '../../lib/services/import-jobs';
import { runImport } from '../../lib/services/import-worker';
import { upsertStaff } from '../../lib/services/staff';
import type { WriteOp } from '../../lib/store';
import { testTable } from '../support/app';

// Several chunks written at once, checkpointed in order: a worker that dies with two chunks in
// flight is resumed with every row counted once, and a re-run finds its rows with batched reads.
vi.mock('../../lib/services/import-dispatch', () => ({
  dispatchImport: async () => undefined,
  importJobsSettled: async () => undefined,
  registerInProcessImportRunner: () => undefined,
}));

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
const file = (rows: number, offset = 0) =>
  new TextEncoder().encode(
    ['name,phone,owner', ...Array.from({ length: rows }, (_, i) => `叠${offset + i},139${String(40_000_000 + offset + i)},U0OV1`)].join(
      '\n',
    ),
  );
const isCheckpoint = (ops: WriteOp[]) => ops.some((op) => op.item.Update?.UpdateExpression?.includes('nextChunk'));

describe('import worker: chunks in flight together', () => {
  let ctx: AppContext;
  const customers = async () => (await ctx.store.customers.list({}, 100, undefined)).items.length;
  beforeAll(async () => {
    ({ ctx } = await testTable({
      CARELOOP_CUSTOMERS: JSON.stringify({
        imports: { chunkRows: 10, concurrency: 2, rowsPerTransaction: 2, leaseSeconds: 60, chunksInFlight: 3 },
      }),
    }));
    await upsertStaff(ctx, systemActor, { slackUserId: 'U0OV1', name: 'Overlap Owner', role: 'agent' }, T0);
    // The phone of the file's row 13 (chunk 1) already belongs to a customer.
    await createCustomer(ctx, systemActor, { name: '已有', ownerId: 'U0OV1', phones: ['13940000013'] }, T0);
  });

  it('checkpoints in order while later chunks are written, and a worker that dies with chunks in flight is resumed counting each row once', async () => {
    const job = await startImport(ctx, systemActor, { bytes: file(45) }, T0);
    const transact = ctx.store.transact;
    let rowTransactions = 0;
    let checkpoints = 0;
    const checkpointOrder: number[] = [];
    ctx.store.transact = async (ops, token) => {
      if (isCheckpoint(ops)) {
        checkpoints++;
        checkpointOrder.push(ops[0]!.item.Update!.ExpressionAttributeValues![':n'] as number);
      } else if (++rowTransactions === 14) throw new Error('worker killed');
      return transact(ops, token);
    };
    await expect(runImport(ctx, job.id, at(1))).rejects.toThrow('worker killed');
    expect(checkpointOrder).toEqual(Array.from({ length: checkpoints }, (_, i) => i));
    ctx.store.transact = transact;
    const stalled = await importReport(ctx, job.id, at(2)());
    expect(stalled.status).toBe('running');
    // Rows past the checkpoint may already be written: the resumed worker finds their claims.
    expect(await runImport(ctx, job.id, at(120))).toBe('done');
    const report = await importReport(ctx, job.id, at(121)());
    expect(report).toMatchObject({ status: 'done', rows: 45, rowsDone: 45, created: 44, skipped: 0, invalid: 1 });
    expect(report.invalidRows).toEqual([expect.objectContaining({ line: 15, column: 'B (phone)' })]);
    expect(await customers()).toBe(45);
    // Derived items of every row were written: name keys of 叠1, 叠10…叠19 but 叠13 (its phone was taken).
    expect((await ctx.store.customers.searchByName('叠1', 100)).items).toHaveLength(10);
    const counters = await ctx.store.counters.forDays(['2026-03-02']);
    expect(counters.get('2026-03-02')!['customers.created']).toBe(45); // 44 imported + the one created beforehand
  });

  it('a re-run finds its rows already imported with batched reads: no row transaction, everything skipped', async () => {
    const first = await startImport(ctx, systemActor, { bytes: file(30, 100) }, T0);
    expect(await runImport(ctx, first.id, at(200))).toBe('done');
    const again = await startImport(ctx, systemActor, { bytes: file(30, 100) }, T0);
    const transact = ctx.store.transact;
    const sent: WriteOp[][] = [];
    ctx.store.transact = async (ops, token) => {
      sent.push(ops);
      return transact(ops, token);
    };
    const requestsBefore = { ...ctx.store.stats.byCommand };
    expect(await runImport(ctx, again.id, at(300))).toBe('done');
    ctx.store.transact = transact;
    expect(sent.every(isCheckpoint)).toBe(true);
    expect(sent).toHaveLength(3);
    const batchGets = (ctx.store.stats.byCommand.BatchGetItemCommand ?? 0) - (requestsBefore.BatchGetItemCommand ?? 0);
    expect(batchGets).toBe(3);
    expect(await importReport(ctx, again.id, at(301)())).toMatchObject({ status: 'done', created: 0, skipped: 30, invalid: 0 });
    expect(await customers()).toBe(75);
  });
});
