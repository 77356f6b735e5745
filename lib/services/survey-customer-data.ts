import { localDay } from '../domain/calendar';
import { ConflictError } from '../domain/errors';
import { increments, metric } from '../domain/metrics';
import type { SurveyInvitation } from '../domain/survey';
import type { AppContext } from './context';
import type { CustomerDataSource } from './customer-data-source';

/** Right of access and erasure cover invitations, answers and links. Counters keep only numbers. */
export const surveyCustomerData: CustomerDataSource = {
  name: 'surveys',
  async export(ctx, customerId) {
    const invitations = await ctx.store.surveys.invitationsOfCustomer(customerId);
    return Promise.all(
      invitations.map(async ({ tokenHashes: _hashes, ...inv }) => ({
        ...inv,
        response: inv.status === 'answered' ? await ctx.store.surveys.response(inv.id) : undefined,
      })),
    );
  },
  async erase(ctx, customerId) {
    const invitations = await ctx.store.surveys.invitationsOfCustomer(customerId);
    // Everything but the invitations first: a retry after a failure still finds them, and with them the rest.
    await ctx.store.surveys.eraseLinkedItems(invitations);
    await ctx.store.audit.eraseRecords(
      'survey',
      invitations.map((i) => i.id),
    );
    for (const invitation of invitations) await eraseInvitation(ctx, invitation);
  },
};

/**
 * An erased customer's invitations leave the response rate (surveys.sent and
 * surveys.answered, on the days they were counted); the anonymous score
 * counters stay. The counters move in the same transaction as the invitation
 * is deleted, on condition that it is still there, so a repeated erase moves
 * them once.
 */
async function eraseInvitation(ctx: AppContext, inv: SurveyInvitation): Promise<void> {
  const { store } = ctx;
  const zone = ctx.config.company.timeZone;
  // Sent and answered on one day must be one ADD per item: a transaction may touch an item only once.
  const byDay = new Map<string, Record<string, number>>();
  const uncount = (at: string, names: readonly string[]) => {
    const day = localDay(new Date(at), zone);
    const add = increments([names], inv.ownerId, -1);
    const sum = byDay.get(day) ?? {};
    for (const [name, by] of Object.entries(add)) sum[name] = (sum[name] ?? 0) + by;
    byDay.set(day, sum);
  };
  uncount(inv.sentAt, metric.surveySent(inv.trigger));
  if (inv.status === 'answered' && inv.answeredAt) uncount(inv.answeredAt, metric.surveyAnswered(inv.trigger));
  const counted = [...byDay].flatMap(([day, metrics]) => store.counters.incrementOps(day, metrics));
  try {
    await store.transact([store.surveys.invitationEraseOp(inv.id), ...counted, ...campaignUncount(ctx, inv)]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // erased meanwhile: its counters moved with it
  }
}

/**
 * A campaign's progress without the erased customer: out of its audience, invited, answered
 * (in target when it was). Delivery is not recorded per invitation; nearly every link reaches
 * its owner's DM, so the invitation leaves `reached` too, which keeps reach at most 100 %.
 */
function campaignUncount(ctx: AppContext, inv: SurveyInvitation) {
  if (!inv.campaignId) return [];
  const answered = inv.status === 'answered' && inv.answeredAt !== undefined;
  const inTarget =
    answered && inv.answerBy !== undefined && localDay(new Date(inv.answeredAt!), ctx.config.company.timeZone) <= inv.answerBy;
  return [
    ctx.store.surveys.campaignCountOp(
      inv.campaignId,
      { audience: -1, invited: -1, reached: -1, ...(answered ? { answered: -1 } : {}), ...(inTarget ? { answeredInTarget: -1 } : {}) },
      Math.random(),
    ),
  ];
}
