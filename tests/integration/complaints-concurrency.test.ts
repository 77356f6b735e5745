import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintTransition } from '../../lib/domain/complaint-schemas';
import { type Actor, systemActor } from '../../lib/domain/staff';
import { counterDay, getComplaint, openComplaint, transitionComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { startTestApp, type TestApp } from '../support/app';

/**
 * Fifty people pressing the same button at once: exactly one step happens,
 * everyone else is told 409 (not allowed any more / lost the race) or 412
 * (stale version), and the complaint, its timelines, its audit and the daily
 * counters all tell the same story afterwards.
 */
const N = 50;
const agent: Actor = { id: 'UAGENT', kind: 'staff', role: 'agent' };

describe('complaints under concurrent transitions', () => {
  let app: TestApp;
  let customerId: string;

  beforeAll(async () => {
    app = await startTestApp();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'UAGENT', name: 'Ana', role: 'agent' }, new Date());
    customerId = (await createCustomer(app.ctx, systemActor, { name: 'Race Customer', ownerId: 'UAGENT' }, new Date())).id;
  });
  afterAll(() => app.close());

  const promise = () => new Date(Date.now() + 6 * 3600_000).toISOString();
  const fire = (id: string, version: number, body: unknown) =>
    Promise.all(
      Array.from({ length: N }, () =>
        app
          .api(`/api/complaints/${id}/transitions`, { method: 'POST', json: body, headers: { 'if-match': String(version) } })
          .then((r) => r.status),
      ),
    );

  it('lets exactly one of 50 identical requests through per step, and nothing is lost or doubled', async () => {
    const c = await openComplaint(
      app.ctx,
      agent,
      { customerId, channel: 'phone', category: 'billing', severity: 'major', description: 'Charged twice' },
      new Date(),
    );
    const steps: unknown[] = [
      { action: 'acknowledge', promisedReplyAt: promise() },
      { action: 'start_investigation' },
      { action: 'resolve', solution: 'Refunded', rootCause: 'Double charge', replyToCustomer: 'Refunded, sorry' },
      { action: 'close', summary: 'Refund confirmed' },
    ];
    for (const [i, step] of steps.entries()) {
      const statuses = await fire(c.id, i + 1, step);
      expect(
        statuses.filter((s) => s === 200),
        JSON.stringify(statuses),
      ).toHaveLength(1);
      expect(
        statuses.every((s) => s === 200 || s === 409 || s === 412),
        JSON.stringify(statuses),
      ).toBe(true);
    }

    const final = await getComplaint(app.ctx, agent, c.id);
    expect(final.status).toBe('closed');
    expect(final.version).toBe(5);
    expect(final.timeline.map((e) => e.action)).toEqual(['open', 'acknowledge', 'start_investigation', 'resolve', 'close']);
    expect(final.statusHistory.map((h) => h.status)).toEqual(['open', 'acknowledged', 'investigating', 'resolved', 'closed']);
    const customerEntries = (await app.ctx.store.timeline.newestFirst(customerId, 100)).items.filter((e) => e.refId === c.id);
    expect(customerEntries).toHaveLength(5);
    expect((await app.ctx.store.audit.forRecord('complaint', c.id)).items).toHaveLength(5);

    const days = await app.ctx.store.counters.forDays([
      ...new Set([counterDay(app.ctx, new Date(c.createdAt)), counterDay(app.ctx, new Date())]),
    ]);
    const sum = (name: string) => [...days.values()].reduce((n, d) => n + (d[name] ?? 0), 0);
    const total = (prefix: string) =>
      [...days.values()].reduce(
        (n, d) =>
          n +
          Object.entries(d)
            .filter(([k]) => k.startsWith(prefix))
            .reduce((m, [, v]) => m + v, 0),
        0,
      );
    expect(sum('complaints.opened')).toBe(1);
    expect(total('complaints.first_response.le_')).toBe(1);
    expect(sum('complaints.resolved')).toBe(1);
    expect(total('complaints.resolution.le_')).toBe(1);
    expect(sum('complaints.sla.due')).toBe(1);
    expect(sum('complaints.closed')).toBe(1);
    expect(sum('owner.UAGENT.complaints.closed')).toBe(1);
  });

  it('lets one of 50 different actions on the same version through', async () => {
    const c = await openComplaint(app.ctx, agent, { customerId, channel: 'web', category: 'delivery', description: 'Late' }, new Date());
    const bodies: unknown[] = [
      { action: 'acknowledge', promisedReplyAt: promise() },
      { action: 'note', text: 'called' },
      { action: 'escalate' },
      { action: 'close', summary: 'no' },
      { action: 'resolve', solution: 's', rootCause: 'r', replyToCustomer: 'y' },
    ];
    const statuses = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        app
          .api(`/api/complaints/${c.id}/transitions`, { method: 'POST', json: bodies[i % bodies.length], headers: { 'if-match': '1' } })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
    const final = await getComplaint(app.ctx, agent, c.id);
    expect(final.version).toBe(2);
    expect(final.timeline).toHaveLength(2);
  });

  it('does one step when 50 Slack clicks arrive without a version: the rest are refused by the state machine', async () => {
    const c = await openComplaint(
      app.ctx,
      agent,
      { customerId, channel: 'slack', category: 'other', description: 'Button race' },
      new Date(),
    );
    const click: ComplaintTransition = { action: 'acknowledge', promisedReplyAt: promise() };
    const results = await Promise.allSettled(
      Array.from({ length: N }, () => transitionComplaint(app.ctx, agent, c.id, undefined, click, new Date())),
    );
    const ok = results.filter((r): r is PromiseFulfilledResult<Complaint> => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code);
    expect(
      codes.every((code) => code === 'conflict' || code === 'precondition_failed'),
      JSON.stringify(codes),
    ).toBe(true);
    const final = await getComplaint(app.ctx, agent, c.id);
    expect(final.timeline.filter((e) => e.action === 'acknowledge')).toHaveLength(1);
  });
});
