import { createHash } from 'node:crypto';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Config } from '../config';
import { changedFields } from '../domain/audit';
import {
  applyTransition,
  escalationLevelOf,
  followUpSampleOf,
  newComplaint,
  openingMetrics,
  type TransitionResult,
  withFollowUpResult,
} from '../domain/complaint-lifecycle';
import {
  type Complaint,
  type ComplaintTimelineEntry,
  type ComplaintTransition,
  complaintTransition,
  isActive,
  listComplaintsQuery,
  openComplaintInput,
} from '../domain/complaint-schemas';
import { type SlaRules, withSchedule } from '../domain/complaint-sla';
import { ConflictError, NotFoundError, ValidationError, VersionMismatchError } from '../domain/errors';
import type { Interaction } from '../domain/interaction';
import { complaintFor } from '../domain/masking';
import { increments } from '../domain/metrics';
import { type Actor, systemActor } from '../domain/staff';
import { parseInput } from '../domain/validation';
import { t } from '../i18n';
import { auditOp, ComplaintExistsError, newId, type Page, type WriteOp } from '../store';
import {
  companyLocale,
  escalationRecipients,
  notifyAll,
  postToComplaintsChannel,
  refreshComplaintsChannel,
  sendNotice,
  staffDirectory,
} from './complaint-notices';
import type { AppContext } from './context';
import { checkRecurrences } from './corrective-actions';
import { type DomainEvent, deliverCommitted, type StagedEvent, stageEvent } from './events';

/**
 * Complaint use cases (docs/domain.md, Complaints), shared by the Slack bot, the REST API
 * and the surveys feature. Every change is one TransactWriteItems: the
 * complaint (version-checked), its own timeline entry, the customer timeline,
 * the audit event, the daily counters and any recurrence occurrence. Messages,
 * domain events and recurrence checks follow the commit.
 */

/** The SLA rules of the configuration, in the company's time zone. */
export function slaRules(config: Config): SlaRules {
  const c = config.complaints;
  return {
    calendar: { ...c.businessHours, timeZone: config.company.timeZone },
    targets: c.sla,
    warnAt: c.warnAt,
    managersAfterBreach: c.managersAfterBreach,
  };
}

const MAX_ID = 100;
const mustExist = (c: Complaint | undefined, id: string): Complaint => {
  if (!c) throw new NotFoundError('complaint', id);
  return c;
};

/** A retried create with the same Idempotency-Key lands on the same id, so the second put fails and returns the first. */
function complaintIdFor(actor: Actor, now: Date, idempotencyKey?: string): string {
  if (!idempotencyKey) return newId('cmp', now.getTime());
  const digest = createHash('sha256').update(`${actor.id}\n${idempotencyKey}`).digest('hex').slice(0, 26);
  return `cmp_k${digest}`;
}

function customerEntry(c: Complaint, summary: string, outcome: string | undefined, by: string, at: string, now: Date): Interaction {
  return {
    id: newId('int', now.getTime()),
    customerId: c.customerId,
    kind: 'complaint',
    summary,
    ...(outcome ? { outcome } : {}),
    refId: c.id,
    by,
    at,
  };
}

function complaintEntry(
  c: Complaint,
  by: string,
  now: Date,
  entry: Omit<ComplaintTimelineEntry, 'id' | 'complaintId' | 'at' | 'by'>,
): ComplaintTimelineEntry {
  return { id: newId('cte', now.getTime()), complaintId: c.id, at: now.toISOString(), by, ...entry };
}

/** What the audit keeps: every changed field except the bookkeeping the timeline already tells. */
function auditChanges(before: object, after: object) {
  const { statusHistory: _h, alertsSent: _s, nextAlert: _n, ...changes } = changedFields(before, after);
  return changes;
}

export interface OpenOptions {
  /** a retry with the same key returns the complaint created by the first call */
  idempotencyKey?: string;
}

