import type { AppContext } from './context';

/**
 * What each feature holds on a customer outside the customer's own partition
 * (complaints, care tasks, survey invitations…). Export and erase ask every
 * source, so a right-of-access or erasure request covers the whole product.
 * Features register in lib/services/subscribers/<feature>.ts.
 */
export interface CustomerDataSource {
  name: string;
  export(ctx: AppContext, customerId: string): Promise<unknown>;
  /** delete (or anonymise, where a record must stay for statistics) everything held; idempotent */
  erase(ctx: AppContext, customerId: string): Promise<void>;
}

const sources: CustomerDataSource[] = [];

export function registerCustomerData(source: CustomerDataSource): void {
  if (!sources.some((s) => s.name === source.name)) sources.push(source);
}

export async function exportFeatureData(ctx: AppContext, customerId: string): Promise<Record<string, unknown>> {
  const entries = await Promise.all(sources.map(async (s) => [s.name, await s.export(ctx, customerId)] as const));
  return Object.fromEntries(entries);
}

export async function eraseFeatureData(ctx: AppContext, customerId: string): Promise<void> {
  for (const source of sources) await source.erase(ctx, customerId);
}
