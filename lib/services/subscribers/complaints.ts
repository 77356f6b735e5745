import { deleteAll } from '../../store/item';
import { registerCustomerData } from '../customer-data';

/**
 * Right of access and erasure cover complaints: each complaint with its own
 * timeline and audit trail. Daily counters and recurrence occurrences hold no
 * personal data (counts, ids), so the statistics stay.
 */
registerCustomerData({
  name: 'complaints',
  async export(ctx, customerId) {
    const complaints = await ctx.store.complaints.ofCustomer(customerId);
    return Promise.all(complaints.map(async (c) => ({ ...c, timeline: (await ctx.store.complaints.withTimeline(c.id)).timeline })));
  },
  async erase(ctx, customerId) {
    const complaints = await ctx.store.complaints.ofCustomer(customerId);
    for (const c of complaints) {
      await deleteAll(ctx.store.db, [
        ...(await ctx.store.audit.keysForRecord('complaint', c.id)),
        ...(await ctx.store.complaints.partitionKeys(c.id)),
      ]);
    }
  },
});
