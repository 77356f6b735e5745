import * as z from 'zod';
import { DomainError, NotFoundError } from '../domain/errors';
import { surveyAnswerFor } from '../domain/masking';
import type { Actor } from '../domain/staff';
import {
  effectiveStatus,
  type InvitationStatus,
  primaryScore,
  type SurveyInvitation,
  type SurveyTrigger,
  templateIdParam,
} from '../domain/survey';
import { parseInput } from '../domain/validation';
import type { AppContext } from './context';
import { companyDay, createInvitation, type Delivery, deliverLinks } from './survey-invitations';
import { resolveTemplate } from './survey-templates';

export { campaignProgress, listCampaigns } from './survey-campaigns';
/**
 * Survey use cases shared by Slack, REST and the scheduler. The page's own
 * steps are in survey-answers.ts, campaigns in survey-campaigns.ts, results in
 * survey-results.ts; the Slack and digest engineers need only this module.
 */
export { surveyResults } from './survey-results';

/** An invitation as staff and the API see it: no link hashes, the template by id. */
export interface InvitationView extends Omit<SurveyInvitation, 'tokenHashes' | 'template' | 'status'> {
  status: InvitationStatus;
  kind: SurveyInvitation['template']['kind'];
}

export function invitationView(inv: SurveyInvitation, now: Date): InvitationView {
  const { tokenHashes: _hashes, template, ...rest } = inv;
  return { ...rest, kind: template.kind, status: effectiveStatus(inv, now) };
}

export const sendSurveyInput = z
  .object({
    customerId: z.string().min(1).max(64),
    trigger: z.literal('manual').default('manual'),
    templateId: templateIdParam.optional(),
  })
  .strict();

export interface SentSurvey {
  invitation: InvitationView;
  /** the customer's link: shown once, never stored */
  link: string;
  delivered: Delivery;
}

/**
 * A survey sent by hand (Slack `/crm survey`, REST). One per customer per day
 * (a second click or a Slack retry is refused, not sent twice); no consent, no
 * survey. The link comes back to the caller and goes to the owner's DM unless
 * the caller is the owner, and by email when the customer allows it.
 */
export async function sendSurvey(ctx: AppContext, actor: Actor, raw: unknown, now: Date): Promise<SentSurvey> {
  const input = parseInput(sendSurveyInput, raw, 'survey');
  const customer = await ctx.store.customers.mustGet(input.customerId);
  const template = await resolveTemplate(ctx, input.templateId ?? ctx.config.surveys.templates.manual);
  const outcome = await createInvitation(
    ctx,
    { customer, trigger: input.trigger, occasion: companyDay(ctx, now), template, actorId: actor.id },
    now,
  );
  if ('skipped' in outcome) {
    if (outcome.skipped === 'no-consent') {
      throw new DomainError(
        'conflict',
        `customer ${customer.id} has not agreed to receive surveys`,
        { customerId: customer.id },
        'survey.error.no_consent',
      );
    }
    throw new DomainError(
      'conflict',
      `customer ${customer.id} was already sent a survey today`,
      { invitationId: outcome.invitationId },
      'survey.error.already_sent',
    );
  }
  const delivered = await deliverLinks(ctx, [outcome.issued], { skipDmTo: actor.id });
  return {
    invitation: invitationView(outcome.issued.invitation, now),
    link: outcome.issued.link,
    delivered: delivered.get(outcome.issued.invitation.id)!,
  };
}

/**
 * An automatic invitation (resolved complaint, return visit): silently nothing
 * without consent or when this occasion already has one, so a replayed event
 * sends nothing twice.
 */
export async function inviteAutomatically(
  ctx: AppContext,
  req: {
    customerId: string;
    trigger: Exclude<SurveyTrigger, 'manual' | 'campaign'>;
    occasion: string;
    templateId: string;
    complaintId?: string;
    taskId?: string;
  },
  now: Date,
): Promise<SentSurvey | undefined> {
  const customer = await ctx.store.customers.get(req.customerId);
  if (!customer) return undefined;
  const template = await resolveTemplate(ctx, req.templateId);
  const outcome = await createInvitation(ctx, { ...req, customer, template, actorId: 'system' }, now);
  if ('skipped' in outcome) return undefined;
  const delivered = await deliverLinks(ctx, [outcome.issued]);
  return {
    invitation: invitationView(outcome.issued.invitation, now),
    link: outcome.issued.link,
    delivered: delivered.get(outcome.issued.invitation.id)!,
  };
}

/** An invitation and its answer as `actor` sees it (the comment and free-text answers masked for agents outside the customer). */
export async function getInvitation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  now: Date,
): Promise<InvitationView & { response?: unknown }> {
  const inv = await ctx.store.surveys.invitation(id);
  if (!inv) throw new NotFoundError('survey', id);
  const response = inv.status === 'answered' ? await ctx.store.surveys.response(id) : undefined;
  return { ...invitationView(inv, now), ...(response ? { response: surveyAnswerFor(actor, response) } : {}) };
}

/** A customer's surveys, newest first. */
export async function surveysOfCustomer(ctx: AppContext, customerId: string, now: Date, limit = 20): Promise<InvitationView[]> {
  return (await ctx.store.surveys.invitationsOfCustomer(customerId, limit)).map((i) => invitationView(i, now));
}

/** The customer card's "last survey": the newest answered invitation among the recent ones. */
export async function lastSurveyOf(
  ctx: AppContext,
  customerId: string,
): Promise<{ score: number; scale: string; answeredAt: string } | undefined> {
  const answered = (await ctx.store.surveys.invitationsOfCustomer(customerId, 10)).find((i) => i.status === 'answered');
  if (!answered) return undefined;
  const response = await ctx.store.surveys.response(answered.id);
  const score = response ? primaryScore(response.kind, response.scores) : undefined;
  return response && score !== undefined ? { score, scale: response.kind, answeredAt: response.answeredAt } : undefined;
}