export async function openComplaint(ctx: AppContext, actor: Actor, raw: unknown, now: Date, opts: OpenOptions = {}): Promise<Complaint> {
  const input = parseInput(openComplaintInput, raw, 'complaint');
  const receiverId = input.receiverId ?? (actor.kind === 'staff' ? actor.id : undefined);
  if (!receiverId) {
    throw new ValidationError('receiverId is required when the caller is not a staff member', [
      { path: 'receiverId', message: 'required: the staff member who took the complaint' },
    ]);
  }
  const [customer, receiver] = await Promise.all([
    ctx.store.customers.mustGet(input.customerId),
    receiverId === actor.id ? Promise.resolve(true) : ctx.store.staff.get(receiverId),
  ]);
  if (!receiver)
    throw new ValidationError(`receiverId ${receiverId} is not a staff member`, [{ path: 'receiverId', message: 'not a staff member' }]);
  const cfg = ctx.config.complaints;
  const rules = slaRules(ctx.config);
  const id = complaintIdFor(actor, now, opts.idempotencyKey);
  const complaint = newComplaint(
    input,
    {
      id,
      customerName: customer.name,
      receiverId,
      followUpSample: followUpSampleOf(id, cfg.followUpSample.rate, cfg.followUpSample.onSiteShare),
      intakeEscalationLevel: escalationLevelOf(cfg.intakeEscalation[input.severity]),
    },
    actor.id,
    now,
    rules,
  );
  const at = complaint.createdAt;
  const locale = companyLocale(ctx);
  const resolved = complaint.status === 'resolved';
  const params = {
    category: t(locale, `complaint.category.${complaint.category}`),
    severity: t(locale, `complaint.severity.${complaint.severity}`),
  };
  const { store } = ctx;
  const events = [
    stageEvent(
      ctx,
      {
        type: 'complaint.opened',
        at,
        complaintId: id,
        customerId: complaint.customerId,
        severity: complaint.severity,
        category: complaint.category,
        assigneeId: complaint.assigneeId,
      },
      now,
    ),
    ...(resolved ? [stageEvent(ctx, resolvedEvent(complaint), now)] : []),
  ];
  const ops: WriteOp[] = [
    ...events.map((e) => e.op),
    store.complaints.createOp(complaint),
    store.complaints.timelineOp(
      complaintEntry(complaint, actor.id, now, { action: 'open', toStatus: complaint.status, text: complaint.description }),
    ),
    store.timeline.addOp(
      customerEntry(
        complaint,
        t(locale, resolved ? 'complaint.timeline.opened_resolved' : 'complaint.timeline.opened', params),
        complaint.resolution?.solution,
        actor.id,
        at,
        now,
      ),
    ),
    auditOp({ at, actor: actor.id, action: 'complaint.opened', entity: 'complaint', entityId: id, changes: auditChanges({}, complaint) }),
    ...store.counters.incrementOps(counterDay(ctx, now), increments(openingMetrics(complaint), complaint.assigneeId)),
    store.complaints.occurrenceOp('category', complaint.category, at, id),
    ...(complaint.resolution ? [store.complaints.occurrenceOp('root-cause', complaint.resolution.rootCauseKey, at, id)] : []),
  ];
  try {
    await store.transact(ops);
  } catch (error) {
    if (error instanceof ComplaintExistsError && opts.idempotencyKey) return mustExist(await store.complaints.get(id), id);
    throw error;
  }

  const directory = staffDirectory(ctx);
  await postToComplaintsChannel(ctx, complaint, now);
  const intake = cfg.intakeEscalation[complaint.severity];
  if (intake !== 'none' && !resolved) {
    await notifyAll(ctx, directory, await escalationRecipients(directory, complaint, intake), complaint, { kind: 'intake' }, now);
  }
  await deliverCommitted(ctx, events, now);
  await checkRecurrences(ctx, recurrencesOf(complaint, true, complaint.resolution?.rootCauseKey), now, actor.id, directory);
  return complaint;
}

function recurrencesOf(c: Complaint, opened: boolean, newRootCauseKey?: string) {
  return [
    ...(opened ? [{ kind: 'category' as const, key: c.category, label: c.category }] : []),
    ...(newRootCauseKey && c.resolution ? [{ kind: 'root-cause' as const, key: newRootCauseKey, label: c.resolution.rootCause }] : []),
  ];
}

function resolvedEvent(c: Complaint): DomainEvent {
  const sample = c.followUp.sample;
  return {
    type: 'complaint.resolved',
    at: c.resolvedAt ?? c.updatedAt,
    complaintId: c.id,
    customerId: c.customerId,
    assigneeId: c.assigneeId,
    ...(sample !== 'none' ? { followUpSample: sample } : {}),
  };
}

/** The events a committed transition announces (resolved, cancelled, reopened). */
function transitionEvents(before: Complaint, after: Complaint, at: string): DomainEvent[] {
  const entered = (status: Complaint['status']) => after.status === status && before.status !== status;
  const ref = { at, complaintId: after.id, customerId: after.customerId };
  return [
    ...(entered('resolved') ? [resolvedEvent(after)] : []),
    ...(entered('cancelled') ? [{ type: 'complaint.cancelled' as const, ...ref }] : []),
    ...(entered('reopened') ? [{ type: 'complaint.reopened' as const, ...ref }] : []),
  ];
}

