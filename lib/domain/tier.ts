import type { Tier } from './customer';

/** Yearly purchases a customer needs for tier A or B (docs/domain.md, "Tiers"); defaults in lib/config/customers.ts. */
export interface TierThresholds {
  A: { minAmount: number; minCount: number };
  B: { minAmount: number; minCount: number };
}

interface Purchases {
  count: number;
  amount: number;
}

/** Tier from yearly purchases (docs/domain.md): A or B needs both the amount and the frequency. */
export function tierFromPurchases(purchases: Purchases, thresholds: TierThresholds): Tier {
  const meets = (t: { minAmount: number; minCount: number }) => purchases.amount >= t.minAmount && purchases.count >= t.minCount;
  if (meets(thresholds.A)) return 'A';
  if (meets(thresholds.B)) return 'B';
  return 'C';
}

/** A manual override wins over the computed tier until it is removed. */
export function effectiveTier(computed: Tier, override?: { tier: Tier }): Tier {
  return override?.tier ?? computed;
}
