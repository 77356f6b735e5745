import * as z from 'zod';
import { changedFields } from '../domain/audit';
import { atHour, type Day, daysBetween, localDay, plusDays } from '../domain/calendar';
import {
  type Breakdowns,
  breakdownsOf,
  changesOf,
  type DaySums,
  dailySeries,
  digestFigures,
  type FigureKey,
  netOpenChange,
  type OwnerRow,
  ownerRowsOf,
  type PeriodStates,
  snapshotOf,
} from '../domain/digest';
import {
  type DigestFrequency,
  type DigestSubscription,
  daysOf,
  digestSubscriptions,
  duePeriod,
  isSendDay,
  nextPeriod,
  type Period,
  periodBefore,
  periodContaining,
  periodDays,
  periodToDate,
} from '../domain/digest-period';
import { ForbiddenError, NotFoundError, ValidationError, VersionMismatchError } from '../domain/errors';
import { type Actor, atLeast, type Staff } from '../domain/staff';
import { parseInput } from '../domain/validation';
import type { Locale } from '../i18n';
import { auditOp } from '../store';
import type { AppContext } from './context';
import type { DigestContent, DigestLists } from './digest-content';
import { ensureDailySnapshot, quarterToDate, type SnapshotOutcome } from './digest-snapshot';
import { type AtRiskKeyAccounts, atRiskKeyAccounts, detractorsIn, type LiveState, readLiveState } from './digest-sources';
import { recordItemFailure } from './job-items';
import type { DigestView, ManagerDigestNotice } from './notices';
import { countMetric, productMetric } from './product-metrics';

/**
 * Manager digests (docs/domain.md, Digests and metrics): a period's figures beside the previous
 * period's, a per-owner table and three lists, sent as a `manager-digest` notice
 * (the Slack adapter adds the chart).
 * Everything comes from the daily counters of the period's days (plus the
 * previous period's and the day before each) and from sparse indexes of open
 * work, so a digest's cost follows the days in its period, not the records.
 * The figures are company-wide and the same for every manager: one job run
 * builds each period once and renders it in each manager's language.
 */

/** The staff record as the digest keeps it: when the current subscription started. */
export type DigestStaff = Staff & { digestSubscribedAt?: string };

export type { DigestContent, DigestLists, OverdueRow } from './digest-content';

/** Reads shared by every digest of one job run (and by one preview). */
interface DigestRun {
  live(): Promise<LiveState>;
  atRisk(): Promise<AtRiskKeyAccounts>;
  names(): Promise<Record<string, string>>;
  content(current: Period, previous: Period, opts: ContentOptions): Promise<DigestContent>;
}

interface ContentOptions {
  lists: boolean;
  partial: boolean;
}

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
};

function newRun(ctx: AppContext, now: Date): DigestRun {
  const live = once(() => readLiveState(ctx, now));
  const atRisk = once(() => atRiskKeyAccounts(ctx));
  const names = once(async () => Object.fromEntries((await ctx.store.staff.all()).map((s) => [s.slackUserId, s.name])));
  const built = new Map<string, Promise<DigestContent>>();
  const run: DigestRun = {
    live,
    atRisk,
    names,
    content(current, previous, opts) {
      const key = `${current.key}|${current.end}|${previous.end}|${opts.lists}|${opts.partial}`;
      let p = built.get(key);
      if (!p) built.set(key, (p = buildContent(ctx, run, current, previous, now, opts)));
      return p;
    },
  };
  return run;
}

const unique = (days: Day[]) => [...new Set(days)];

