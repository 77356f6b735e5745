import { beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { importReport, startImport } from '../../lib/services/import-jobs';
import { runImport } from '../../lib/services/import-worker';
import { upsertStaff } from '../../lib/services/staff';
import { testTable } from '../support/app';

// Rows written several to a transaction: a refused claim refuses its own row only, and a worker
// that dies between two groups of a chunk is resumed with every row counted once.
vi.mock('../../lib/services/import-dispatch', () => ({
  dispatchImport: async () => undefined,
  importJobsSettled: async () => undefined,
  registerInProcessImportRunner: () => undefined,
}));

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
const file = (rows: number) =>
  new TextEncoder().encode(
    ['name,phone,owner', ...Array.from({ length: rows }, (_, i) => `组${i},139${String(30_000_000 + i)},U0GR1`)].join('\n'),
  );

describe('import worker: rows grouped into transactions', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ({ ctx } = await testTable({
      CARELOOP_CUSTOMERS: JSON.stringify({
        imports: { chunkRows: 10, concurrency: 1, rowsPerTransaction: 3, leaseSeconds: 60, chunksInFlight: 1 },
      }),
    }));
    await upsertStaff(ctx, systemActor, { slackUserId: 'U0GR1', name: 'Group Owner', role: 'agent' }, T0);
    // The phone of the file's row 5 (line 6) already belongs to a customer.
    await createCustomer(ctx, systemActor, { name: '已有客户', ownerId: 'U0GR1', phones: ['13930000004'] }, T0);
  });

  it('writes a group row by row when one of its rows is refused, and resumes mid-chunk without double counting', async () => {
    const job = await startImport(ctx, systemActor, { bytes: file(25) }, T0);
    const transact = ctx.store.transact;
    const sizes: number[] = [];
    ctx.store.transact = async (ops, token) => {
      sizes.push(ops.length);
      // chunk 0: 4 groups, one of them again as 3 single rows, and the checkpoint (8 calls); chunk 1 dies after 2 groups.
      if (sizes.length === 11) throw new Error('worker killed');
      return transact(ops, token);
    };
    await expect(runImport(ctx, job.id, at(1))).rejects.toThrow('worker killed');
    expect(sizes.slice(0, 3)).toEqual([9, 9, 3]);
    ctx.store.transact = transact;
    expect(await importReport(ctx, job.id, at(2)())).toMatchObject({ status: 'running', rowsDone: 10, created: 9, invalid: 1 });

    expect(await runImport(ctx, job.id, at(120))).toBe('done');
    const report = await importReport(ctx, job.id, at(121)());
    expect(report).toMatchObject({ status: 'done', rows: 25, rowsDone: 25, created: 24, skipped: 0, invalid: 1 });
    expect(report.invalidRows).toEqual([expect.objectContaining({ line: 6, column: 'B (phone)' })]);
    expect((await ctx.store.customers.list({}, 100, undefined)).items).toHaveLength(25);
    expect((await ctx.store.customers.searchByName('组1', 100)).items).toHaveLength(11);
  });
});
