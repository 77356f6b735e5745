import type { Db, WriteOp } from './db';
import { putAll } from './item';

declare const bulkItemBrand: unique symbol;

/**
 * An item a bulk load writes with a plain put (derived index items: name keys,
 * care schedule). Opaque outside the store: callers carry it from the
 * repository that built it to `store.putAll`, and never see its keys.
 */
export type BulkItem = { readonly [bulkItemBrand]: true };

export const asBulkItems = (items: Array<Record<string, unknown>>): BulkItem[] => items as unknown as BulkItem[];

/** The unconditional puts among ops, as bulk items; the rest stay ops for a transaction. */
export function splitPlainPuts(ops: WriteOp[]): { conditional: WriteOp[]; plain: BulkItem[] } {
  const conditional: WriteOp[] = [];
  const plain: Array<Record<string, unknown>> = [];
  for (const op of ops) {
    const put = op.item.Put;
    if (put && !put.ConditionExpression) plain.push(put.Item as Record<string, unknown>);
    else conditional.push(op);
  }
  return { conditional, plain: asBulkItems(plain) };
}

export const putBulkItems = (db: Db, items: BulkItem[]) => putAll(db, items as unknown as Array<Record<string, unknown>>);
