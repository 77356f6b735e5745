import { careCustomerData } from './care-customer-data';
import { complaintCustomerData } from './complaint-customer-data';
import type { AppContext } from './context';
import type { CustomerDataSource } from './customer-data-source';
import { surveyCustomerData } from './survey-customer-data';

/**
 * Export and erase ask every feature's source (complaints, care tasks, survey
 * invitations…), so a right-of-access or erasure request covers the whole product.
 * Listed here rather than registered by each feature at load time: an erase must
 * not depend on which modules an entry point happened to import.
 */
const sources: readonly CustomerDataSource[] = [careCustomerData, complaintCustomerData, surveyCustomerData];

export async function exportFeatureData(ctx: AppContext, customerId: string): Promise<Record<string, unknown>> {
  const entries = await Promise.all(sources.map(async (s) => [s.name, await s.export(ctx, customerId)] as const));
  return Object.fromEntries(entries);
}

export async function eraseFeatureData(ctx: AppContext, customerId: string): Promise<void> {
  for (const source of sources) await source.erase(ctx, customerId);
}
