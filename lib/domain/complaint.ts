import * as z from 'zod';
import { windowDay, windowInstant } from './bounds';
import { ConflictError, ForbiddenError, ValidationError } from './errors';
import { metric } from './metrics';
import { addBusinessMinutes, type BusinessCalendar, durationMinutes, pointInWindow } from './sla';
import { type Actor, atLeast } from './staff';

/**
 * Complaints (docs/domain.md, Records and Complaints), pure: schemas, the state machine, SLA
 * clocks and the alerts they raise. Services pass `now` and the rules in.
 *
 *   open ─acknowledge→ acknowledged ─start_investigation→ investigating ─resolve→ resolved ─close→ closed
 *                                   └──────────resolve──────────────────────────┘   │            │
 *   reopened ←──────────────────────reopen (customer not satisfied)──────────────────┴────────────┘
 *   reopened ─acknowledge→ acknowledged …   any active state ─cancel→ cancelled
 */
export const complaintChannels = ['phone', 'walk-in', 'letter', 'email', 'web', 'slack', 'via-staff'] as const;
export const complaintCategories = ['product-quality', 'service-attitude', 'delivery', 'billing', 'named-staff', 'other'] as const;
export const severities = ['critical', 'major', 'ordinary'] as const;
export const complaintStatuses = ['open', 'acknowledged', 'investigating', 'resolved', 'closed', 'reopened', 'cancelled'] as const;
export const transitionActions = [
  'acknowledge',
  'start_investigation',
  'resolve',
  'close',
  'reopen',
  'cancel',
  'reassign',
  'note',
  'escalate',
] as const;
export const followUpSamples = ['none', 'return-visit', 'on-site-visit'] as const;

export type ComplaintChannel = (typeof complaintChannels)[number];
export type ComplaintCategory = (typeof complaintCategories)[number];
export type Severity = (typeof severities)[number];
export type ComplaintStatus = (typeof complaintStatuses)[number];
export type TransitionAction = (typeof transitionActions)[number];
export type FollowUpSample = (typeof followUpSamples)[number];

/** States whose SLA clocks run and that may still be cancelled. */
export const activeStatuses: readonly ComplaintStatus[] = ['open', 'acknowledged', 'investigating', 'reopened'];
export const isActive = (status: ComplaintStatus) => activeStatuses.includes(status);

const transitions: Record<ComplaintStatus, readonly TransitionAction[]> = {
  open: ['acknowledge', 'reassign', 'note', 'escalate', 'cancel'],
  acknowledged: ['start_investigation', 'resolve', 'reassign', 'note', 'escalate', 'cancel'],
  investigating: ['resolve', 'reassign', 'note', 'escalate', 'cancel'],
  resolved: ['close', 'reopen', 'reassign', 'note'],
  closed: ['reopen', 'note'],
  reopened: ['acknowledge', 'reassign', 'note', 'escalate', 'cancel'],
  cancelled: [],
};

export const MAX_ESCALATION = 2;

/** What may happen next; `escalate` disappears once managers already know. */
export function allowedActions(c: Pick<Complaint, 'status' | 'escalationLevel'>): TransitionAction[] {
  return transitions[c.status].filter((a) => a !== 'escalate' || c.escalationLevel < MAX_ESCALATION);
}

// ── Schemas ──────────────────────────────────────────────────────────────────

const text = (max: number) => z.string().trim().min(1).max(max);
export const staffId = z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id such as U012ABCDEF');

const resolutionFields = {
  solution: text(4000),
  /** short and reusable ("billing error"): recurring causes are counted by it */
  rootCause: text(200),
  compensation: text(1000).optional(),
  replyToCustomer: text(4000),
};
export const resolutionInput = z.object(resolutionFields).strict();

export const openComplaintInput = z
  .object({
    customerId: z.string().min(1).max(64),
    channel: z.enum(complaintChannels),
    category: z.enum(complaintCategories),
    severity: z.enum(severities).default('ordinary'),
    /** as read back to and confirmed by the customer (「重复一遍让客户确认」) */
    description: text(4000),
    confirmedWithCustomer: z.boolean().default(false),
    /** required when the caller is not a staff member (REST): who took the complaint and owns it */
    receiverId: staffId.optional(),
    /** solved on the spot: the complaint is created resolved, no promised reply time needed */
    resolvedAtIntake: resolutionInput.optional(),
  })
  .strict();
