import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyTransition,
  followUpSampleOf,
  IllegalTransitionError,
  newComplaint,
  openingMetrics,
  rootCauseKey,
} from '../../lib/domain/complaint-lifecycle';
import {
  type Complaint,
  type ComplaintTransition,
  complaintStatuses,
  complaintTransition,
  type OpenComplaintInput,
  transitionActions,
} from '../../lib/domain/complaint-schemas';
import { alertsOf, claimDueAlerts } from '../../lib/domain/complaint-sla';
import { correctiveActionId, correctiveWindowStart } from '../../lib/domain/corrective-action';
import { DomainError, ForbiddenError, ValidationError } from '../../lib/domain/errors';
import type { Actor } from '../../lib/domain/staff';
import { slaRules } from '../support/sla-rules';

const rules = slaRules;

const agent: Actor = { id: 'UAGENT', kind: 'staff', role: 'agent' };
const otherAgent: Actor = { id: 'UOTHER', kind: 'staff', role: 'agent' };
const supervisor: Actor = { id: 'USUP', kind: 'staff', role: 'supervisor' };
const T0 = new Date('2025-06-16T02:00:00Z'); // Monday 10:00 in Shanghai
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function open(input: Partial<OpenComplaintInput> = {}, r = rules()): Complaint {
  const full: OpenComplaintInput = {
    customerId: 'cus_1',
    channel: 'phone',
    category: 'delivery',
    severity: 'critical',
    description: 'Parcel arrived broken',
    confirmedWithCustomer: true,
    ...input,
  };
  return newComplaint(
    full,
    { id: 'cmp_1', customerName: '王芳', receiverId: agent.id, followUpSample: 'none', intakeEscalationLevel: 0 },
    agent.id,
    T0,
    r,
  );
}

const step = (c: Complaint, t: ComplaintTransition, at = later(10), actor: Actor = agent) =>
  applyTransition(c, t, actor, at, rules()).after;
const resolution = { solution: 'Replaced the item', rootCause: 'Packaging too thin', replyToCustomer: 'We sent a new one' };
const ack = (minutes = 30): ComplaintTransition => ({ action: 'acknowledge', promisedReplyAt: later(minutes + 120).toISOString() });

/** A complaint brought to each state by legal steps. */
function inState(status: Complaint['status']): Complaint {
  const c = open();
  switch (status) {
    case 'open':
      return c;
    case 'acknowledged':
      return step(c, ack());
    case 'investigating':
      return step(step(c, ack()), { action: 'start_investigation' });
    case 'resolved':
      return step(inState('investigating'), { action: 'resolve', ...resolution }, later(40));
    case 'closed':
      return step(inState('resolved'), { action: 'close', summary: 'Customer happy' }, later(50));
    case 'reopened':
      return step(inState('resolved'), { action: 'reopen', reason: 'Still broken' }, later(60));
    case 'cancelled':
      return step(c, { action: 'cancel', reason: 'Logged twice' }, later(5), supervisor);
  }
}

const sample: Record<(typeof transitionActions)[number], ComplaintTransition> = {
  acknowledge: ack(),
  start_investigation: { action: 'start_investigation' },
  resolve: { action: 'resolve', ...resolution },
  close: { action: 'close', summary: 'done' },
  reopen: { action: 'reopen', reason: 'unhappy' },
  cancel: { action: 'cancel', reason: 'duplicate' },
  reassign: { action: 'reassign', assigneeId: 'UNEWONE' },
  note: { action: 'note', text: 'called back' },
  escalate: { action: 'escalate' },
};

