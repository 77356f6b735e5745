import type { CustomerDataSource } from './customer-data-source';

/**
 * Right of access and erasure cover complaints: each complaint with its own
 * timeline and audit trail. Daily counters and recurrence occurrences hold no
 * personal data (counts, ids), so the statistics stay.
 */
export const complaintCustomerData: CustomerDataSource = {
  name: 'complaints',
  async export(ctx, customerId) {
    const complaints = await ctx.store.complaints.ofCustomer(customerId);
    return Promise.all(complaints.map(async (c) => ({ ...c, timeline: (await ctx.store.complaints.withTimeline(c.id)).timeline })));
  },
  async erase(ctx, customerId) {
    const complaints = await ctx.store.complaints.ofCustomer(customerId);
    for (const c of complaints) {
      // The audit trail first: a retry after a failure still finds the complaint, and with it the rest.
      await ctx.store.audit.eraseRecords('complaint', [c.id]);
      await ctx.store.complaints.erase(c.id);
    }
  },
};
