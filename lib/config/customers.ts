import * as z from 'zod';

/** Tier thresholds (DOMAIN.md §4): yearly purchase amount and frequency. */
export const customerSettings = z.object({
  tiers: z
    .object({
      A: z.object({ minAmount: z.number().nonnegative(), minCount: z.number().int().nonnegative() }),
      B: z.object({ minAmount: z.number().nonnegative(), minCount: z.number().int().nonnegative() }),
    })
    .default({ A: { minAmount: 100_000, minCount: 12 }, B: { minAmount: 20_000, minCount: 4 } }),
  importMaxRows: z.number().int().positive().default(10_000),
  pageSizeMax: z.number().int().positive().default(100),
  /** phone/e-mail lookups per agent and hour, and every how many misses an audit entry is written */
  lookupLimit: z
    .object({ perHour: z.number().int().positive(), auditMissesEvery: z.number().int().positive() })
    .default({ perHour: 30, auditMissesEvery: 5 }),
});

export type CustomerSettings = z.output<typeof customerSettings>;
