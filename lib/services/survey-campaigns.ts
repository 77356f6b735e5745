import { atHour, localDay, plusDays } from '../domain/calendar';
import type { Customer } from '../domain/customer';
import { ConflictError, NotFoundError } from '../domain/errors';
import { systemActor } from '../domain/staff';
import type { SurveyTemplate } from '../domain/survey';
import {
  type CampaignCounts,
  type CampaignProgress,
  campaignIdOf,
  campaignPlan,
  campaignStartsOn,
  campaignProgress as progressOf,
  reminderDue,
  type SurveyCampaign,
  type WorkingCalendar,
} from '../domain/survey-campaign';
import type { AppContext } from './context';
import { recordItemFailure } from './job-items';
import { createInvitation, deliverLinks, hasSurveyConsent, type InviteRequest, type IssuedLink } from './survey-invitations';
import { resolveTemplate } from './survey-templates';
import { hashSurveyToken, newSurveyToken, surveyLink } from './survey-tokens';

/**
 * Survey campaigns (docs/domain.md, Surveys): the daily `survey-campaigns` job starts a
 * campaign on each configured date (06-15 and 12-15 by default) exactly once —
 * the campaign's id is its date and creating it is a conditional put — and
 * invites every active customer with survey consent. Sending walks the
 * active-stage listing page by page and saves its cursor after each page, so a
 * run that stops is resumed by the next. Reminder rounds (working days 5 and 9)
 * give every non-responder a fresh link. The cost is proportional to the
 * number of active customers, which is what a campaign to all of them is.
 * Each customer is invited on their own: one that fails is logged, counted
 * (`jobs.survey-campaigns.item_failures`) and kept for the next run, which
 * invites it; the others go out.
 */
const JOB = 'survey-campaigns';
const DAY_MS = 86_400_000;
/** campaigns are months apart: only the newest few can still be starting or running */
const RECENT_CAMPAIGNS = 3;
const PARALLEL_INVITES = 8;

export function workingCalendar(ctx: AppContext): WorkingCalendar {
  const b = ctx.config.complaints.businessHours;
  return { weekdays: b.weekdays, holidays: b.holidays, workingDays: b.workingDays };
}

export interface CampaignRun {
  day: string;
  started?: string;
  sent: Array<{ campaignId: string; invited: number; reached: number }>;
  reminded: Array<{ campaignId: string; round: number; reminded: number }>;
  /** invitations that failed on an earlier run and went out on this one */
  retried: Array<{ campaignId: string; invited: number; reached: number }>;
  finished: string[];
}

export async function runSurveyCampaigns(ctx: AppContext, now: Date): Promise<CampaignRun> {
  const cfg = ctx.config.surveys.campaigns;
  const today = localDay(now, ctx.config.company.timeZone);
  const run: CampaignRun = { day: today, sent: [], reminded: [], retried: [], finished: [] };
  if (!cfg.enabled) return run;
  if (campaignStartsOn(today, cfg.dates)) {
    const created = await createCampaign(ctx, today, now);
    if (created) run.started = created.id;
  }
  const { items } = await ctx.store.surveys.campaigns(RECENT_CAMPAIGNS);
  for (const campaign of items) {
    // First what earlier runs failed to send, so a failure of this run waits for the next.
    if (campaign.status !== 'finished' && Date.parse(campaign.expiresOn) > now.getTime()) {
      const retried = await retryFailedInvitations(ctx, campaign, now);
      if (retried.invited) run.retried.push({ campaignId: campaign.id, ...retried });
    }
    if (campaign.status === 'starting') run.sent.push({ campaignId: campaign.id, ...(await sendCampaignInvitations(ctx, campaign, now)) });
  }
  // Re-read: sending may have moved campaigns to running.
  for (const campaign of (await ctx.store.surveys.campaigns(RECENT_CAMPAIGNS)).items) {
    if (campaign.status !== 'running') continue;
    if (Date.parse(campaign.expiresOn) <= now.getTime()) {
      if (await ctx.store.surveys.updateCampaign(campaign.id, 'running', { status: 'finished' }, now.toISOString()))
        run.finished.push(campaign.id);
      continue;
    }
    const round = reminderDue(campaign.plan, campaign.remindersDone, today);
    if (round !== undefined)
      run.reminded.push({ campaignId: campaign.id, round, reminded: await remindCampaign(ctx, campaign, round, now) });
  }
  return run;
}

