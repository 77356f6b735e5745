import { createHash } from 'node:crypto';
import { localDay } from '../domain/calendar';
import type { Customer } from '../domain/customer';
import { ConflictError } from '../domain/errors';
import type { Interaction } from '../domain/interaction';
import { increments, metric } from '../domain/metrics';
import { invitationClaimKey, type SurveyInvitation, type SurveyTemplate, type SurveyTrigger } from '../domain/survey';
import { surnameOf } from '../domain/survey-greeting';
import { type Locale, t } from '../i18n';
import { surveyGreeting } from '../i18n/survey-greeting';
import { auditOp, newId } from '../store';
import type { AppContext } from './context';
import type { LowScoreAlert, SurveyLinkLine } from './notices';
import { countMetric, productMetric } from './product-metrics';
import { hashSurveyToken, newSurveyToken, surveyLink } from './survey-tokens';

/**
 * Creating an invitation and getting its link to the customer. An invitation
 * is claimed once per customer and trigger occasion (its id is a hash of the
 * claim key); its link is delivered right after the commit, because the token
 * exists only in memory: a Slack DM to the owner, who forwards it (WeChat,
 * SMS…), and an email when the customer has an address and contact consent.
 */
export interface InviteRequest {
  customer: Customer;
  trigger: SurveyTrigger;
  /** a complaint, task or campaign id, or the day for manual sends */
  occasion: string;
  template: SurveyTemplate;
  actorId: string;
  complaintId?: string;
  taskId?: string;
  campaignId?: string;
  answerBy?: string;
  /** campaign links all expire together; otherwise tokenExpiryDays from now */
  expiresOn?: string;
}

export interface IssuedLink {
  invitation: SurveyInvitation;
  customer: Customer;
  link: string;
}

export type InviteOutcome = { issued: IssuedLink } | { skipped: 'no-consent' | 'already-invited'; invitationId?: string };

const DAY_MS = 86_400_000;

export const hasSurveyConsent = (c: Customer) => c.consent?.surveys !== false;
const mayEmail = (c: Customer) => c.consent?.contact !== false && c.emails.length > 0;

export function invitationIdOf(trigger: SurveyTrigger, customerId: string, occasion: string): string {
  return `inv_${createHash('sha256')
    .update(invitationClaimKey(trigger, customerId, occasion))
    .digest('hex')
    .slice(0, 32)}`;
}

export const companyDay = (ctx: AppContext, now: Date) => localDay(now, ctx.config.company.timeZone);

export async function createInvitation(ctx: AppContext, req: InviteRequest, now: Date): Promise<InviteOutcome> {
  const { customer } = req;
  if (!hasSurveyConsent(customer)) return { skipped: 'no-consent' };
  const at = now.toISOString();
  const token = newSurveyToken();
  const hash = hashSurveyToken(token);
  const invitation: SurveyInvitation = {
    id: invitationIdOf(req.trigger, customer.id, req.occasion),
    customerId: customer.id,
    ownerId: customer.ownerId,
    tier: customer.tier,
    trigger: req.trigger,
    occasion: req.occasion,
    ...(req.complaintId ? { complaintId: req.complaintId } : {}),
    ...(req.taskId ? { taskId: req.taskId } : {}),
    ...(req.campaignId ? { campaignId: req.campaignId } : {}),
    ...(req.answerBy ? { answerBy: req.answerBy } : {}),
    templateId: req.template.id,
    template: req.template,
    locale: customer.locale ?? ctx.config.company.defaultLocale,
    // Only with a known salutation: 张先生 is polite, a bare 张 or 三 is not.
    ...(customer.salutation && surnameOf(customer.name, customer.kind)
      ? { surname: surnameOf(customer.name, customer.kind), salutation: customer.salutation }
      : {}),
    status: 'sent',
    sentAt: at,
    sentBy: req.actorId,
    expiresOn: req.expiresOn ?? new Date(now.getTime() + ctx.config.surveys.tokenExpiryDays * DAY_MS).toISOString(),
    remindersSent: 0,
    tokenHashes: [hash],
  };
  const { store } = ctx;
  const locale = ctx.config.company.defaultLocale;
  const entry: Interaction = {
    id: newId('int', now.getTime()),
    customerId: customer.id,
    kind: 'survey',
    summary: t(locale, 'survey.timeline.sent', {
      kind: t(locale, `survey.kind.${req.template.kind}`),
      trigger: t(locale, `survey.trigger.${req.trigger}`),
    }),
    refId: invitation.id,
    by: req.actorId,
    at,
  };
  try {
    await store.transact([
      store.surveys.invitationCreateOp(invitation),
      store.surveys.tokenPutOp(hash, invitation.id, invitation.expiresOn),
      store.customers.existsCheck(customer.id),
      store.timeline.addOp(entry),
      ...store.counters.incrementOps(companyDay(ctx, now), increments([metric.surveySent(req.trigger)], customer.ownerId)),
      auditOp({
        at,
        actor: req.actorId,
        action: 'survey.sent',
        entity: 'survey',
        entityId: invitation.id,
        note: `${req.trigger} ${req.template.id} → ${customer.id}`,
      }),
      ...(req.campaignId ? [store.surveys.campaignCountOp(req.campaignId, { invited: 1 }, Math.random())] : []),
    ]);
  } catch (error) {
    if (error instanceof ConflictError && error.key === 'survey.error.already_sent')
      return { skipped: 'already-invited', invitationId: invitation.id };
    throw error;
  }
  countMetric(productMetric.surveysSent);
  return { issued: { invitation, customer, link: surveyLink(ctx.config.publicBaseUrl, token) } };
}

