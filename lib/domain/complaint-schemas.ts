import * as z from 'zod';
import { windowDay, windowInstant } from './bounds';

/**
 * Complaints (docs/domain.md, Records and Complaints), pure: the record's shape, its statuses
 * and the inputs that change it. The rules are in complaint-lifecycle.ts (the state
 * machine) and complaint-sla.ts (SLA clocks and the alerts they raise).
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

/** Managers know at level 2: a complaint is escalated at most twice. */
export const MAX_ESCALATION = 2;

/** States whose SLA clocks run and that may still be cancelled. */
export const activeStatuses: readonly ComplaintStatus[] = ['open', 'acknowledged', 'investigating', 'reopened'];
export const isActive = (status: ComplaintStatus) => activeStatuses.includes(status);

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

/** One SLA clock: when it started, when it is due, when it was met. */
export const clock = z.object({ startAt: z.string(), dueAt: z.string(), metAt: z.string().optional() });
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