/** The company-time-zone day whose counters an event adds to. */
export const counterDay = (ctx: AppContext, now: Date) => {
  const d = new TZDate(now.getTime(), ctx.config.company.timeZone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export async function getComplaint(ctx: AppContext, actor: Actor, id: string): Promise<Complaint & { timeline: ComplaintTimelineEntry[] }> {
  if (id.length > MAX_ID) throw new NotFoundError('complaint', id.slice(0, MAX_ID));
  const { complaint, timeline } = await ctx.store.complaints.withTimeline(id);
  return complaintFor(actor, { ...mustExist(complaint, id), timeline });
}

/** Day filters are days of the company's time zone; instants are taken as given. */
function boundOf(ctx: AppContext, value: string | undefined, end: boolean): string | undefined {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(value).toISOString();
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + (end ? 1 : 0), 0, 0, ctx.config.company.timeZone).getTime()).toISOString();
}

export async function listComplaints(ctx: AppContext, actor: Actor, raw: unknown, now: Date = new Date()): Promise<Page<Complaint>> {
  const q = parseInput(listComplaintsQuery, raw, 'complaint query');
  const createdTo = boundOf(ctx, q.createdTo, true);
  const page = await ctx.store.complaints.list(
    {
      status: q.status,
      severity: q.severity,
      category: q.category,
      assigneeId: q.assignee,
      customerId: q.customerId,
      overdueBefore: q.overdue ? now.toISOString() : undefined,
      createdFrom: boundOf(ctx, q.createdFrom, false),
      // An instant "to" is inclusive; a day "to" covers the whole day.
      createdBefore:
        createdTo && q.createdTo && !/^\d{4}-\d{2}-\d{2}$/.test(q.createdTo)
          ? new Date(Date.parse(createdTo) + 1).toISOString()
          : createdTo,
    },
    Math.min(q.limit, ctx.config.complaints.pageSizeMax),
    q.cursor,
  );
  return { ...page, items: page.items.map((c) => complaintFor(actor, c)) };
}

/** The ops of one committed change and what follows it; shared by transitions and follow-up results. */
async function commit(ctx: AppContext, actor: Actor, before: Complaint, result: TransitionResult, now: Date): Promise<StagedEvent[]> {
  const { after, entry } = result;
  const at = now.toISOString();
  const events = transitionEvents(before, after, at).map((e) => stageEvent(ctx, e, now));
  const locale = companyLocale(ctx);
  const { store } = ctx;
  const summary = t(locale, `complaint.timeline.${entry.action}`, {
    // stored text is read later, anywhere: the company's wall-clock time, never raw ISO
    promised: after.promisedReplyAt ? `${format(new TZDate(after.promisedReplyAt, ctx.config.company.timeZone), 'yyyy-MM-dd HH:mm')}` : '',
    to: after.assigneeId,
  });
  const ops: WriteOp[] = [
    ...events.map((e) => e.op),
    store.complaints.updateOp(before, after),
    store.complaints.timelineOp(
      complaintEntry(after, actor.id, now, {
        action: entry.action,
        ...(before.status !== after.status ? { fromStatus: before.status, toStatus: after.status } : {}),
        ...(entry.text ? { text: entry.text } : {}),
        ...(entry.details ? { details: entry.details } : {}),
      }),
    ),
    store.timeline.addOp(customerEntry(after, summary, entry.text, actor.id, at, now)),
    auditOp({
      at,
      actor: actor.id,
      action: `complaint.${entry.action}`,
      entity: 'complaint',
      entityId: after.id,
      changes: auditChanges(before, after),
    }),
  ];
  if (result.metrics.length) ops.push(...store.counters.incrementOps(counterDay(ctx, now), increments(result.metrics, after.assigneeId)));
  if (result.newRootCauseKey) ops.push(store.complaints.occurrenceOp('root-cause', result.newRootCauseKey, at, after.id));
  // A cancelled complaint was never a real recurrence: its occurrences leave the corrective-action counts with it.
  if (after.status === 'cancelled' && before.status !== 'cancelled') ops.push(...(await store.complaints.occurrenceDeleteOps(before, at)));
  await store.transact(ops);
  return events;
}

async function afterCommit(ctx: AppContext, actor: Actor, result: TransitionResult, now: Date, events: StagedEvent[]): Promise<void> {
  const { after, entry } = result;
  const directory = staffDirectory(ctx);
  await refreshComplaintsChannel(ctx, after, now);
  if (entry.action === 'reassign' && after.assigneeId !== actor.id) {
    await sendNotice(ctx, directory, after.assigneeId, after, { kind: 'assigned', by: actor.id }, now);
  }
  if (result.escalateTo) {
    const reason = entry.text;
    await notifyAll(
      ctx,
      directory,
      await escalationRecipients(directory, after, result.escalateTo),
      after,
      { kind: 'manual', by: actor.id, ...(reason ? { reason } : {}) },
      now,
    );
  }
  await deliverCommitted(ctx, events, now);
  if (result.newRootCauseKey) await checkRecurrences(ctx, recurrencesOf(after, false, result.newRootCauseKey), now, actor.id, directory);
}

