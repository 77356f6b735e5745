import type { CustomerSettings } from '../config/customers';
import type { Tier } from './customer';

interface Purchases {
  count: number;
  amount: number;
}

/** Tier from yearly purchases (DOMAIN.md §4): A or B needs both the amount and the frequency. */
export function tierFromPurchases(purchases: Purchases, thresholds: CustomerSettings['tiers']): Tier {
  const meets = (t: { minAmount: number; minCount: number }) =>
    purchases.amount >= t.minAmount && purchases.count >= t.minCount;
  if (meets(thresholds.A)) return 'A';
  if (meets(thresholds.B)) return 'B';
  return 'C';
}

/** A manual override wins over the computed tier until it is removed. */
export function effectiveTier(computed: Tier, override?: { tier: Tier }): Tier {
  return override?.tier ?? computed;
}