async function buildContent(
  ctx: AppContext,
  run: DigestRun,
  current: Period,
  previous: Period,
  now: Date,
  opts: ContentOptions,
): Promise<DigestContent> {
  const cfg = ctx.config.digest;
  const zone = ctx.config.company.timeZone;
  const today = localDay(now, zone);
  const curDays = periodDays(current);
  const prevDays = periodDays(previous);
  const baseDay = plusDays(current.start, -1);
  const prevBaseDay = plusDays(previous.start, -1);
  // States at the end come from its snapshot; a recent end without one is derived from the live counts and the counters since.
  const derivable = daysBetween(current.end, today) <= cfg.deriveOpenMaxDays;
  const after = derivable && current.end < today ? daysOf(plusDays(current.end, 1), today) : [];
  const sums = await ctx.store.counters.forDays(unique([prevBaseDay, ...prevDays, baseDay, ...curDays, ...after]));
  const needsLive = opts.lists || (!snapshotOf(sums.get(current.end)) && derivable);
  const live = needsLive ? await run.live() : undefined;

  const end = statesAtEnd(sums, current.end, plusDays(today, -1), live, after);
  const prevSnap = snapshotOf(sums.get(previous.end));
  const adjacent = plusDays(previous.end, 1) === current.start;
  const states: PeriodStates = {
    ...end,
    customerBaseAtStart: snapshotOf(sums.get(baseDay))?.customerBase ?? null,
    keyAccountsContactedQuarter: await quarterToDate(ctx, sums, current.end),
  };
  const previousStates: PeriodStates = {
    complaintsOpen:
      prevSnap?.complaintsOpen ?? (adjacent && end.complaintsOpen !== null ? end.complaintsOpen - netOpenChange(sums, curDays) : null),
    complaintsOverdue: prevSnap?.complaintsOverdue ?? null,
    careTasksOverdue: prevSnap?.careTasksOverdue ?? null,
    customerBaseAtStart: snapshotOf(sums.get(prevBaseDay))?.customerBase ?? null,
    keyAccountsContactedQuarter: await quarterToDate(ctx, sums, previous.end),
  };
  const figures = digestFigures(sums, curDays, states);
  const previousFigures = digestFigures(sums, prevDays, previousStates);
  return {
    kind: current.kind,
    period: current,
    previous,
    partial: opts.partial,
    figures,
    previousFigures,
    changes: changesOf(figures, previousFigures),
    breakdowns: breakdownsOf(sums, curDays, cfg.rootCauses),
    owners: ownerRowsOf(sums, curDays, live?.overdueByOwner),
    ...(opts.lists && live ? { lists: await listsOf(ctx, run, live, current, now) } : {}),
    series: dailySeries(sums, adjacent ? [...prevDays, ...curDays] : curDays),
    liveCapped: live?.capped ?? false,
    generatedAt: now.toISOString(),
  };
}

function statesAtEnd(sums: DaySums, end: Day, yesterday: Day, live: LiveState | undefined, after: Day[]) {
  const snap = snapshotOf(sums.get(end));
  if (snap)
    return { complaintsOpen: snap.complaintsOpen, complaintsOverdue: snap.complaintsOverdue, careTasksOverdue: snap.careTasksOverdue };
  if (!live) return { complaintsOpen: null, complaintsOverdue: null, careTasksOverdue: null };
  // Overdue counts are taken now: close enough to an end that is yesterday or today, unknown for an older one.
  const recent = end >= yesterday;
  return {
    complaintsOpen: live.complaintsOpen - netOpenChange(sums, after),
    complaintsOverdue: recent ? live.complaintsOverdue : null,
    careTasksOverdue: recent ? live.careTasksOverdue : null,
  };
}

async function listsOf(ctx: AppContext, run: DigestRun, live: LiveState, period: Period, now: Date): Promise<DigestLists> {
  const zone = ctx.config.company.timeZone;
  const from = atHour(period.start, 0, zone);
  const to = new Date(Math.min(atHour(plusDays(period.end, 1), 0, zone).getTime(), now.getTime()));
  const [detractors, atRisk] = await Promise.all([
    detractorsIn(ctx, { from, to }).catch((error: unknown) => {
      ctx.logger.warn('digest: detractor list failed', { error: error as Error });
      return null;
    }),
    run.atRisk(),
  ]);
  return {
    overdueComplaints: live.latestOverdue.map((c) => ({
      id: c.id,
      customerId: c.customerId,
      customerName: c.customerName,
      severity: c.severity,
      category: c.category,
      assigneeId: c.assigneeId,
      ...(c.nextDeadlineAt ? { deadlineAt: c.nextDeadlineAt } : {}),
    })),
    detractors,
    atRiskKeyAccounts: atRisk,
  };
}

// ── Recipients ───────────────────────────────────────────────────────────────

async function managersAndAdmins(ctx: AppContext): Promise<DigestStaff[]> {
  const [managers, admins] = await Promise.all([ctx.store.staff.withRole('manager'), ctx.store.staff.withRole('admin')]);
  const byId = new Map<string, DigestStaff>();
  for (const s of [...managers, ...admins]) byId.set(s.slackUserId, s);
  return [...byId.values()];
}

const subscriptionOf = (ctx: AppContext, s: DigestStaff): DigestSubscription => s.digest ?? ctx.config.digest.defaultFrequency;
const viewOf = (ctx: AppContext, s: DigestStaff | undefined, names: Record<string, string>): DigestView => ({
  locale: (s?.locale ?? ctx.config.company.defaultLocale) as Locale,
  timeZone: s?.timeZone ?? ctx.config.company.timeZone,
  names,
});

// ── Use cases ────────────────────────────────────────────────────────────────

/** A digest as it would be sent: the notice itself, which each channel renders. */
export type BuiltDigest = ManagerDigestNotice;

const digestNotice = (ctx: AppContext, content: DigestContent, view: DigestView): ManagerDigestNotice => ({
  kind: 'manager-digest',
  locale: view.locale,
  content,
  view,
  ownerRows: ctx.config.digest.ownerRows,
  chart: ctx.config.digest.chart.enabled,
});

