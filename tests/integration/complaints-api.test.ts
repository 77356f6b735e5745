import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintTimelineEntry } from '../../lib/domain/complaint-schemas';
import type { CorrectiveAction } from '../../lib/domain/corrective-action';
import { type Actor, systemActor } from '../../lib/domain/staff';
import { counterDay, openComplaint, reopenAfterDissatisfiedFollowUp, transitionComplaint } from '../../lib/services/complaints';
import { createCustomer, eraseCustomer, exportCustomer } from '../../lib/services/customers';
import { type DomainEvent, subscribe } from '../../lib/services/events';
import { upsertStaff } from '../../lib/services/staff';
import { startTestApp, type TestApp } from '../support/app';
import { complaintPostOf, type OutboxEntry } from '../support/notice-recorder';

/** Complaints end to end through the REST API and the services the Slack bot calls. */
const CHANNEL = 'CCOMPLAINTS';
const agent: Actor = { id: 'UAGENT', kind: 'staff', role: 'agent', locale: 'en' };
const manager: Actor = { id: 'UMGR1', kind: 'staff', role: 'manager' };
const T0 = new Date('2025-06-16T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const events: DomainEvent[] = [];
subscribe('complaint.opened', async (_ctx, e) => void events.push(e));
subscribe('complaint.resolved', async (_ctx, e) => void events.push(e));
subscribe('complaint.reopened', async (_ctx, e) => void events.push(e));

describe('complaints', () => {
  let app: TestApp;
  let customerId: string;

  beforeAll(async () => {
    app = await startTestApp({ CARELOOP_COMPLAINTS: JSON.stringify({ channelId: CHANNEL }) });
    const { ctx } = app;
    await upsertStaff(ctx, systemActor, { slackUserId: 'USUP', name: 'Sarah', role: 'supervisor', locale: 'en' }, T0);
    await upsertStaff(ctx, systemActor, { slackUserId: 'UAGENT', name: '李娜', role: 'agent', supervisorId: 'USUP', locale: 'zh-CN' }, T0);
    await upsertStaff(ctx, systemActor, { slackUserId: 'UAGENT2', name: 'Tom', role: 'agent', supervisorId: 'USUP' }, T0);
    await upsertStaff(ctx, systemActor, { slackUserId: 'UMGR1', name: 'Max', role: 'manager' }, T0);
    await upsertStaff(ctx, systemActor, { slackUserId: 'UMGR2', name: 'Mia', role: 'manager', locale: 'en' }, T0);
    customerId = (
      await createCustomer(ctx, systemActor, { name: '王芳', ownerId: 'UAGENT', phones: ['13800138000'], emails: ['wang@example.com'] }, T0)
    ).id;
  });
  afterAll(() => app.close());

  const sent = (filter: (e: OutboxEntry) => boolean) => app.outbox.sent.filter(filter);
  const aboutComplaint = (id: string) => (e: OutboxEntry) => JSON.stringify(e.message).includes(id);
  const post = (path: string, json: unknown, headers: Record<string, string> = {}) => app.api(path, { method: 'POST', json, headers });
  const transition = (id: string, version: number | undefined, json: unknown) =>
    post(`/api/complaints/${id}/transitions`, json, version === undefined ? {} : { 'if-match': `"${version}"` });

  const newComplaint = (extra: Record<string, unknown> = {}) =>
    openComplaint(
      app.ctx,
      agent,
      {
        customerId,
        channel: 'phone',
        category: 'product-quality',
        severity: 'major',
        description: 'Screen cracked on arrival, call 13800138000',
        ...extra,
      },
      T0,
    );

  it('logs a complaint over REST: the receiver owns it, and a masked message goes to the complaints channel', async () => {
    const res = await post('/api/complaints', {
      customerId,
      channel: 'email',
      category: 'delivery',
      severity: 'ordinary',
      description: 'Late twice; reach me at wang@example.com',
      receiverId: 'UAGENT',
      confirmedWithCustomer: true,
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const c = (await res.json()) as Complaint;
    expect(c).toMatchObject({ status: 'open', receiverId: 'UAGENT', assigneeId: 'UAGENT', customerName: '王芳', version: 1 });
    expect((await complaintPostOf(app.ctx, c.id))?.channel).toBe(CHANNEL);
    const [message] = sent((e) => e.kind === 'post' && e.channel === CHANNEL && aboutComplaint(c.id)(e));
    expect(message).toBeDefined();
    const text = JSON.stringify(message!.message);
    expect(text).toContain('王芳');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('wang@example.com');
  });

  it('needs a receiver when an integration logs a complaint, and the receiver must be staff', async () => {
    const base = { customerId, channel: 'web', category: 'other', description: 'x' };
    const missing = await post('/api/complaints', base);
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('receiverId');
    expect((await post('/api/complaints', { ...base, receiverId: 'UNOBODY' })).status).toBe(422);
    expect((await post('/api/complaints', { ...base, receiverId: 'UAGENT', customerId: 'cus_missing' })).status).toBe(404);
  });

  it('walks open → acknowledged → investigating → resolved → closed; every step lands on both timelines, the audit and the counters', async () => {
    const c = await newComplaint();
    let version = c.version;
    const steps = [
      // REST takes "now" from the clock, so the promise is made relative to it.
      { action: 'acknowledge', promisedReplyAt: new Date(Date.now() + 4 * 3600_000).toISOString() },
      { action: 'start_investigation', note: 'Checking the batch' },
      {
        action: 'resolve',
        solution: 'New screen fitted',
        rootCause: 'Courier damage',
        compensation: '¥50 voucher',
        replyToCustomer: 'We replaced it',
      },
      { action: 'close', summary: 'Customer confirmed it works' },
    ];
    for (const step of steps) {
      const res = await transition(c.id, version, step);
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as Complaint;
      expect(body.version).toBe(version + 1);
      version = body.version;
    }
    const read = await app.api(`/api/complaints/${c.id}`);
    const full = (await read.json()) as Complaint & { timeline: ComplaintTimelineEntry[] };
    expect(full.status).toBe('closed');
    expect(full.resolution).toMatchObject({
      rootCause: 'Courier damage',
      compensation: '¥50 voucher',
      replyToCustomer: 'We replaced it',
      rootCauseKey: 'courier-damage',
    });
    expect(full.closingSummary).toBe('Customer confirmed it works');
    expect(full.statusHistory.map((h) => h.status)).toEqual(['open', 'acknowledged', 'investigating', 'resolved', 'closed']);
    expect(full.timeline.map((e) => e.action)).toEqual(['open', 'acknowledge', 'start_investigation', 'resolve', 'close']);

    const customerTimeline = await app.ctx.store.timeline.newestFirst(customerId, 100);
    expect(customerTimeline.items.filter((e) => e.refId === c.id && e.kind === 'complaint')).toHaveLength(5);
    const audit = await app.ctx.store.audit.forRecord('complaint', c.id);
    expect(audit.items.map((e) => e.action).sort()).toEqual([
      'complaint.acknowledge',
      'complaint.close',
      'complaint.opened',
      'complaint.resolve',
      'complaint.start_investigation',
    ]);
    // Opened at T0 through the service, moved over REST "now": sum both days.
    const days = await app.ctx.store.counters.forDays(['2025-06-16', counterDay(app.ctx, new Date())]);
    const day: Record<string, number> = {};
    for (const sums of days.values()) for (const [k, v] of Object.entries(sums)) day[k] = (day[k] ?? 0) + v;
    expect(day['complaints.closed']).toBeGreaterThanOrEqual(1);
    expect(day['owner.UAGENT.complaints.resolved']).toBeGreaterThanOrEqual(1);
    expect(day['complaints.root_cause.courier-damage']).toBe(1);
  });

  it('edits the channel message in place on every transition', async () => {
    const c = await newComplaint();
    await transitionComplaint(app.ctx, agent, c.id, 1, { action: 'acknowledge', promisedReplyAt: at(300).toISOString() }, at(5));
    await transitionComplaint(app.ctx, agent, c.id, 2, { action: 'note', text: 'Called the customer' }, at(6));
    const post = await complaintPostOf(app.ctx, c.id);
    const updates = sent((e) => e.kind === 'update' && e.ts === post!.ts);
    expect(updates).toHaveLength(2);
    // The channel speaks the company's language (zh-CN by default).
    expect(JSON.stringify(updates[1]!.message)).toContain('已受理');
  });

  it('refuses an illegal transition with 409 and says what is allowed', async () => {
    const c = await newComplaint();
    const res = await transition(c.id, 1, { action: 'close', summary: 'x' });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; details: { allowed: string[] } } };
    expect(body.error.code).toBe('conflict');
    expect(body.error.details.allowed).toEqual(['acknowledge', 'reassign', 'note', 'escalate', 'cancel']);
    expect(body.error.message).toContain('acknowledge, reassign, note, escalate, cancel');
  });

  it('needs If-Match (428) and refuses a stale version (412)', async () => {
    const c = await newComplaint();
    expect((await transition(c.id, undefined, { action: 'note', text: 'hi' })).status).toBe(428);
    expect((await transition(c.id, 1, { action: 'note', text: 'first' })).status).toBe(200);
    expect((await transition(c.id, 1, { action: 'note', text: 'stale' })).status).toBe(412);
    expect((await transition('cmp_nope', 1, { action: 'note', text: 'x' })).status).toBe(404);
    expect((await transition(c.id, 2, { action: 'acknowledge' })).status).toBe(422);
  });

  it('lets only supervisors cancel, with a reason', async () => {
    const c = await newComplaint();
    await expect(transitionComplaint(app.ctx, agent, c.id, 1, { action: 'cancel', reason: 'dup' }, at(1))).rejects.toMatchObject({
      code: 'forbidden',
    });
    const cancelled = await transitionComplaint(app.ctx, manager, c.id, 1, { action: 'cancel', reason: 'Logged twice' }, at(1));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.nextAlert).toBeUndefined();
  });

  it('reassigns to a staff member and tells the new assignee', async () => {
    const c = await newComplaint();
    await expect(transitionComplaint(app.ctx, agent, c.id, 1, { action: 'reassign', assigneeId: 'UNOBODY' }, at(1))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const moved = await transitionComplaint(app.ctx, agent, c.id, 1, { action: 'reassign', assigneeId: 'UAGENT2' }, at(1));
    expect(moved.assigneeId).toBe('UAGENT2');
    expect(moved.receiverId).toBe('UAGENT');
    expect(sent((e) => e.channel === 'UAGENT2' && aboutComplaint(c.id)(e))).toHaveLength(1);
    const page = await app.ctx.store.complaints.list({ assigneeId: 'UAGENT2' }, 10);
    expect(page.items.map((i) => i.id)).toContain(c.id);
  });

  it('publishes opened and resolved (with the follow-up sample); a dissatisfied follow-up reopens it', async () => {
    const c = await newComplaint();
    expect(events.some((e) => e.type === 'complaint.opened' && e.complaintId === c.id)).toBe(true);
    await transitionComplaint(app.ctx, agent, c.id, 1, { action: 'acknowledge', promisedReplyAt: at(120).toISOString() }, at(1));
    const resolved = await transitionComplaint(
      app.ctx,
      agent,
      c.id,
      2,
      { action: 'resolve', solution: 's', rootCause: 'r', replyToCustomer: 'y' },
      at(2),
    );
    const event = events.find((e) => e.type === 'complaint.resolved' && e.complaintId === c.id) as Extract<
      DomainEvent,
      { type: 'complaint.resolved' }
    >;
    expect(event).toMatchObject({ customerId, assigneeId: 'UAGENT' });
    expect(event.followUpSample ?? 'none').toBe(resolved.followUp.sample);

    const reopened = await reopenAfterDissatisfiedFollowUp(app.ctx, c.id, 'Still cracked', at(60 * 72));
    expect(reopened.status).toBe('reopened');
    expect(reopened.followUp).toMatchObject({ satisfied: false, note: 'Still cracked' });
    expect(events.some((e) => e.type === 'complaint.reopened' && e.complaintId === c.id)).toBe(true);
    // Asked twice, nothing happens twice.
    expect((await reopenAfterDissatisfiedFollowUp(app.ctx, c.id, 'Still cracked', at(60 * 72))).version).toBe(reopened.version);
  });

  it('creates a complaint solved on the spot as resolved', async () => {
    const c = await newComplaint({
      resolvedAtIntake: { solution: 'Refunded at the counter', rootCause: 'Wrong price tag', replyToCustomer: 'Refunded' },
    });
    expect(c.status).toBe('resolved');
    expect(events.some((e) => e.type === 'complaint.resolved' && e.complaintId === c.id)).toBe(true);
  });

  it('tells managers at once about a critical complaint', async () => {
    const c = await newComplaint({ severity: 'critical' });
    expect(c.escalationLevel).toBe(2);
    for (const m of ['UMGR1', 'UMGR2']) expect(sent((e) => e.channel === m && aboutComplaint(c.id)(e)).length).toBe(1);
  });

  it('returns the same complaint for a retried create with the same Idempotency-Key', async () => {
    const body = { customerId, channel: 'web', category: 'other', description: 'Form submission', receiverId: 'UAGENT' };
    const first = (await (await post('/api/complaints', body, { 'idempotency-key': 'form-42' })).json()) as Complaint;
    const second = (await (await post('/api/complaints', body, { 'idempotency-key': 'form-42' })).json()) as Complaint;
    expect(second.id).toBe(first.id);
  });

  it('lists by status, severity, category, assignee, customer, overdue and created range, page by page', async () => {
    const list = async (query: string) => {
      const res = await app.api(`/api/complaints?${query}`);
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()) as { items: Complaint[]; cursor?: string };
    };
    const open = await list('status=open&limit=100');
    expect(open.items.length).toBeGreaterThan(0);
    expect(open.items.every((c) => c.status === 'open')).toBe(true);
    expect((await list('severity=critical')).items.every((c) => c.severity === 'critical')).toBe(true);
    expect((await list('category=delivery&limit=100')).items.every((c) => c.category === 'delivery')).toBe(true);
    expect(
      (await list(`customerId=${customerId}&status=active&limit=100`)).items.every((c) =>
        ['open', 'acknowledged', 'investigating', 'reopened'].includes(c.status),
      ),
    ).toBe(true);
    // Everything was logged at T0 with a deadline hours later: "overdue" depends on now (the wall clock, years later here).
    const overdue = await list('overdue=true&limit=100');
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((c) => c.nextDeadlineAt! < new Date().toISOString())).toBe(true);
    expect((await list('createdFrom=2025-06-16&createdTo=2025-06-16&limit=100')).items.length).toBeGreaterThan(0);
    expect((await list('createdFrom=2025-06-17&createdTo=2025-06-30')).items).toHaveLength(0);
    const first = await list('limit=2');
    expect(first.items).toHaveLength(2);
    const second = await list(`limit=2&cursor=${first.cursor}`);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    expect((await app.api('/api/complaints?status=bogus')).status).toBe(422);
    expect((await app.api(`/api/complaints?status=open&cursor=${first.cursor}`)).status).toBe(400);
  });

  it('opens one corrective action when three complaints of a category arrive within 30 days, and tells managers once', async () => {
    const before = sent((e) => e.channel === 'UMGR1' && JSON.stringify(e.message).includes('Corrective')).length;
    const make = () =>
      openComplaint(app.ctx, agent, { customerId, channel: 'phone', category: 'named-staff', description: 'Rude answer' }, at(10));
    await Promise.all([make(), make(), make(), make()]);
    const res = await app.api('/api/corrective-actions?kind=category');
    const actions = ((await res.json()) as { items: CorrectiveAction[] }).items.filter((a) => a.key === 'named-staff');
    expect(actions).toHaveLength(1);
    expect(actions[0]!.count).toBeGreaterThanOrEqual(3);
    const notices = sent((e) => e.channel === 'UMGR2' && JSON.stringify(e.message).includes(actions[0]!.id));
    expect(notices).toHaveLength(1);
    expect(sent((e) => e.channel === 'UMGR1' && JSON.stringify(e.message).includes('Corrective')).length).toBeGreaterThanOrEqual(before);
  });

  it('opens a corrective action when one root cause recurs', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await newComplaint({ category: 'other' });
      await transitionComplaint(app.ctx, agent, c.id, 1, { action: 'acknowledge', promisedReplyAt: at(120).toISOString() }, at(1));
      await transitionComplaint(
        app.ctx,
        agent,
        c.id,
        2,
        { action: 'resolve', solution: 's', rootCause: i ? 'Label  printer broken.' : 'label printer broken', replyToCustomer: 'y' },
        at(2 + i),
      );
    }
    const page = await app.ctx.store.complaints.listCorrective({ kind: 'root-cause' }, 10);
    expect(page.items.filter((a) => a.key === 'label-printer-broken')).toHaveLength(1);
  });

  it('exports and erases a customer’s complaints with their timelines', async () => {
    const other = await createCustomer(app.ctx, systemActor, { name: 'Erase Me', ownerId: 'UAGENT' }, T0);
    const c = await openComplaint(app.ctx, agent, { customerId: other.id, channel: 'phone', category: 'other', description: 'x' }, T0);
    const exported = (await exportCustomer(app.ctx, manager, other.id, T0)) as unknown as {
      complaints: Array<{ id: string; timeline: unknown[] }>;
    };
    expect(exported.complaints.map((x) => x.id)).toEqual([c.id]);
    expect(exported.complaints[0]!.timeline).toHaveLength(1);
    await eraseCustomer(app.ctx, manager, other.id, T0);
    expect(await app.ctx.store.complaints.get(c.id)).toBeUndefined();
    expect((await app.ctx.store.complaints.withTimeline(c.id)).timeline).toHaveLength(0);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(doc.paths['/api/complaints/{id}/transitions']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/api/corrective-actions']?.get).toBeDefined();
  });
});