describe('complaint state machine', () => {
  it('follows open → acknowledged → investigating → resolved → closed', () => {
    expect(inState('closed').statusHistory.map((h) => h.status)).toEqual(['open', 'acknowledged', 'investigating', 'resolved', 'closed']);
  });

  it('refuses every transition the current state does not allow, naming the allowed ones', () => {
    for (const status of complaintStatuses) {
      const c = inState(status);
      for (const action of transitionActions) {
        if (allowedActions(c).includes(action)) continue;
        const attempt = () => applyTransition(c, sample[action], supervisor, later(70), rules());
        expect(attempt, `${action} from ${status}`).toThrow(IllegalTransitionError);
        try {
          attempt();
        } catch (e) {
          const err = e as IllegalTransitionError;
          expect(err.code).toBe('conflict');
          expect(err.key).toBe('complaint.error.illegal_transition');
          for (const allowed of allowedActions(c)) expect(err.message).toContain(allowed);
        }
      }
    }
  });

  it('needs a promised reply time in the future to acknowledge', () => {
    expect(complaintTransition.safeParse({ action: 'acknowledge' }).success).toBe(false);
    expect(() => step(open(), { action: 'acknowledge', promisedReplyAt: T0.toISOString() })).toThrow(ValidationError);
  });

  it('creates a complaint solved on the spot directly resolved, with no promised reply time', () => {
    const c = open({ resolvedAtIntake: resolution });
    expect(c.status).toBe('resolved');
    expect(c.promisedReplyAt).toBeUndefined();
    expect(c.resolution?.rootCauseKey).toBe('packaging-too-thin');
    expect(c.nextAlert).toBeUndefined();
    expect(openingMetrics(c).flat()).toEqual(
      expect.arrayContaining([
        'complaints.opened',
        'complaints.resolved',
        'complaints.sla.due',
        'complaints.sla.met',
        'complaints.first_response.le_15',
      ]),
    );
  });

  it('reopens a resolved or closed complaint into a new round with fresh clocks', () => {
    for (const from of ['resolved', 'closed'] as const) {
      const c = step(inState(from), { action: 'reopen', reason: 'not fixed' }, later(600));
      expect(c.status).toBe('reopened');
      expect(c.round).toBe(1);
      expect(c.clocks.firstResponse.startAt).toBe(later(600).toISOString());
      expect(c.nextAlert?.key).toBe('r1.firstResponse.warn');
      expect(allowedActions(c)).toContain('acknowledge');
    }
  });

  it('lets only supervisors and above cancel, and needs a reason', () => {
    expect(() => step(open(), { action: 'cancel', reason: 'dup' })).toThrow(ForbiddenError);
    expect(complaintTransition.safeParse({ action: 'cancel' }).success).toBe(false);
    expect(step(open(), { action: 'cancel', reason: 'dup' }, later(1), supervisor).status).toBe('cancelled');
  });

  it('keeps the receiver as assignee until the assignee or a supervisor reassigns (首接责任制)', () => {
    const c = open();
    expect(c.assigneeId).toBe(c.receiverId);
    expect(() => step(c, { action: 'reassign', assigneeId: 'UOTHER' }, later(1), otherAgent)).toThrow(ForbiddenError);
    expect(step(c, { action: 'reassign', assigneeId: 'UOTHER' }).assigneeId).toBe('UOTHER');
    expect(step(c, { action: 'reassign', assigneeId: 'UOTHER' }, later(1), supervisor).assigneeId).toBe('UOTHER');
  });

  it('lets anyone add a note or escalate, but only the assignee or a supervisor acknowledge', () => {
    expect(step(open(), { action: 'note', text: 'hi' }, later(1), otherAgent).version).toBe(2);
    expect(() => step(open(), ack(), later(1), otherAgent)).toThrow(ForbiddenError);
  });

  it('escalates supervisor, then managers, then no further', () => {
    const once = applyTransition(open(), { action: 'escalate' }, otherAgent, later(1), rules());
    expect(once.escalateTo).toBe('supervisor');
    const twice = applyTransition(once.after, { action: 'escalate', reason: 'VIP' }, otherAgent, later(2), rules());
    expect(twice.escalateTo).toBe('managers');
    expect(allowedActions(twice.after)).not.toContain('escalate');
    expect(() => applyTransition(twice.after, { action: 'escalate' }, otherAgent, later(3), rules())).toThrow(DomainError);
  });

  it('counts the first response once and the SLA at the first resolution', () => {
    const a = applyTransition(open(), ack(), agent, later(20), rules());
    expect(a.metrics.flat()).toEqual(['complaints.first_response.le_30']);
    const inv = step(a.after, { action: 'start_investigation' }, later(25));
    const r = applyTransition(inv, { action: 'resolve', ...resolution }, agent, later(300), rules());
    expect(r.metrics.flat()).toEqual(
      expect.arrayContaining(['complaints.resolved', 'complaints.resolution.le_480', 'complaints.sla.due', 'complaints.sla.met']),
    );
    const reopened = step(r.after, { action: 'reopen', reason: 'no' }, later(400));
    const again = applyTransition(step(reopened, ack(400), later(410)), { action: 'resolve', ...resolution }, agent, later(420), rules());
    expect(again.metrics.flat()).toEqual(['complaints.resolved']);
    expect(again.newRootCauseKey).toBeUndefined();
  });

  it('misses the SLA when the first response came late', () => {
    const a = step(open(), ack(90), later(90));
    const r = applyTransition(a, { action: 'resolve', ...resolution }, agent, later(100), rules());
    expect(r.metrics.flat()).toContain('complaints.sla.due');
    expect(r.metrics.flat()).not.toContain('complaints.sla.met');
  });

  it('either takes an allowed step (version + 1) or refuses with a typed domain error, for any state and action', () => {
    fc.assert(
      fc.property(fc.constantFrom(...complaintStatuses), fc.constantFrom(...transitionActions), (status, action) => {
        const c = inState(status);
        try {
          const after = applyTransition(c, sample[action], supervisor, later(700), rules()).after;
          return after.version === c.version + 1 && allowedActions(c).includes(action);
        } catch (e) {
          return e instanceof DomainError;
        }
      }),
    );
  });
});