export type OpenComplaintInput = z.output<typeof openComplaintInput>;

export const complaintTransition = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), promisedReplyAt: windowInstant }).strict(),
  z.object({ action: z.literal('start_investigation'), note: text(2000).optional() }).strict(),
  z.object({ action: z.literal('resolve'), ...resolutionFields }).strict(),
  z.object({ action: z.literal('close'), summary: text(4000) }).strict(),
  z.object({ action: z.literal('reopen'), reason: text(2000) }).strict(),
  z.object({ action: z.literal('cancel'), reason: text(2000) }).strict(),
  z.object({ action: z.literal('reassign'), assigneeId: staffId }).strict(),
  z.object({ action: z.literal('note'), text: text(4000) }).strict(),
  z.object({ action: z.literal('escalate'), reason: text(2000).optional() }).strict(),
]);
export type ComplaintTransition = z.output<typeof complaintTransition>;

const clock = z.object({ startAt: z.string(), dueAt: z.string(), metAt: z.string().optional() });
export const clockNames = ['firstResponse', 'resolution', 'promisedReply'] as const;
export type ClockName = (typeof clockNames)[number];
export const alertSteps = ['warn', 'supervisor', 'managers'] as const;
export type AlertStep = (typeof alertSteps)[number];

export const alert = z.object({ key: z.string(), clock: z.enum(clockNames), step: z.enum(alertSteps), at: z.string() });
export type Alert = z.output<typeof alert>;

