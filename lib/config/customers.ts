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
  pageSizeMax: z.number().int().positive().default(100),
});

export type CustomerSettings = Conforms<z.output<typeof customerSettings>, { tiers: TierThresholds }>;
