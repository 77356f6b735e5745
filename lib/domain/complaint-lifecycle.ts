import {
  type Complaint,
  type ComplaintStatus,
  type ComplaintTransition,
  type FollowUpSample,
  MAX_ESCALATION,
  type OpenComplaintInput,
  type TransitionAction,
} from './complaint-schemas';
import { minutesBetween, newClocks, type SlaRules, withSchedule } from './complaint-sla';
import { ConflictError, ForbiddenError, ValidationError } from './errors';
import { metric } from './metrics';
import { type Actor, atLeast } from './staff';

/**
 * The complaint lifecycle (docs/domain.md, Complaints), pure: creating a complaint, the
 * state machine of its transitions, who may make them, and the counters each one moves.
 * Services pass `now` and the rules in.
 *
 *   open ─acknowledge→ acknowledged ─start_investigation→ investigating ─resolve→ resolved ─close→ closed
 *                                   └──────────resolve──────────────────────────┘   │            │
 *   reopened ←──────────────────────reopen (customer not satisfied)──────────────────┴────────────┘
 *   reopened ─acknowledge→ acknowledged …   any active state ─cancel→ cancelled
 */

const iso = (d: Date) => d.toISOString();

const transitions: Record<ComplaintStatus, readonly TransitionAction[]> = {
  open: ['acknowledge', 'reassign', 'note', 'escalate', 'cancel'],
  acknowledged: ['start_investigation', 'resolve', 'reassign', 'note', 'escalate', 'cancel'],
  investigating: ['resolve', 'reassign', 'note', 'escalate', 'cancel'],
  resolved: ['close', 'reopen', 'reassign', 'note'],
  closed: ['reopen', 'note'],
  reopened: ['acknowledge', 'reassign', 'note', 'escalate', 'cancel'],
  cancelled: [],
};

/** What may happen next; `escalate` disappears once managers already know. */
export function allowedActions(c: Pick<Complaint, 'status' | 'escalationLevel'>): TransitionAction[] {
  return transitions[c.status].filter((a) => a !== 'escalate' || c.escalationLevel < MAX_ESCALATION);
}

export class IllegalTransitionError extends ConflictError {
  constructor(status: ComplaintStatus, action: string, allowed: readonly string[]) {
    const list = allowed.length ? allowed.join(', ') : 'none (it is final)';
    super(
      `Cannot ${action} a complaint that is ${status}; allowed from ${status}: ${list}`,
      { status, action, allowed },
      'complaint.error.illegal_transition',
      { status, action, allowed: list },
    );
  }
}

/** Root causes are counted by a normalised key, so "Billing error" and "billing  error." recur together. */
export function rootCauseKey(rootCause: string): string {
  const key = rootCause
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return (key || 'unspecified').slice(0, 60);
}

/** FNV-1a: a stable, evenly spread 32-bit hash for sampling and sharding (not for security). */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The return-visit sample is a fixed function of the id, so a replay or a retry picks the same complaints. */
export function followUpSampleOf(complaintId: string, rate: number, onSiteShare: number): FollowUpSample {
  const u = stableHash(`sample:${complaintId}`) / 2 ** 32;
  if (u < rate * onSiteShare) return 'on-site-visit';
  return u < rate ? 'return-visit' : 'none';
}

// ── Creating ─────────────────────────────────────────────────────────────────

export interface NewComplaint {
  id: string;
  customerName: string;
  receiverId: string;
  followUpSample: FollowUpSample;
  /** level set at intake (docs/domain.md, Complaints: major complaints go up at once) */
  intakeEscalationLevel: number;
}

export function newComplaint(input: OpenComplaintInput, meta: NewComplaint, actorId: string, now: Date, rules: SlaRules): Complaint {
  const at = iso(now);
  const { resolvedAtIntake, receiverId: _r, ...fields } = input;
  const base: Complaint = {
    ...fields,
    id: meta.id,
    customerName: meta.customerName,
    status: 'open',
    receiverId: meta.receiverId,
    assigneeId: meta.receiverId,
    followUp: { sample: meta.followUpSample },
    round: 0,
    clocks: newClocks(now, input.severity, rules),
    escalationLevel: Math.min(MAX_ESCALATION, meta.intakeEscalationLevel),
    alertsSent: [],
    statusHistory: [{ status: 'open', at, by: actorId }],
    createdBy: actorId,
    createdAt: at,
    updatedBy: actorId,
    updatedAt: at,
    version: 1,
  };
  if (!resolvedAtIntake) return withSchedule(base, rules);
  const r = resolvedAtIntake;
  return withSchedule(
    {
      ...base,
      status: 'resolved',
      firstRespondedAt: at,
      firstResolvedAt: at,
      resolvedAt: at,
      resolution: { ...r, rootCauseKey: rootCauseKey(r.rootCause), by: actorId, at },
      clocks: { firstResponse: { ...base.clocks.firstResponse, metAt: at }, resolution: { ...base.clocks.resolution, metAt: at } },
      statusHistory: [...base.statusHistory, { status: 'resolved', at, by: actorId }],
    },
    rules,
  );
}

