import { createHash } from 'node:crypto';
import { localDay } from '../domain/calendar';
import { ConflictError, DomainError } from '../domain/errors';
import type { Interaction } from '../domain/interaction';
import { increments, metric } from '../domain/metrics';
import { systemActor } from '../domain/staff';
import {
  answerSchema,
  commentOf,
  effectiveStatus,
  isLowScore,
  primaryScore,
  type Scores,
  type SurveyInvitation,
  type SurveyResponse,
  SurveyUnavailableError,
  scoresOf,
} from '../domain/survey';
import { parseInput } from '../domain/validation';
import { tSurvey as t } from '../i18n/survey-messages';
import { auditOp, newId } from '../store';
import type { AppContext } from './context';
import { deliverCommitted, stageEvent } from './events';
import { withdrawSurveyConsent } from './survey-consent';
import { hashSurveyToken, isWellFormedToken } from './survey-tokens';

/**
 * What the survey page does with a link: show it (and mark it opened), take
 * the one answer it accepts, or turn survey consent off. An unknown, expired
 * or answered link is one and the same "unavailable" to every caller.
 */
export async function liveInvitation(
  ctx: AppContext,
  token: string,
  now: Date,
  opts: { answered?: boolean } = {},
): Promise<SurveyInvitation | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const link = await ctx.store.surveys.token(hashSurveyToken(token));
  // TTL deletion lags by up to days, so expiry is checked here as well.
  if (!link || Date.parse(link.expiresOn) <= now.getTime()) return undefined;
  const inv = await ctx.store.surveys.invitation(link.invitationId);
  if (!inv) return undefined;
  const status = effectiveStatus(inv, now);
  if (status === 'expired' || (status === 'answered' && !opts.answered)) return undefined;
  return inv;
}

/** The language of the invitation behind a link, whatever its state (the "unavailable" page speaks it). */
export async function invitationLocale(ctx: AppContext, token: string): Promise<SurveyInvitation['locale'] | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const link = await ctx.store.surveys.token(hashSurveyToken(token));
  return link ? (await ctx.store.surveys.invitation(link.invitationId))?.locale : undefined;
}

/** The page's GET: the invitation to render, marked opened on its first view. */
export async function openSurvey(ctx: AppContext, token: string, now: Date): Promise<SurveyInvitation | undefined> {
  const inv = await liveInvitation(ctx, token, now);
  if (inv?.status === 'sent') {
    await ctx.store.surveys.markOpened(inv.id, now.toISOString());
    return { ...inv, status: 'opened', openedAt: now.toISOString() };
  }
  return inv;
}

/**
 * Fixed-window limits on submissions, per link and per client IP. IPs are
 * kept only as a hash, in an item that expires with its window.
 */
export async function allowSubmission(ctx: AppContext, token: string, sourceIp: string, now: Date): Promise<boolean> {
  const { windowSeconds, perToken, perIp } = ctx.config.surveys.rateLimit;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const window = nowSeconds - (nowSeconds % windowSeconds);
  const expiresAt = window + windowSeconds + 60;
  const ipHash = createHash('sha256').update(`ip:${sourceIp}`).digest('hex').slice(0, 32);
  const [ipOk, tokenOk] = await Promise.all([
    ctx.store.surveys.rateLimitHit('survey-ip', ipHash, window, perIp, expiresAt),
    // An ill-formed token never reaches the table, so it needs no counter of its own.
    isWellFormedToken(token)
      ? ctx.store.surveys.rateLimitHit('survey-token', hashSurveyToken(token).slice(0, 32), window, perToken, expiresAt)
      : true,
  ]);
  return ipOk && tokenOk;
}

function answerMetrics(inv: SurveyInvitation, scores: Scores): Record<string, number> {
  const names = [
    ...metric.surveyAnswered(inv.trigger),
    ...(scores.nps !== undefined ? metric.npsAnswer(scores.nps) : []),
    ...(scores.csat !== undefined ? metric.csatAnswer(scores.csat) : []),
    ...(scores.ces !== undefined ? [metric.cesAnswer] : []),
  ];
  return {
    ...increments(names, inv.ownerId),
    ...(scores.ces !== undefined ? increments([metric.cesScoreSum], inv.ownerId, scores.ces) : {}),
  };
}

/** Another transaction on a shared counter item can cancel ours; the conditions make a retry safe. */
const TRANSACTION_RETRIES = 3;

/**
 * The answer: validated against the template the link was sent with, then in
 * one transaction the invitation becomes "answered" (only from sent/opened and
 * before expiry: the single-response guarantee), the response lands in the
 * time index, with timeline entry, daily counters, audit and campaign counts.
 */