/** The campaign of `startDay`, created once; undefined when it already exists. */
async function createCampaign(ctx: AppContext, startDay: string, now: Date): Promise<SurveyCampaign | undefined> {
  const cfg = ctx.config.surveys;
  const plan = campaignPlan(startDay, cfg.campaigns, workingCalendar(ctx));
  // Links work at least until the end of the target day, even when holidays stretch it past the usual expiry.
  const targetEnd = atHour(plusDays(plan.targetDay, 1), 0, ctx.config.company.timeZone).getTime();
  const at = now.toISOString();
  const campaign: SurveyCampaign = {
    id: campaignIdOf(startDay),
    startDay,
    templateId: cfg.templates.campaign,
    status: 'starting',
    plan,
    expiresOn: new Date(Math.max(now.getTime() + cfg.tokenExpiryDays * DAY_MS, targetEnd)).toISOString(),
    remindersDone: 0,
    startedAt: at,
    updatedAt: at,
  };
  await resolveTemplate(ctx, campaign.templateId);
  try {
    await ctx.store.transact([ctx.store.surveys.campaignCreateOp(campaign)]);
    return campaign;
  } catch (error) {
    if (error instanceof ConflictError) return undefined;
    throw error;
  }
}

/** Runs `fn` over items with at most `width` in flight. */
async function inParallel<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * Invitations for every active customer, a page at a time; each page's counts
 * and the cursor are saved together, conditional on the cursor this run read,
 * so a second run racing on the same page stops instead of counting twice.
 */
async function sendCampaignInvitations(
  ctx: AppContext,
  campaign: SurveyCampaign,
  now: Date,
): Promise<{ invited: number; reached: number }> {
  const template: SurveyTemplate = await resolveTemplate(ctx, campaign.templateId);
  let cursor = campaign.cursor;
  const total = { invited: 0, reached: 0 };
  for (;;) {
    const page = await ctx.store.customers.list({ stage: 'active' }, ctx.config.surveys.campaigns.pageSize, cursor);
    const eligible = page.items.filter(hasSurveyConsent);
    const outcomes = await inParallel(eligible, PARALLEL_INVITES, (customer: Customer) =>
      inviteOrKeep(ctx, campaign, customer, template, now),
    );
    const issued = outcomes.flatMap((o) => (o && 'issued' in o ? [o.issued] : []));
    const delivered = await deliverLinks(ctx, issued);
    const reached = [...delivered.values()].filter((d) => d.email || d.slack).length;
    const emailed = [...delivered.values()].filter((d) => d.email).length;
    total.invited += issued.length;
    total.reached += reached;
    const counts: Partial<CampaignCounts> = {
      audience: page.items.length,
      noConsent: page.items.length - eligible.length,
      reached,
      emailed,
    };
    const saved = await ctx.store.surveys.updateCampaign(
      campaign.id,
      'starting',
      { cursor: page.cursor, ...(page.cursor ? {} : { status: 'running' as const }) },
      now.toISOString(),
      counts,
      cursor ?? null,
    );
    if (!saved || !page.cursor) return total;
    cursor = page.cursor;
  }
}

function campaignInvite(campaign: SurveyCampaign, customer: Customer, template: SurveyTemplate): InviteRequest {
  return {
    customer,
    trigger: 'campaign',
    occasion: campaign.id,
    template,
    actorId: systemActor.id,
    campaignId: campaign.id,
    answerBy: campaign.plan.targetDay,
    expiresOn: campaign.expiresOn,
  };
}

/** One customer's invitation; a failure is recorded and the customer kept for the next run, not thrown. */
async function inviteOrKeep(ctx: AppContext, campaign: SurveyCampaign, customer: Customer, template: SurveyTemplate, now: Date) {
  try {
    return await createInvitation(ctx, campaignInvite(campaign, customer, template), now);
  } catch (error) {
    await recordItemFailure(ctx, JOB, customer.id, error, now);
    // Not caught: without this mark the page is not saved either, and the whole page is retried.
    await ctx.store.surveys.markCampaignRetry(campaign.id, customer.id, now.toISOString());
    return undefined;
  }
}

/**
 * Customers an earlier run failed to invite: invited now (an invitation that exists already is
 * not made twice), then let go; those who left the audience meanwhile are let go too.
 */