/** Counter names for a new complaint (and, when solved on the spot, its resolution). */
export function openingMetrics(c: Complaint): Array<string | readonly string[]> {
  const names: Array<string | readonly string[]> = [metric.complaintOpened(c.severity, c.category)];
  if (c.status === 'resolved') names.push(metric.firstResponseBucket(0), ...resolutionMetrics(c, new Date(c.createdAt)));
  return names;
}

function resolutionMetrics(after: Complaint, now: Date): Array<string | readonly string[]> {
  const names: Array<string | readonly string[]> = [metric.complaintResolved];
  if (after.firstResolvedAt === iso(now)) {
    // SLA compliance counts each complaint once, at its first resolution (always in round 0).
    const fr = after.clocks.firstResponse;
    const met = Boolean(fr.metAt && fr.metAt <= fr.dueAt) && iso(now) <= after.clocks.resolution.dueAt;
    names.push(metric.resolutionBucket(minutesBetween(after.createdAt, now)), metric.complaintSlaDue);
    if (met) names.push(metric.complaintSlaMet);
  }
  if (after.resolution) names.push(metric.complaintRootCause(after.resolution.rootCauseKey));
  return names;
}

// ── Transitions ──────────────────────────────────────────────────────────────

export interface TransitionResult {
  after: Complaint;
  /** counter names (owner copies go to the assignee after the change) */
  metrics: Array<string | readonly string[]>;
  /** the complaint-timeline entry, without id/at/by (`follow_up`: the customer's answer was recorded) */
  entry: { action: TransitionAction | 'follow_up'; text?: string; details?: Record<string, unknown> };
  /** escalation to notify now */
  escalateTo?: 'supervisor' | 'managers';
  /** set when a root cause was recorded that this complaint had not counted before */
  newRootCauseKey?: string;
}

const mayHandle = (c: Complaint, actor: Actor) => actor.id === c.assigneeId || atLeast(actor.role, 'supervisor');

function assertMay(c: Complaint, t: ComplaintTransition, actor: Actor): void {
  if (t.action === 'note' || t.action === 'escalate') return;
  if (t.action === 'cancel') {
    if (!atLeast(actor.role, 'supervisor'))
      throw new ForbiddenError('Only supervisors and above may cancel a complaint', 'complaint.error.cancel_role');
    return;
  }
  // 首接责任制: the one who owns it handles it; supervisors and managers may step in.
  if (!mayHandle(c, actor)) {
    throw new ForbiddenError(
      `Only the assignee (${c.assigneeId}), a supervisor or a manager may ${t.action} this complaint`,
      'complaint.error.not_assignee',
      { assignee: c.assigneeId },
    );
  }
}

export const MAX_PROMISE_DAYS = 365;

/**
 * One step of the state machine. Refuses an action the current state does not
 * allow (409 naming what is allowed), an actor without the right (403) and a
 * promised reply time in the past (422). Pure: `now` and the rules come in.
 */