/** One manager's digest for a complete period, as it would be sent (nothing is sent or claimed). */
export async function buildDigest(ctx: AppContext, managerId: string, period: Period, now: Date): Promise<BuiltDigest> {
  return buildWith(ctx, newRun(ctx, now), managerId, period);
}

async function buildWith(ctx: AppContext, run: DigestRun, managerId: string, period: Period): Promise<BuiltDigest> {
  const [manager, content, names] = await Promise.all([
    ctx.store.staff.get(managerId) as Promise<DigestStaff | undefined>,
    run.content(period, periodBefore(period.kind, period.start), { lists: true, partial: false }),
    run.names(),
  ]);
  return digestNotice(ctx, content, viewOf(ctx, manager, names));
}

/** `/crm digest`: the manager's digest for the period so far, beside the same days of the previous period. */
export async function buildDigestPreview(ctx: AppContext, actor: Actor, now: Date): Promise<BuiltDigest> {
  if (!atLeast(actor.role, 'manager')) throw new ForbiddenError('Only managers and admins receive digests', 'digest.error.managers_only');
  const run = newRun(ctx, now);
  const [manager, names] = await Promise.all([ctx.store.staff.get(actor.id) as Promise<DigestStaff | undefined>, run.names()]);
  const sub = manager ? subscriptionOf(ctx, manager) : ctx.config.digest.defaultFrequency;
  const kind: DigestFrequency = sub === 'off' ? 'weekly' : sub;
  const view = viewOf(ctx, manager, names);
  const soFar = periodToDate(kind, localDay(now, view.timeZone));
  const current: Period = { ...soFar.current, end: soFar.upTo.end };
  const previous: Period = { ...soFar.previous, end: soFar.comparison.end };
  const content = await run.content(current, previous, { lists: true, partial: true });
  return digestNotice(ctx, content, view);
}

export interface SubscriptionResult {
  subscription: DigestSubscription;
  /** the first period this subscription reports, and the day it is sent */
  first?: { period: Period; sendDay: Day };
}

const subscriptionInput = z.object({ frequency: z.enum(digestSubscriptions) }).strict();

/** `/crm digest subscribe weekly|daily|monthly|off`: kept on the staff record; the first digest is for the next whole period. */
export async function setDigestSubscription(ctx: AppContext, actor: Actor, frequency: unknown, now: Date): Promise<SubscriptionResult> {
  const { frequency: subscription } = parseInput(subscriptionInput, { frequency }, 'digest subscription');
  if (!atLeast(actor.role, 'manager')) throw new ForbiddenError('Only managers and admins receive digests', 'digest.error.managers_only');
  const at = now.toISOString();
  for (let attempt = 0; ; attempt++) {
    const before = (await ctx.store.staff.get(actor.id)) as DigestStaff | undefined;
    if (!before) throw new NotFoundError('staff', actor.id);
    const after: DigestStaff = { ...before, digest: subscription, digestSubscribedAt: at, updatedAt: at, version: before.version + 1 };
    try {
      await ctx.store.transact([
        ctx.store.staff.putOp(after, before.version),
        auditOp({
          at,
          actor: actor.id,
          action: 'staff.digest_subscription',
          entity: 'staff',
          entityId: actor.id,
          changes: changedFields(before, after),
        }),
      ]);
      return {
        subscription,
        ...(subscription === 'off'
          ? {}
          : { first: firstDigestOf(ctx, subscription, localDay(now, after.timeZone ?? ctx.config.company.timeZone)) }),
      };
    } catch (error) {
      // Someone edited the record meanwhile (an admin changing the role): read it again.
      if (!(error instanceof VersionMismatchError) || attempt >= 2) throw error;
    }
  }
}

function firstDigestOf(ctx: AppContext, kind: DigestFrequency, subscribedOn: Day): { period: Period; sendDay: Day } {
  const containing = periodContaining(kind, subscribedOn);
  const period = containing.start >= subscribedOn ? containing : nextPeriod(containing);
  let sendDay = plusDays(period.end, 1);
  // Every kind has a send day within a week: the bound keeps a bad configuration from spinning.
  for (let i = 0; i < 7 && !isSendDay(kind, sendDay, ctx.config.digest.weekday); i++) sendDay = plusDays(sendDay, 1);
  return { period, sendDay };
}

export interface DigestRunSummary {
  snapshot: SnapshotOutcome | 'failed';
  sent: string[];
  alreadySent: string[];
  failed: string[];
}

const CLAIM_SCOPE = 'digest';

/**
 * The hourly `digest` job: the day's snapshot, then every manager and admin whose
 * digest is due at this hour in their zone. Each (manager, period) is claimed
 * before sending, so a job that runs twice — one after the other or at once —
 * sends it once; a failed post gives the claim back for the next hour's run.
 * The channel adapter adds the chart after the message, so a failed chart
 * leaves a complete digest.
 */
