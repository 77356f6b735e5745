import type { CustomerSummary } from '../domain/customer-summary';
import { lookupPrefixes, type RankedName, type Resolution, rankNames, typedName, typoPrefixes } from '../domain/name-match';
import type { AppContext } from './context';

/**
 * A customer named in a question, resolved against the whole directory: a few Queries on the
 * name keys (as typed, its core, its sound, and both halves for typos; lib/domain/name-match.ts
 * says which), run in parallel, then ranked. Never a Scan: the cost does not grow with the
 * number of customers, only with how many share a prefix (capped by `PER_PREFIX`).
 */
const PER_PREFIX = 30;
/** Half a spelling is a looser prefix ("~nosnhoj" is every Johnson): read more of it. */
const PER_TYPO_PREFIX = 100;

export type CustomerResolution = Resolution<CustomerSummary>;
export type CustomerMatch = RankedName<CustomerSummary>;

export async function resolveCustomerName(ctx: AppContext, typed: string, max = 5): Promise<CustomerResolution> {
  const t = typedName(typed);
  if (!t.whole) return { kind: 'none' };
  const lookUp = async (prefixes: string[], limit = PER_PREFIX) =>
    (await Promise.all(prefixes.map((prefix) => ctx.store.customers.nameKeysStartingWith(prefix, limit))))
      .flat()
      .map(({ customer }) => ({ name: customer.name, id: customer.id, item: customer }));
  const found = await lookUp(lookupPrefixes(t));
  const first = rankNames(typed, found, max);
  if (first.kind === 'one') return first;
  // nothing certain as typed: look for typos too, and rank everything found
  const typos = typoPrefixes(t);
  return typos.length ? rankNames(typed, [...found, ...(await lookUp(typos, PER_TYPO_PREFIX))], max) : first;
}