export function applyTransition(c: Complaint, t: ComplaintTransition, actor: Actor, now: Date, rules: SlaRules): TransitionResult {
  const allowed = allowedActions(c);
  if (!allowed.includes(t.action)) {
    if (t.action === 'escalate' && transitions[c.status].includes('escalate')) {
      throw new ConflictError(
        'Managers already know about this complaint; it cannot be escalated further',
        { escalationLevel: c.escalationLevel },
        'complaint.error.max_escalation',
      );
    }
    throw new IllegalTransitionError(c.status, t.action, allowed);
  }
  assertMay(c, t, actor);
  const at = iso(now);
  const moved = (status: ComplaintStatus): Partial<Complaint> =>
    status === c.status ? {} : { status, statusHistory: [...c.statusHistory, { status, at, by: actor.id }] };
  const base = { ...c, updatedAt: at, updatedBy: actor.id, version: c.version + 1 };
  const done = (after: Complaint, rest: Omit<TransitionResult, 'after'>): TransitionResult => ({
    ...rest,
    after: withSchedule(after, rules),
  });

  switch (t.action) {
    case 'acknowledge': {
      const promised = new Date(t.promisedReplyAt);
      if (promised.getTime() <= now.getTime()) {
        throw new ValidationError('promisedReplyAt must be in the future', [{ path: 'promisedReplyAt', message: 'must be in the future' }]);
      }
      if (promised.getTime() > now.getTime() + MAX_PROMISE_DAYS * 86_400_000) {
        throw new ValidationError(`promisedReplyAt must be within ${MAX_PROMISE_DAYS} days`, [
          { path: 'promisedReplyAt', message: `must be within ${MAX_PROMISE_DAYS} days` },
        ]);
      }
      const first = !c.firstRespondedAt;
      return done(
        {
          ...base,
          ...moved('acknowledged'),
          promisedReplyAt: iso(promised),
          ...(first ? { firstRespondedAt: at } : {}),
          clocks: {
            ...c.clocks,
            firstResponse: { ...c.clocks.firstResponse, metAt: at },
            promisedReply: { startAt: at, dueAt: iso(promised) },
          },
        },
        {
          metrics: first ? [metric.firstResponseBucket(minutesBetween(c.createdAt, now))] : [],
          entry: { action: 'acknowledge', details: { promisedReplyAt: iso(promised) } },
        },
      );
    }
    case 'start_investigation':
      return done(
        { ...base, ...moved('investigating') },
        { metrics: [], entry: { action: 'start_investigation', ...(t.note ? { text: t.note } : {}) } },
      );
    case 'resolve': {
      const { action: _a, ...r } = t;
      const key = rootCauseKey(r.rootCause);
      const after: Complaint = {
        ...base,
        ...moved('resolved'),
        resolvedAt: at,
        firstResolvedAt: c.firstResolvedAt ?? at,
        resolution: { ...r, rootCauseKey: key, by: actor.id, at },
        clocks: {
          firstResponse: c.clocks.firstResponse,
          resolution: { ...c.clocks.resolution, metAt: at },
          ...(c.clocks.promisedReply ? { promisedReply: { ...c.clocks.promisedReply, metAt: c.clocks.promisedReply.metAt ?? at } } : {}),
        },
      };
      const newKey = c.resolution?.rootCauseKey !== key ? key : undefined;
      const metrics = resolutionMetrics(after, now).filter((m) => newKey || m !== metric.complaintRootCause(key));
      return done(after, {
        metrics,
        entry: {
          action: 'resolve',
          text: r.solution,
          details: { rootCause: r.rootCause, ...(r.compensation ? { compensation: r.compensation } : {}) },
        },
        ...(newKey ? { newRootCauseKey: newKey } : {}),
      });
    }
    case 'close':
      return done(
        { ...base, ...moved('closed'), closedAt: at, closingSummary: t.summary },
        { metrics: [metric.complaintClosed], entry: { action: 'close', text: t.summary } },
      );
    case 'reopen': {
      const round = c.round + 1;
      const { promisedReplyAt: _p, closedAt: _c, closingSummary: _s, ...rest } = base;
      return done(
        { ...rest, ...moved('reopened'), reopenReason: t.reason, round, clocks: newClocks(now, c.severity, rules), escalationLevel: 0 },
        { metrics: [metric.complaintReopened], entry: { action: 'reopen', text: t.reason } },
      );
    }
    case 'cancel':
      return done(
        { ...base, ...moved('cancelled'), cancelledAt: at, cancelReason: t.reason },
        { metrics: [metric.complaintCancelled], entry: { action: 'cancel', text: t.reason } },
      );
    case 'reassign':
      if (t.assigneeId === c.assigneeId) {
        throw new ConflictError(`${t.assigneeId} is already the assignee`, { assigneeId: t.assigneeId }, 'complaint.error.same_assignee');
      }
      return done(
        { ...base, assigneeId: t.assigneeId },
        { metrics: [], entry: { action: 'reassign', details: { from: c.assigneeId, to: t.assigneeId } } },
      );
    case 'note':
      return done(base, { metrics: [], entry: { action: 'note', text: t.text } });
    case 'escalate': {
      const level = c.escalationLevel + 1;
      const escalateTo = level >= MAX_ESCALATION ? 'managers' : 'supervisor';
      return done(
        { ...base, escalationLevel: level },
        {
          metrics: [metric.complaintEscalated],
          entry: { action: 'escalate', ...(t.reason ? { text: t.reason } : {}), details: { to: escalateTo } },
          escalateTo,
        },
      );
    }
  }
}

/** The customer's answer to the follow-up; a dissatisfied customer reopens the complaint (service). */
export function withFollowUpResult(c: Complaint, satisfied: boolean, note: string | undefined, now: Date): Complaint['followUp'] {
  return { ...c.followUp, satisfied, ...(note ? { note } : {}), at: iso(now) };
}

/** Intake escalation level for a severity: none 0, supervisor 1, managers 2. */
export const escalationLevelOf = (target: 'none' | 'supervisor' | 'managers') =>
  target === 'managers' ? 2 : target === 'supervisor' ? 1 : 0;
