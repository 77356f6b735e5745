import * as z from 'zod';
import type { TierThresholds } from '../domain/tier';
import type { Conforms } from './conforms';

/** Tier thresholds (docs/domain.md, Tiers): yearly purchase amount and frequency. */
export const customerSettings = z.object({
  tiers: z
    .object({
      A: z.object({ minAmount: z.number().nonnegative(), minCount: z.number().int().nonnegative() }),
      B: z.object({ minAmount: z.number().nonnegative(), minCount: z.number().int().nonnegative() }),
    })
    .default({ A: { minAmount: 100_000, minCount: 12 }, B: { minAmount: 20_000, minCount: 4 } }),
  importMaxRows: z.number().int().positive().default(10_000),
  /**
   * Bulk import jobs (lib/services/import-*.ts). The upload travels inside the
   * Lambda event (6 MB, base64 for .xlsx), hence 4 MB.
   */
  imports: z
    .object({
      maxBytes: z
        .number()
        .int()
        .positive()
        .max(4 * 1024 * 1024)
        .default(4 * 1024 * 1024),
      /** rows per stored chunk, per checkpoint, per audit event and counter write */
      chunkRows: z.number().int().min(10).max(1000).default(250),
      /** transactions in flight at once inside a chunk */
      concurrency: z.number().int().min(1).max(64).default(24),
      /** chunks written at once (the next starts while the last groups of the one before finish); checkpoints stay in order */
      chunksInFlight: z.number().int().min(1).max(8).default(2),
      /** rows sharing one TransactWriteItems (still at most 100 items); 1 writes each row alone */
      rowsPerTransaction: z.number().int().min(1).max(100).default(25),
      /** a worker that has not checkpointed for this long is presumed dead and its job resumed */
      leaseSeconds: z.number().int().min(10).max(900).default(120),
      /** starts (first run + resumes) before a job is marked failed */
      maxAttempts: z.number().int().min(1).max(50).default(8),
      /** how long job reports and rejected rows are kept (DynamoDB TTL) */
      retentionDays: z.number().int().min(1).max(365).default(30),
    })
    .prefault({}),
  pageSizeMax: z.number().int().positive().default(100),
  /** phone/e-mail lookups per agent and hour, and every how many misses an audit entry is written */
  lookupLimit: z
    .object({ perHour: z.number().int().positive(), auditMissesEvery: z.number().int().positive() })
    .default({ perHour: 30, auditMissesEvery: 5 }),
});

export type CustomerSettings = Conforms<z.output<typeof customerSettings>, { tiers: TierThresholds }>;