export interface Delivery {
  email: boolean;
  slack: boolean;
}

async function ownerLocale(ctx: AppContext, ownerId: string): Promise<Locale> {
  try {
    return (await ctx.store.staff.get(ownerId))?.locale ?? ctx.config.company.defaultLocale;
  } catch {
    return ctx.config.company.defaultLocale;
  }
}

async function emailLink(ctx: AppContext, { invitation, customer, link }: IssuedLink): Promise<boolean> {
  const locale = invitation.locale;
  const company = ctx.config.company.name;
  const greeting = surveyGreeting(locale, invitation);
  try {
    await ctx.notices.send(
      { email: customer.emails[0]! },
      {
        kind: 'survey-invitation',
        locale,
        company,
        greeting,
        link,
        expiryDays: Math.max(1, Math.round((Date.parse(invitation.expiresOn) - Date.parse(invitation.sentAt)) / DAY_MS)),
      },
    );
    return true;
  } catch (error) {
    ctx.logger.warn('survey email failed', { invitationId: invitation.id, error: error as Error });
    return false;
  }
}

/**
 * Email where allowed, then one DM per owner (in chunks of `linksPerMessage`)
 * listing their customers' links. `skipDmTo`: the person who asked for the
 * survey already sees the link in their reply.
 */
export async function deliverLinks(
  ctx: AppContext,
  links: IssuedLink[],
  opts: { reminder?: boolean; skipDmTo?: string } = {},
): Promise<Map<string, Delivery>> {
  const result = new Map<string, Delivery>(links.map((l) => [l.invitation.id, { email: false, slack: false }]));
  for (const l of links) if (mayEmail(l.customer)) result.get(l.invitation.id)!.email = await emailLink(ctx, l);
  const byOwner = new Map<string, IssuedLink[]>();
  for (const l of links) {
    if (l.invitation.ownerId === opts.skipDmTo) continue;
    byOwner.set(l.invitation.ownerId, [...(byOwner.get(l.invitation.ownerId) ?? []), l]);
  }
  const { linksPerMessage, tokenExpiryDays } = ctx.config.surveys;
  for (const [ownerId, owned] of byOwner) {
    const locale = await ownerLocale(ctx, ownerId);
    for (let i = 0; i < owned.length; i += linksPerMessage) {
      const chunk = owned.slice(i, i + linksPerMessage);
      const lines: SurveyLinkLine[] = chunk.map((l) => ({
        customerId: l.customer.id,
        customerName: l.customer.name,
        link: l.link,
        kind: l.invitation.template.kind,
        trigger: l.invitation.trigger,
        emailed: result.get(l.invitation.id)!.email,
      }));
      try {
        await ctx.notices.send(
          { staff: ownerId },
          { kind: 'survey-links', locale, lines, expiryDays: tokenExpiryDays, ...(opts.reminder ? { reminder: true } : {}) },
        );
        for (const l of chunk) result.get(l.invitation.id)!.slack = true;
      } catch (error) {
        ctx.logger.warn('survey link DM failed', { ownerId, links: chunk.length, error: error as Error });
      }
    }
  }
  return result;
}

/** The owner hears about a low score at once, in their language. */
export async function alertOwner(ctx: AppContext, ownerId: string, alert: LowScoreAlert): Promise<void> {
  try {
    await ctx.notices.send({ staff: ownerId }, { kind: 'low-score-alert', locale: await ownerLocale(ctx, ownerId), alert });
  } catch (error) {
    ctx.logger.error('survey low-score alert failed', { ownerId, customerId: alert.customerId, error: error as Error });
  }
}
