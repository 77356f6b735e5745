import { LastContactMovedError, type WriteOp } from '../store';
import type { AppContext } from './context';

/**
 * Writes a contact's changes together with the customer's last-contact time,
 * which only ever moves forward. When a concurrent contact moved it past `at`
 * between our read and our write, the condition refuses the move: the change is
 * then written again with a plain existence check instead, so simultaneous
 * notes on one customer all land (none is refused with a 409) and the latest
 * time wins whatever the order of commits. Returns the last contact the
 * customer now has as far as this write knows.
 */
export async function transactWithLastContact(
  ctx: AppContext,
  customer: { id: string; lastInteractionAt?: string },
  at: string,
  ops: WriteOp[],
): Promise<string> {
  const { store } = ctx;
  if (customer.lastInteractionAt && customer.lastInteractionAt >= at) {
    await store.transact([store.customers.existsCheck(customer.id), ...ops]);
    return customer.lastInteractionAt;
  }
  try {
    await store.transact([store.timeline.touchLastContactOp(customer.id, at), ...ops]);
    return at;
  } catch (error) {
    if (!(error instanceof LastContactMovedError)) throw error;
    await store.transact([store.customers.existsCheck(customer.id), ...ops]);
    return (await store.customers.mustGet(customer.id)).lastInteractionAt ?? at;
  }
}