async function retryFailedInvitations(ctx: AppContext, campaign: SurveyCampaign, now: Date): Promise<{ invited: number; reached: number }> {
  const ids = await ctx.store.surveys.campaignRetries(campaign.id, ctx.config.surveys.campaigns.pageSize);
  if (!ids.length) return { invited: 0, reached: 0 };
  const template = await resolveTemplate(ctx, campaign.templateId);
  const outcomes = await inParallel(ids, PARALLEL_INVITES, async (customerId) => {
    try {
      const customer = await ctx.store.customers.get(customerId);
      const outcome =
        customer && customer.lifecycleStage === 'active'
          ? await createInvitation(ctx, campaignInvite(campaign, customer, template), now)
          : undefined;
      await ctx.store.surveys.clearCampaignRetry(campaign.id, customerId);
      return outcome;
    } catch (error) {
      await recordItemFailure(ctx, JOB, customerId, error, now);
      return undefined;
    }
  });
  const issued = outcomes.flatMap((o) => (o && 'issued' in o ? [o.issued] : []));
  const delivered = [...(await deliverLinks(ctx, issued)).values()];
  const reached = delivered.filter((d) => d.email || d.slack).length;
  const emailed = delivered.filter((d) => d.email).length;
  if (reached) await ctx.store.transact([ctx.store.surveys.campaignCountOp(campaign.id, { reached, emailed }, Math.random())]);
  return { invited: issued.length, reached };
}

/** Reminder round `round`: a fresh link (same expiry) for each non-responder who still consents. */
async function remindCampaign(ctx: AppContext, campaign: SurveyCampaign, round: number, now: Date): Promise<number> {
  const at = now.toISOString();
  let cursor: string | undefined;
  let reminded = 0;
  let failed = 0;
  do {
    const page = await ctx.store.surveys.pendingOfCampaign(campaign.id, ctx.config.surveys.campaigns.pageSize, cursor);
    const fresh = await inParallel(page.items, PARALLEL_INVITES, async (inv): Promise<IssuedLink | undefined> => {
      if (inv.remindersSent >= round) return undefined;
      try {
        const customer = await ctx.store.customers.get(inv.customerId);
        if (!customer || !hasSurveyConsent(customer)) return undefined;
        const token = newSurveyToken();
        await ctx.store.transact(ctx.store.surveys.reminderOps(inv, hashSurveyToken(token), round, at));
        return { invitation: inv, customer, link: surveyLink(ctx.config.publicBaseUrl, token) };
      } catch (error) {
        if (error instanceof ConflictError) return undefined;
        failed++;
        await recordItemFailure(ctx, JOB, inv.id, error, now);
        return undefined;
      }
    });
    const issued = fresh.filter((l): l is IssuedLink => l !== undefined);
    await deliverLinks(ctx, issued, { reminder: true });
    reminded += issued.length;
    if (issued.length) await ctx.store.surveys.updateCampaign(campaign.id, 'running', {}, at, { reminded: issued.length });
    cursor = page.cursor;
  } while (cursor);
  // With a failure the round stays due: the next run reminds only those still without this round's link.
  if (!failed) await ctx.store.surveys.updateCampaign(campaign.id, 'running', { remindersDone: round }, at);
  return reminded;
}

export interface CampaignReport {
  campaign: SurveyCampaign;
  counts: CampaignCounts;
  progress: CampaignProgress;
  targets: { reach: number; answer: number; workingDays: number; targetDay: string };
}

/** Progress against the targets (≥ 95 % reached, ≥ 95 % answered within 10 working days): one Query. */
export async function campaignProgress(ctx: AppContext, campaignId: string): Promise<CampaignReport> {
  const found = await ctx.store.surveys.campaign(campaignId);
  if (!found) throw new NotFoundError('survey campaign', campaignId);
  const cfg = ctx.config.surveys.campaigns;
  return {
    campaign: found.campaign,
    counts: found.counts,
    progress: progressOf(found.counts, cfg),
    targets: {
      reach: cfg.reachTarget,
      answer: cfg.answerTarget,
      workingDays: cfg.targetWorkingDays,
      targetDay: found.campaign.plan.targetDay,
    },
  };
}

export async function listCampaigns(
  ctx: AppContext,
  limit: number,
  cursor?: string,
): Promise<{ items: CampaignReport[]; cursor?: string }> {
  const page = await ctx.store.surveys.campaigns(limit, cursor);
  return { items: await Promise.all(page.items.map((c) => campaignProgress(ctx, c.id))), cursor: page.cursor };
}
