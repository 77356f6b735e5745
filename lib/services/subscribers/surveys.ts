import { subscribe } from '../events';
import { invitationIdOf } from '../survey-invitations';
import { inviteAutomatically } from '../surveys';

/**
 * Surveys react to other features. Both triggers are idempotent: the
 * invitation id is a hash of trigger + customer + occasion, so a replayed
 * event finds the invitation already there and sends nothing.
 */

// After every resolved complaint: a CSAT survey (docs/domain.md, Surveys).
subscribe('complaint.resolved', async (ctx, e) => {
  await inviteAutomatically(
    ctx,
    {
      customerId: e.customerId,
      trigger: 'complaint-resolved',
      occasion: e.complaintId,
      complaintId: e.complaintId,
      templateId: ctx.config.surveys.templates.complaintResolved,
    },
    new Date(e.at),
  );
});

// A cancelled complaint's satisfaction survey is withdrawn: there is nothing left to ask about.
subscribe('complaint.cancelled', async (ctx, e) => {
  await ctx.store.surveys.withdrawInvitation(invitationIdOf('complaint-resolved', e.customerId, e.complaintId), e.at);
});

// After a return visit.
subscribe('care.task_done', async (ctx, e) => {
  if (e.kind !== 'return-visit') return;
  await inviteAutomatically(
    ctx,
    {
      customerId: e.customerId,
      trigger: 'return-visit',
      occasion: e.taskId,
      taskId: e.taskId,
      templateId: ctx.config.surveys.templates.returnVisit,
    },
    new Date(e.at),
  );
});