export async function submitSurvey(
  ctx: AppContext,
  token: string,
  form: Record<string, unknown>,
  now: Date,
): Promise<{ invitation: SurveyInvitation; response: SurveyResponse }> {
  const inv = await liveInvitation(ctx, token, now);
  if (!inv) throw new SurveyUnavailableError();
  const answers = parseInput(answerSchema(inv.template), form, 'survey answer');
  const scores = scoresOf(inv.template, answers);
  const comment = commentOf(inv.template, answers);
  const customer = await ctx.store.customers.get(inv.customerId);
  const at = now.toISOString();
  const response: SurveyResponse = {
    invitationId: inv.id,
    customerId: inv.customerId,
    customerName: customer?.name ?? '',
    ownerId: inv.ownerId,
    tier: inv.tier,
    trigger: inv.trigger,
    templateId: inv.templateId,
    kind: inv.template.kind,
    answers,
    scores,
    ...(comment ? { comment } : {}),
    lowScore: isLowScore(scores, ctx.config.surveys.lowScore),
    answeredAt: at,
    ...(inv.complaintId ? { complaintId: inv.complaintId } : {}),
    ...(inv.campaignId ? { campaignId: inv.campaignId } : {}),
  };
  const locale = ctx.config.company.defaultLocale;
  const score = primaryScore(inv.template.kind, scores);
  const entry: Interaction = {
    id: newId('int', now.getTime()),
    customerId: inv.customerId,
    kind: 'survey',
    summary: t(locale, 'survey.timeline.answered', { kind: t(locale, `survey.kind.${inv.template.kind}`), score: score ?? '—' }),
    ...(comment ? { outcome: comment.slice(0, 2000) } : {}),
    refId: inv.id,
    by: 'customer',
    at,
  };
  const inTarget = inv.answerBy !== undefined && localDay(now, ctx.config.company.timeZone) <= inv.answerBy;
  const { store } = ctx;
  const answered = stageEvent(
    ctx,
    {
      type: 'survey.answered',
      at: response.answeredAt,
      invitationId: inv.id,
      customerId: inv.customerId,
      trigger: inv.trigger,
      kind: response.kind,
      ...(score !== undefined ? { score } : {}),
      lowScore: response.lowScore,
      ...(inv.complaintId ? { complaintId: inv.complaintId } : {}),
    },
    now,
  );
  const ops = [
    answered.op,
    ...store.surveys.answerOps(inv, response),
    ...(customer ? [store.timeline.addOp(entry)] : []),
    ...store.counters.incrementOps(localDay(now, ctx.config.company.timeZone), answerMetrics(inv, scores)),
    auditOp({ at, actor: 'customer', action: 'survey.answered', entity: 'survey', entityId: inv.id }),
    ...(inv.campaignId
      ? [store.surveys.campaignCountOp(inv.campaignId, { answered: 1, ...(inTarget ? { answeredInTarget: 1 } : {}) }, Math.random())]
      : []),
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      await store.transact(ops);
      break;
    } catch (error) {
      if (error instanceof ConflictError && attempt < TRANSACTION_RETRIES) continue;
      throw error;
    }
  }
  // The complaint's verdict and the low-score alert follow from the event (lib/services/survey-follow-ups.ts).
  await deliverCommitted(ctx, [answered], now);
  return { invitation: { ...inv, status: 'answered', answeredAt: at }, response };
}

const CONSENT_RETRIES = 3;

/**
 * The page's opt-out: survey consent off on the customer, through the same
 * update (audit, optimistic lock, `customer.updated` event) staff use. Allowed
 * while the link has not expired, answered or not.
 */
export async function optOutOfSurveys(ctx: AppContext, token: string, now: Date): Promise<void> {
  const inv = await liveInvitation(ctx, token, now, { answered: true });
  if (!inv) throw new SurveyUnavailableError();
  // The link itself stops asking: an unanswered invitation is withdrawn, so the form is not shown again.
  if (inv.status !== 'answered') await ctx.store.surveys.withdrawInvitation(inv.id, now.toISOString());
  for (let attempt = 0; ; attempt++) {
    const customer = await ctx.store.customers.get(inv.customerId);
    if (!customer || customer.consent?.surveys === false) return;
    try {
      await withdrawSurveyConsent(ctx, systemActor, customer, now);
      return;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'precondition_failed' && attempt < CONSENT_RETRIES) continue;
      throw error;
    }
  }
}