export const complaint = z.object({
  id: z.string(),
  customerId: z.string(),
  /** copied for messages: a complaint never carries the customer's phone or email */
  customerName: z.string(),
  channel: z.enum(complaintChannels),
  category: z.enum(complaintCategories),
  severity: z.enum(severities),
  description: z.string(),
  confirmedWithCustomer: z.boolean(),
  status: z.enum(complaintStatuses),
  receiverId: z.string(),
  assigneeId: z.string(),
  promisedReplyAt: z.string().optional(),
  firstRespondedAt: z.string().optional(),
  firstResolvedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  closedAt: z.string().optional(),
  cancelledAt: z.string().optional(),
  resolution: z.object({ ...resolutionFields, rootCauseKey: z.string(), by: z.string(), at: z.string() }).optional(),
  closingSummary: z.string().optional(),
  cancelReason: z.string().optional(),
  reopenReason: z.string().optional(),
  followUp: z.object({
    sample: z.enum(followUpSamples),
    satisfied: z.boolean().optional(),
    note: z.string().optional(),
    at: z.string().optional(),
  }),
  /** how often it was reopened: each round has its own clocks and alerts */
  round: z.number().int(),
  clocks: z.object({ firstResponse: clock, resolution: clock, promisedReply: clock.optional() }),
  /** 0 none, 1 supervisor, 2 managers */
  escalationLevel: z.number().int().min(0).max(MAX_ESCALATION),
  alertsSent: z.array(z.string()),
  nextAlert: alert.optional(),
  /** earliest due time of a running clock ("overdue" = active and this is past) */
  nextDeadlineAt: z.string().optional(),
  statusHistory: z.array(z.object({ status: z.enum(complaintStatuses), at: z.string(), by: z.string() })),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Complaint = z.output<typeof complaint>;

export const complaintTimelineEntry = z.object({
  id: z.string(),
  complaintId: z.string(),
  at: z.string(),
  by: z.string(),
  action: z.string(),
  fromStatus: z.enum(complaintStatuses).optional(),
  toStatus: z.enum(complaintStatuses).optional(),
  text: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ComplaintTimelineEntry = z.output<typeof complaintTimelineEntry>;

export const listComplaintsQuery = z
  .object({
    /** a status, or `active` (open, acknowledged, investigating, reopened) */
    status: z.enum([...complaintStatuses, 'active']).optional(),
    severity: z.enum(severities).optional(),
    category: z.enum(complaintCategories).optional(),
    assignee: z.string().min(1).max(64).optional(),
    customerId: z.string().min(1).max(64).optional(),
    /** active complaints whose next deadline has passed */
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    createdFrom: z.union([windowInstant, windowDay]).optional(),
    createdTo: z.union([windowInstant, windowDay]).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(2000).optional(),
  })
  .strict()
  .refine((q) => !q.createdFrom || !q.createdTo || q.createdFrom <= q.createdTo, {
    message: 'createdFrom must not be after createdTo',
    path: ['createdFrom'],
  });
export type ListComplaintsQuery = z.output<typeof listComplaintsQuery>;

// ── Rules ────────────────────────────────────────────────────────────────────

export interface SlaRules {
  calendar: BusinessCalendar;
  targets: Record<Severity, { firstResponse: string; resolution: string }>;
  /** share of a window after which the assignee is warned */
  warnAt: number;
  /** share of a window after the breach at which managers hear of it */
  managersAfterBreach: number;
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

const iso = (d: Date) => d.toISOString();
const minutesBetween = (from: string, to: Date) => Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 60_000));

function newClocks(start: Date, severity: Severity, rules: SlaRules): Complaint['clocks'] {
  const target = rules.targets[severity];
  const due = (d: string) => iso(addBusinessMinutes(start, durationMinutes(d, rules.calendar), rules.calendar));
  return {
    firstResponse: { startAt: iso(start), dueAt: due(target.firstResponse) },
    resolution: { startAt: iso(start), dueAt: due(target.resolution) },
  };
}

function runningClocks(c: Complaint): Array<[ClockName, z.output<typeof clock>]> {
  if (!isActive(c.status)) return [];
  const out: Array<[ClockName, z.output<typeof clock>]> = [];
  if (!c.clocks.firstResponse.metAt) out.push(['firstResponse', c.clocks.firstResponse]);
  if (!c.clocks.resolution.metAt) out.push(['resolution', c.clocks.resolution]);
  if (c.clocks.promisedReply && !c.clocks.promisedReply.metAt) out.push(['promisedReply', c.clocks.promisedReply]);
  return out;
}

/** Every alert the running clocks of this round raise: warn before the breach, supervisor at it, managers later. */
export function alertsOf(c: Complaint, rules: SlaRules): Alert[] {
  const out: Alert[] = [];
  for (const [name, k] of runningClocks(c)) {
    const start = new Date(k.startAt);
    const due = new Date(k.dueAt);
    const at: Record<AlertStep, Date> = {
      warn: pointInWindow(start, due, rules.warnAt, rules.calendar),
      supervisor: due,
      managers: pointInWindow(start, due, 1 + rules.managersAfterBreach, rules.calendar),
    };
    for (const step of alertSteps) out.push({ key: `r${c.round}.${name}.${step}`, clock: name, step, at: iso(at[step]) });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || alertSteps.indexOf(a.step) - alertSteps.indexOf(b.step));
}

/** Recomputes what the sweep waits for: the next unsent alert and the next deadline. */
export function withSchedule(c: Complaint, rules: SlaRules): Complaint {
  const { nextAlert: _a, nextDeadlineAt: _d, ...rest } = c;
  const next = alertsOf(c, rules).find((a) => !c.alertsSent.includes(a.key));
  const deadlines = runningClocks(c)
    .map(([, k]) => k.dueAt)
    .sort();
  return { ...rest, ...(next ? { nextAlert: next } : {}), ...(deadlines[0] ? { nextDeadlineAt: deadlines[0] } : {}) };
}

const levelOf: Record<AlertStep, number> = { warn: 0, supervisor: 1, managers: 2 };

export interface DueAlerts {
  after: Complaint;
  /** every due alert, now marked sent */
  claimed: Alert[];
  /**
   * what to tell people: per clock only the latest due step, so a sweep that
   * comes late escalates instead of warning about a breach already past
   */
  notify: Alert[];
}

/** The alerts due at `now`, claimed in one change (undefined when none is due). */
export function claimDueAlerts(c: Complaint, now: Date, rules: SlaRules, by = 'system'): DueAlerts | undefined {
  const due = alertsOf(c, rules).filter((a) => !c.alertsSent.includes(a.key) && a.at <= iso(now));
  if (!due.length) return undefined;
  const latest = new Map<ClockName, Alert>();
  for (const a of due) {
    const seen = latest.get(a.clock);
    if (!seen || levelOf[a.step] > levelOf[seen.step]) latest.set(a.clock, a);
  }
  const notify = [...latest.values()];
  const level = Math.max(c.escalationLevel, ...notify.map((a) => levelOf[a.step]));
  const after = withSchedule(
    {
      ...c,
      alertsSent: [...c.alertsSent, ...due.map((a) => a.key)],
      escalationLevel: level,
      updatedAt: iso(now),
      updatedBy: by,
      version: c.version + 1,
    },
    rules,
  );
  return { after, claimed: due, notify };
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
