import { MAX_TRANSACTION_ITEMS, type WriteOp } from './db';

/**
 * Packs units of writes (an imported row's profile and claims, say) into as
 * few transactions as DynamoDB allows: at most `maxUnits` units and 100 items
 * each, and never two ops on one item in the same transaction (DynamoDB
 * refuses a transaction naming an item twice), so such units go to the next.
 * Lazy: a caller preparing units as it goes gets each group as soon as it is full.
 */
export function* packTransactions<T>(units: Iterable<T>, opsOf: (unit: T) => WriteOp[], maxUnits: number): Generator<T[]> {
  let current: T[] = [];
  let items = 0;
  let keys = new Set<string>();
  for (const unit of units) {
    const ops = opsOf(unit);
    const own = ops.map(itemOf);
    if (current.length && (current.length >= maxUnits || items + ops.length > MAX_TRANSACTION_ITEMS || own.some((k) => keys.has(k)))) {
      yield current;
      current = [];
      items = 0;
      keys = new Set();
    }
    current.push(unit);
    items += ops.length;
    for (const k of own) keys.add(k);
  }
  if (current.length) yield current;
}

function itemOf(op: WriteOp): string {
  const body = Object.values(op.item)[0] as { Item?: Record<string, unknown>; Key?: Record<string, unknown> };
  const key = body.Item ?? body.Key ?? {};
  return `${String(key.pk)}|${String(key.sk)}`;
}
