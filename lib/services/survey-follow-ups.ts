import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { isCsatSatisfied } from '../domain/survey';
import { t } from '../i18n';
import { recordFollowUpResult, reopenAfterDissatisfiedFollowUp } from './complaints';
import type { AppContext } from './context';
import type { DomainEvent } from './events';
import { alertOwner } from './survey-invitations';

/**
 * What an answer sets off once it has committed (a subscriber of `survey.answered`, so the
 * public survey function only records the answer): a complaint follow-up records the
 * customer's verdict (dissatisfied reopens the complaint), and a low score alerts the owner.
 * Safe to run again: the verdict is recorded only on a resolved or closed complaint, once.
 * A failed verdict throws, so the event is delivered again; the alert itself only logs a failure.
 */
export async function followUpSurveyAnswer(ctx: AppContext, e: Extract<DomainEvent, { type: 'survey.answered' }>): Promise<void> {
  const [inv, response] = await Promise.all([ctx.store.surveys.invitation(e.invitationId), ctx.store.surveys.response(e.invitationId)]);
  if (!inv || !response) return; // erased meanwhile
  const now = new Date(e.at);
  const locale = ctx.config.company.defaultLocale;
  const csat = response.scores.csat;
  let reopened: string | undefined;
  if (inv.complaintId && inv.trigger === 'complaint-resolved' && csat !== undefined) {
    if (csat <= ctx.config.surveys.lowScore.csat) {
      const comment = response.comment ? `: ${response.comment.slice(0, 300)}` : '';
      const after = await reopenAfterDissatisfiedFollowUp(
        ctx,
        inv.complaintId,
        t(locale, 'survey.reopen_reason', { score: csat, comment }),
        now,
      );
      if (after.status === 'reopened') reopened = inv.complaintId;
    } else if (isCsatSatisfied(csat)) {
      await recordFollowUpResult(ctx, inv.complaintId, true, now, t(locale, 'survey.followup_note', { score: csat }));
    }
  }
  if (response.lowScore) {
    // The alert names the scale that was low (a custom template may carry both).
    const low = response.scores.nps !== undefined && response.scores.nps <= ctx.config.surveys.lowScore.nps ? 'nps' : 'csat';
    await alertOwner(ctx, inv.ownerId, {
      customerId: inv.customerId,
      customerName: response.customerName || inv.firstName || inv.customerId,
      kind: low,
      score: response.scores[low]!,
      trigger: inv.trigger,
      answeredAtLocal: format(now, 'yyyy-MM-dd HH:mm', { in: tz(ctx.config.company.timeZone) }),
      ...(response.comment ? { comment: response.comment } : {}),
      ...(reopened ? { reopenedComplaintId: reopened } : {}),
    });
  }
}
