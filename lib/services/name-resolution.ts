import { lookupPrefixes, rankNames, typedName, type RankedName, type Resolution } from '../domain/name-match';
import type { CustomerSummary } from '../store/customers';
import type { AppContext } from './context';

/**
 * A customer named in a question, resolved against the whole directory: a few Queries on the
 * name keys (as typed, its core, its sound, and both halves for typos; lib/domain/name-match.ts
 * says which), run in parallel, then ranked. Never a Scan: the cost does not grow with the
 * number of customers, only with how many share a prefix (capped by `PER_PREFIX`).
 */
const PER_PREFIX = 60;

export type CustomerResolution = Resolution<CustomerSummary>;
export type CustomerMatch = RankedName<CustomerSummary>;

export async function resolveCustomerName(ctx: AppContext, typed: string, max = 5): Promise<CustomerResolution> {
  const t = typedName(typed);
  if (!t.whole) return { kind: 'none' };
  const pages = await Promise.all(lookupPrefixes(t).map((prefix) => ctx.store.customers.nameKeysStartingWith(prefix, PER_PREFIX)));
  const found = pages.flat().map(({ customer }) => ({ name: customer.name, id: customer.id, item: customer }));
  return rankNames(typed, found, max);
}
