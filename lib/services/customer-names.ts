import type { CustomerSummary } from '../domain/customer-summary';
import type { AckContext } from './context';

/**
 * Customers whose name (characters, pinyin, initials or a Latin word)
 * starts with what was typed: one Query on the name keys. Light enough for a
 * Slack option list, which must answer within three seconds.
 */
export async function searchCustomerNames(ctx: AckContext, query: string, limit: number): Promise<CustomerSummary[]> {
  const q = query.trim();
  return q ? (await ctx.store.customers.searchByName(q, limit)).items : [];
}

/** A customer's id and name, for a form or a reply that names them (NotFoundError when absent). */
export async function customerName(ctx: AckContext, id: string): Promise<{ id: string; name: string }> {
  const customer = await ctx.store.customers.mustGet(id);
  return { id: customer.id, name: customer.name };
}

/** The same, or undefined when the customer is gone (a button on an old message). */
export async function customerNameIfAny(ctx: AckContext, id: string): Promise<{ id: string; name: string } | undefined> {
  const customer = await ctx.store.customers.get(id);
  return customer ? { id: customer.id, name: customer.name } : undefined;
}