describe('SLA alerts', () => {
  it('warns at 80 %, escalates to the supervisor at the breach and to managers at +50 % (critical: 48, 60, 90 min)', () => {
    const alerts = alertsOf(open(), rules()).filter((a) => a.clock === 'firstResponse');
    expect(alerts.map((a) => [a.step, (Date.parse(a.at) - T0.getTime()) / 60_000])).toEqual([
      ['warn', 48],
      ['supervisor', 60],
      ['managers', 90],
    ]);
  });

  it('schedules the next alert and the next deadline on the complaint', () => {
    const c = open();
    expect(c.nextAlert).toMatchObject({ key: 'r0.firstResponse.warn', at: later(48).toISOString() });
    expect(c.nextDeadlineAt).toBe(later(60).toISOString());
  });

  it('stops the first-response clock at acknowledgement and runs the promised reply as a deadline', () => {
    const c = step(open(), { action: 'acknowledge', promisedReplyAt: later(300).toISOString() }, later(30));
    expect(alertsOf(c, rules()).map((a) => a.clock)).not.toContain('firstResponse');
    expect(alertsOf(c, rules()).some((a) => a.key === 'r0.promisedReply.supervisor' && a.at === later(300).toISOString())).toBe(true);
  });

  it('claims each due alert once', () => {
    const c = open();
    const first = claimDueAlerts(c, later(50), rules());
    expect(first?.notify.map((a) => a.key)).toEqual(['r0.firstResponse.warn']);
    expect(claimDueAlerts(first!.after, later(50), rules())).toBeUndefined();
    expect(first!.after.nextAlert?.key).toBe('r0.firstResponse.supervisor');
  });

  it('escalates straight away instead of warning when the sweep comes after the breach', () => {
    const claim = claimDueAlerts(open(), later(61), rules())!;
    expect(claim.claimed.map((a) => a.key)).toEqual(['r0.firstResponse.warn', 'r0.firstResponse.supervisor']);
    expect(claim.notify.map((a) => a.key)).toEqual(['r0.firstResponse.supervisor']);
    expect(claim.after.escalationLevel).toBe(1);
  });

  it('has no alert left once resolved', () => {
    expect(inState('resolved').nextAlert).toBeUndefined();
    expect(inState('cancelled').nextAlert).toBeUndefined();
  });

  it('counts business hours: a critical complaint logged Friday 17:30 escalates Monday 09:30', () => {
    const friday = new Date('2025-06-13T09:30:00Z'); // 17:30 in Shanghai
    const c = newComplaint(
      { customerId: 'c', channel: 'phone', category: 'other', severity: 'critical', description: 'x', confirmedWithCustomer: false },
      { id: 'cmp_2', customerName: 'x', receiverId: 'UAGENT', followUpSample: 'none', intakeEscalationLevel: 0 },
      'UAGENT',
      friday,
      rules(true),
    );
    const supervisorAlert = alertsOf(c, rules(true)).find((a) => a.key === 'r0.firstResponse.supervisor');
    expect(supervisorAlert?.at).toBe(new Date('2025-06-16T09:30:00+08:00').toISOString());
  });
});

describe('follow-up sample, root causes, corrective ids', () => {
  it('samples about 10 % of complaints for a return visit, about 30 % of those on site, always the same ones', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `cmp_${i.toString(36)}x${(i * 7919).toString(36)}`);
    const picks = ids.map((id) => followUpSampleOf(id, 0.1, 0.3));
    const sampled = picks.filter((p) => p !== 'none').length / ids.length;
    const onSite = picks.filter((p) => p === 'on-site-visit').length / picks.filter((p) => p !== 'none').length;
    expect(sampled).toBeGreaterThan(0.09);
    expect(sampled).toBeLessThan(0.11);
    expect(onSite).toBeGreaterThan(0.25);
    expect(onSite).toBeLessThan(0.35);
    expect(ids.map((id) => followUpSampleOf(id, 0.1, 0.3))).toEqual(picks);
  });

  it('counts root causes written differently as the same cause', () => {
    expect(rootCauseKey('Billing  error.')).toBe(rootCauseKey('billing error'));
    expect(rootCauseKey('包装 太薄！')).toBe('包装-太薄');
  });

  it('gives one corrective-action id per category and window', () => {
    const a = correctiveWindowStart(new Date('2025-06-16T10:00:00Z'), 30);
    const b = correctiveWindowStart(new Date('2025-06-17T10:00:00Z'), 30);
    expect(a).toBe(b);
    expect(correctiveActionId('category', 'delivery', a)).toBe(correctiveActionId('category', 'delivery', b));
    expect(correctiveActionId('category', 'delivery', a)).not.toBe(correctiveActionId('root-cause', 'delivery', a));
  });
});