/** How often a caller without a version (a Slack button) re-reads after losing a race before giving up. */
const UNVERSIONED_RETRIES = 3;

/**
 * One state change. `expectedVersion` is the version the caller read (REST
 * If-Match): a stale one is refused with 412. Without it (Slack buttons carry
 * only the id) the current version is used and a lost race is retried on a
 * fresh read, where a step someone else just took is refused by the state
 * machine (409) rather than done twice.
 */
export async function transitionComplaint(
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number | undefined,
  raw: unknown,
  now: Date,
): Promise<Complaint> {
  const transition: ComplaintTransition = parseInput(complaintTransition, raw, 'complaint transition');
  if (id.length > MAX_ID) throw new NotFoundError('complaint', id.slice(0, MAX_ID));
  const rules = slaRules(ctx.config);
  for (let attempt = 0; ; attempt++) {
    const before = mustExist(await ctx.store.complaints.get(id), id);
    if (expectedVersion !== undefined && before.version !== expectedVersion)
      throw new VersionMismatchError('complaint', id, expectedVersion);
    const result = applyTransition(before, transition, actor, now, rules);
    if (transition.action === 'reassign' && !(await ctx.store.staff.get(transition.assigneeId))) {
      throw new ValidationError(`assigneeId ${transition.assigneeId} is not a staff member`, [
        { path: 'assigneeId', message: 'not a staff member' },
      ]);
    }
    let events: StagedEvent[];
    try {
      events = await commit(ctx, actor, before, result, now);
    } catch (error) {
      const lostRace = error instanceof VersionMismatchError || (error instanceof ConflictError && error.key === 'error.conflict');
      if (expectedVersion === undefined && lostRace && attempt < UNVERSIONED_RETRIES) {
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
        continue;
      }
      throw error;
    }
    await afterCommit(ctx, actor, result, now, events);
    return result.after;
  }
}

/**
 * The customer's answer to the follow-up (survey or return visit). Satisfied:
 * recorded. Not satisfied: recorded and the complaint reopens (docs/domain.md,
 * Complaints). A complaint that is not resolved or closed any more (already
 * reopened, cancelled) is returned unchanged, so a repeated answer is harmless.
 */
export async function recordFollowUpResult(
  ctx: AppContext,
  complaintId: string,
  satisfied: boolean,
  now: Date,
  note?: string,
): Promise<Complaint> {
  const rules = slaRules(ctx.config);
  const actor = systemActor;
  for (let attempt = 0; ; attempt++) {
    const before = mustExist(await ctx.store.complaints.get(complaintId), complaintId);
    if (before.status !== 'resolved' && before.status !== 'closed') return before;
    const followUp = withFollowUpResult(before, satisfied, note, now);
    let result: TransitionResult;
    if (satisfied) {
      if (before.followUp.satisfied === true) return before;
      const after = withSchedule(
        { ...before, followUp, updatedAt: now.toISOString(), updatedBy: actor.id, version: before.version + 1 },
        rules,
      );
      result = { after, metrics: [], entry: { action: 'follow_up', ...(note ? { text: note } : {}) } };
    } else {
      const reopened = applyTransition(before, { action: 'reopen', reason: note ?? 'customer not satisfied' }, actor, now, rules);
      result = { ...reopened, after: { ...reopened.after, followUp }, entry: { ...reopened.entry, details: { followUp: 'dissatisfied' } } };
    }
    let events: StagedEvent[];
    try {
      events = await commit(ctx, actor, before, result, now);
    } catch (error) {
      if ((error instanceof VersionMismatchError || error instanceof ConflictError) && attempt < UNVERSIONED_RETRIES) continue;
      throw error;
    }
    await afterCommit(ctx, actor, result, now, events);
    return result.after;
  }
}

/** For the surveys feature: a dissatisfied follow-up answer reopens the complaint (system actor). */
export async function reopenAfterDissatisfiedFollowUp(ctx: AppContext, complaintId: string, reason: string, now: Date): Promise<Complaint> {
  return recordFollowUpResult(ctx, complaintId, false, now, reason);
}

/** Active complaints of a customer, for other features' screens (e.g. a customer card). */
export async function activeComplaintsOf(ctx: AppContext, customerId: string): Promise<Complaint[]> {
  return (await ctx.store.complaints.ofCustomer(customerId)).filter((c) => isActive(c.status));
}
