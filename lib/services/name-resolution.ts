import type { CustomerSummary } from '../domain/customer-summary';
import {
  FIT_SCORE,
  lookupPrefixes,
  type RankedName,
  type Resolution,
  rankNames,
  type TypedName,
  typedName,
  typoPrefixes,
} from '../domain/name-match';
import type { AppContext } from './context';

/**
 * A customer named in a question, resolved against the whole directory: a few Queries on the
 * name keys (as typed, its core, its sound, and both halves for typos; lib/domain/name-match.ts
 * says which), run in parallel, then ranked. Never a Scan: the cost does not grow with the
 * number of customers, only with how many share a prefix (capped by `PER_PREFIX`).
 *
 * Every Query is a round trip that other questions on the table queue behind, so the lookup
 * stops as soon as the answer can no longer change: a name typed exactly as one customer's is
 * answered from its own Query without waiting for the others, and the typo round (two looser,
 * larger Queries, a second round trip) runs only when the first found nothing a typo could beat.
 */
const PER_PREFIX = 30;
/** Half a spelling is a looser prefix ("~nosnhoj" is every Johnson): read more of it. */
const PER_TYPO_PREFIX = 100;

export type CustomerResolution = Resolution<CustomerSummary>;
export type CustomerMatch = RankedName<CustomerSummary>;

interface Found {
  name: string;
  id: string;
  item: CustomerSummary;
  /** the item's sort key, `<name key>#<customer id>` */
  sk: string;
}

export async function resolveCustomerName(ctx: AppContext, typed: string, max = 5): Promise<CustomerResolution> {
  const t = typedName(typed);
  if (!t.whole) return { kind: 'none' };
  const lookUp = async (prefix: string, limit: number): Promise<Found[]> =>
    (await ctx.store.customers.nameKeysStartingWith(prefix, limit)).map(({ key, customer }) => ({
      name: customer.name,
      id: customer.id,
      item: customer,
      sk: `${key}#${customer.id}`,
    }));
  const prefixes = lookupPrefixes(t);
  const queries = prefixes.map((prefix) => lookUp(prefix, PER_PREFIX));
  // When the name as typed settles it the others are not awaited: keep their failures from going unhandled.
  for (const query of queries) query.catch(() => {});
  const asTyped = await queries[prefixes.indexOf(t.whole)];
  const exact = asTyped && onlyExactFit(t, asTyped);
  if (exact) return exact;
  const found = (await Promise.all(queries)).flat();
  const first = rankNames(typed, found, max);
  const typos = typoRoundCanChange(t, first) ? typoPrefixes(t) : [];
  if (!typos.length) return first;
  const more = (await Promise.all(typos.map((prefix) => lookUp(prefix, PER_TYPO_PREFIX)))).flat();
  return rankNames(typed, [...found, ...more], max);
}

/**
 * The answer when exactly one customer's name is what was typed and the Query of that text read
 * every item keyed by it: any other exact fit would have the same key (name-keys.ts indexes each
 * whole name), and those items are one contiguous run of the sort order (`<text>#<id>`), so
 * either the Query ended early or its last item lies past that run. Then nothing another Query
 * finds can tie with an exact fit, and the ranking of all of them would give this same answer.
 */
function onlyExactFit(t: TypedName, found: Found[]): CustomerResolution | undefined {
  const run = `${t.whole}#`;
  const last = found[found.length - 1];
  const readAll =
    found.length < PER_PREFIX || (last && !last.sk.startsWith(run) && Buffer.compare(Buffer.from(last.sk), Buffer.from(run)) > 0);
  if (!readAll) return undefined;
  const ranked = rankNames(
    t.raw,
    found.filter((f) => f.sk.startsWith(run)),
  );
  return ranked.kind === 'one' && ranked.match.fit === 'exact' ? ranked : undefined;
}

/**
 * Whether the typo round could change the first round's answer: not after a certain answer, not
 * for a surname with a title (王总 fits only by surname, never by a typo), and not when the best
 * fit already scores above any typo. Nothing found, or only weak fits, looks further.
 */
function typoRoundCanChange(t: TypedName, first: CustomerResolution): boolean {
  if (first.kind === 'one' || t.surname) return false;
  return first.kind === 'none' || (first.candidates[0]?.score ?? 0) <= FIT_SCORE.typo;
}
