import type { CustomerSummary } from '../store/customers';
import type { AppContext } from './context';

/**
 * Customers whose name (characters, pinyin, initials or a Latin word)
 * starts with what was typed: one Query on the name keys. Light enough for a
 * Slack option list, which must answer within three seconds.
 */
export async function searchCustomerNames(ctx: AppContext, query: string, limit: number): Promise<CustomerSummary[]> {
  const q = query.trim();
  return q ? (await ctx.store.customers.searchByName(q, limit)).items : [];
}
