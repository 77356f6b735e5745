import { beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { importReport, startImport } from '../../lib/services/import-jobs';
import { sweepImports } from '../../lib/services/import-sweep';
import { runImport } from '../../lib/services/import-worker';
import { upsertStaff } from '../../lib/services/staff';
import { testTable } from '../support/app';

// The worker is started by hand here, so the test decides when a worker "dies".
const dispatched: string[] = [];
vi.mock('../../lib/services/import-dispatch', () => ({
  dispatchImport: async (_ctx: unknown, id: string) => void dispatched.push(id),
  importJobsSettled: async () => undefined,
  registerInProcessImportRunner: () => undefined,
}));

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => () => new Date(T0.getTime() + seconds * 1000);
const file = (rows: number, offset = 0) =>
  new TextEncoder().encode(
    ['name,phone,owner', ...Array.from({ length: rows }, (_, i) => `客户${offset + i},139${String(20_000_000 + offset + i)},U0AG1`)].join(
      '\n',
    ),
  );

describe('import worker: checkpoint, lease and resume', () => {
  let ctx: AppContext;
  const customers = async () => (await ctx.store.customers.list({}, 100, undefined)).items.length;
  beforeAll(async () => {
    ({ ctx } = await testTable({
      CARELOOP_CUSTOMERS: JSON.stringify({
        imports: { chunkRows: 10, concurrency: 4, rowsPerTransaction: 1, leaseSeconds: 60, maxAttempts: 3, chunksInFlight: 1 },
      }),
    }));
    await upsertStaff(ctx, systemActor, { slackUserId: 'U0AG1', name: 'Agent One', role: 'agent' }, T0);
  });

  it('resumes a dead worker from its checkpoint: rows it wrote count once, nothing is written twice', async () => {
    const job = await startImport(ctx, systemActor, { bytes: file(35) }, T0);
    expect(dispatched).toContain(job.id);
    // The first worker dies on its 17th row transaction (chunk 1, after one checkpoint).
    const transact = ctx.store.transact;
    let calls = 0;
    ctx.store.transact = async (ops, token) => {
      if (++calls === 18) throw new Error('worker killed');
      return transact(ops, token);
    };
    await expect(runImport(ctx, job.id, at(1))).rejects.toThrow('worker killed');
    ctx.store.transact = transact;
    const stalled = await importReport(ctx, job.id, at(2)());
    expect(stalled).toMatchObject({ status: 'running', rowsDone: 10, created: 10 });
    // Still inside the lease: nobody else may take it, and the sweep leaves it alone.
    expect(await runImport(ctx, job.id, at(30))).toBe('not-mine');
    dispatched.length = 0;
    expect(await sweepImports(ctx, at(30)())).toEqual({ resumed: 0 });
    // Lease over: the sweep hands it to a new worker, which starts at the checkpoint.
    expect(await sweepImports(ctx, at(120)())).toEqual({ resumed: 1 });
    expect(dispatched).toEqual([job.id]);
    expect(await runImport(ctx, job.id, at(121))).toBe('done');
    const report = await importReport(ctx, job.id, at(122)());
    expect(report).toMatchObject({ status: 'done', rows: 35, rowsDone: 35, created: 35, skipped: 0, invalid: 0, attempts: 2 });
    expect(await customers()).toBe(35);
    // Name keys of the interrupted chunk's rows were written by the resumed worker: 客户1, 客户10…客户19.
    expect((await ctx.store.customers.searchByName('客户1', 100)).items).toHaveLength(11);
    const counters = await ctx.store.counters.forDays(['2026-03-02']);
    expect(counters.get('2026-03-02')!['customers.created']).toBe(35);
    expect(await sweepImports(ctx, at(1000)())).toEqual({ resumed: 0 });
  });

  it('two jobs of the same rows at once create each customer once', async () => {
    const [a, b] = await Promise.all([
      startImport(ctx, systemActor, { bytes: file(20, 100) }, T0),
      startImport(ctx, systemActor, { bytes: file(20, 100) }, T0),
    ]);
    await Promise.all([runImport(ctx, a.id, at(1)), runImport(ctx, b.id, at(1))]);
    const [ra, rb] = await Promise.all([importReport(ctx, a.id, T0), importReport(ctx, b.id, T0)]);
    expect(ra.created + rb.created).toBe(20);
    expect(ra.skipped + rb.skipped).toBe(20);
    expect(await customers()).toBe(55);
  });

  it('marks a job failed, not running forever, after too many starts', async () => {
    const job = await startImport(ctx, systemActor, { bytes: file(5, 200) }, T0);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(
        await ctx.store.imports.acquire(
          job.id,
          `dead${attempt}`,
          at(attempt * 100)().toISOString(),
          at(attempt * 100 + 60)().toISOString(),
        ),
      ).toBeDefined();
    }
    expect(await runImport(ctx, job.id, at(1000))).toBe('failed');
    expect(await importReport(ctx, job.id, at(1001)())).toMatchObject({
      status: 'failed',
      failure: expect.stringMatching(/stopped 3 times/),
    });
    expect(await sweepImports(ctx, at(5000)())).toEqual({ resumed: 0 });
  });

  it('refuses agents', async () => {
    await expect(startImport(ctx, { id: 'U0AG1', kind: 'staff', role: 'agent' }, { bytes: file(1, 300) }, T0)).rejects.toThrow(
      /managers and admins/,
    );
  });
});
