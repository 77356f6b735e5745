import type { Customer, LifecycleStage, Tier } from './customer';

/** A row of search results: enough to show a pick list without reading each profile. */
export interface CustomerSummary {
  id: string;
  name: string;
  kind: Customer['kind'];
  company?: string;
  tier: Tier;
  ownerId: string;
  lifecycleStage: LifecycleStage;
  city?: string;
}

export const summaryOf = (
  c: Pick<Customer, 'id' | 'name' | 'kind' | 'company' | 'tier' | 'ownerId' | 'lifecycleStage' | 'address'>,
): CustomerSummary => ({
  id: c.id,
  name: c.name,
  kind: c.kind,
  company: c.company,
  tier: c.tier,
  ownerId: c.ownerId,
  lifecycleStage: c.lifecycleStage,
  city: c.address?.city,
});