export async function sendDueDigests(ctx: AppContext, now: Date): Promise<DigestRunSummary> {
  const cfg = ctx.config.digest;
  const run = newRun(ctx, now);
  const summary: DigestRunSummary = { snapshot: 'failed', sent: [], alreadySent: [], failed: [] };
  try {
    summary.snapshot = await ensureDailySnapshot(ctx, now, run.live);
  } catch (error) {
    ctx.logger.error('digest: daily snapshot failed', { error: error as Error });
  }
  const rule = { sendHour: cfg.sendHour, weeklyIsoWeekday: cfg.weekday };
  for (const manager of await managersAndAdmins(ctx)) {
    // One bad stored record (an unknown time zone, say) stops only that manager's digest.
    try {
      await sendOneDigest(ctx, run, manager, now, rule, summary);
    } catch (error) {
      summary.failed.push(manager.slackUserId);
      await recordItemFailure(ctx, 'digest', manager.slackUserId, error, now);
    }
  }
  return summary;
}

async function sendOneDigest(
  ctx: AppContext,
  run: DigestRun,
  manager: DigestStaff,
  now: Date,
  rule: { sendHour: number; weeklyIsoWeekday: number },
  summary: DigestRunSummary,
): Promise<void> {
  const cfg = ctx.config.digest;
  {
    const period = duePeriod(
      {
        subscription: subscriptionOf(ctx, manager),
        timeZone: manager.timeZone ?? ctx.config.company.timeZone,
        subscribedAt: manager.digestSubscribedAt ?? manager.createdAt,
      },
      now,
      rule,
    );
    if (!period) return;
    const id = [manager.slackUserId, period.key];
    if (!(await ctx.store.idempotency.claim(CLAIM_SCOPE, id, now, cfg.claimTtlDays * 86_400))) {
      summary.alreadySent.push(manager.slackUserId);
      return;
    }
    try {
      const built = await buildWith(ctx, run, manager.slackUserId, period);
      await ctx.notices.send({ staff: manager.slackUserId }, built);
    } catch (error) {
      ctx.logger.error('digest: send failed; the next run retries', {
        manager: manager.slackUserId,
        period: period.key,
        error: error as Error,
      });
      await ctx.store.idempotency.release(CLAIM_SCOPE, id, now);
      throw error;
    }
    summary.sent.push(manager.slackUserId);
    countMetric(productMetric.digestsSent);
  }
}

// ── Monthly report (REST) ────────────────────────────────────────────────────

// Years 2000–2100 only: outside them the day arithmetic of a report has no meaning (and wrapped at year 1).
export const monthlyReportQuery = z
  .object({ month: z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, 'a month such as 2026-11, years 2000–2100') })
  .strict();

export interface MonthlyReport {
  month: string;
  period: { start: Day; end: Day };
  previous: { month: string; start: Day; end: Day };
  /** the month has not ended yet: its figures are so far */
  partial: boolean;
  generatedAt: string;
  figures: Array<{ key: FigureKey; value: number | null; previous: number | null; delta: number | null; relative: number | null }>;
  breakdowns: Breakdowns;
  owners: Array<OwnerRow & { name?: string }>;
}

/** `GET /api/reports/monthly?month=YYYY-MM`: the digest's figures for a calendar month (company time zone). */
export async function monthlyReport(ctx: AppContext, actor: Actor, raw: unknown, now: Date): Promise<MonthlyReport> {
  const { month } = parseInput(monthlyReportQuery, raw, 'report query');
  if (!atLeast(actor.role, 'manager')) throw new ForbiddenError('Only managers and admins see reports', 'digest.error.managers_only');
  const today = localDay(now, ctx.config.company.timeZone);
  if (month > today.slice(0, 7))
    throw new ValidationError(`month ${month} has not started yet`, [{ path: 'month', message: 'must not be in the future' }]);
  const current = periodContaining('monthly', `${month}-01`);
  const previous = periodBefore('monthly', current.start);
  const partial = current.end >= today;
  const run = newRun(ctx, now);
  const [content, names] = await Promise.all([
    run.content(partial ? { ...current, end: today } : current, previous, { lists: false, partial }),
    run.names(),
  ]);
  return {
    month,
    period: { start: current.start, end: current.end },
    previous: { month: previous.key, start: previous.start, end: previous.end },
    partial,
    generatedAt: content.generatedAt,
    figures: (Object.keys(content.figures) as FigureKey[]).map((key) => ({
      key,
      value: content.figures[key],
      previous: content.previousFigures[key],
      delta: content.changes[key].delta,
      relative: content.changes[key].relative,
    })),
    breakdowns: content.breakdowns,
    owners: content.owners.map((o) => ({ ...o, ...(names[o.ownerId] ? { name: names[o.ownerId] } : {}) })),
  };
}
