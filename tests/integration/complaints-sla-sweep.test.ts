import { beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../lib/domain/calendar';
import type { Complaint } from '../../lib/domain/complaint-schemas';
import { type Actor, systemActor } from '../../lib/domain/staff';
import { scheduledJobs as jobs } from '../../lib/scheduled/all';
import { getComplaint, openComplaint, transitionComplaint } from '../../lib/services/complaints';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { runSlaSweep } from '../../lib/services/sla-sweep';
import { upsertStaff } from '../../lib/services/staff';
import { testTable } from '../support/app';
import type { OutboxEntry } from '../support/notice-recorder';

/**
 * The SLA sweep: a warning to the assignee at 80 % of a window, the supervisor
 * at the breach, every manager at +50 %; each exactly once, whether the job
 * runs late, twice, or twice at the same moment; and it reads only what is due.
 */
const agent: Actor = { id: 'UAGENT', kind: 'staff', role: 'agent' };
// No intake notices and no corrective actions here: each test counts the SLA messages alone.
const quietIntake = JSON.stringify({ intakeEscalation: { critical: 'none', major: 'none' }, corrective: { threshold: 1000 } });

async function setup(env: Record<string, string> = {}) {
  const { ctx, outbox } = await testTable({ CARELOOP_COMPLAINTS: quietIntake, ...env });
  const t = new Date('2025-06-01T00:00:00Z');
  await upsertStaff(ctx, systemActor, { slackUserId: 'USUP', name: 'Sarah', role: 'supervisor', locale: 'en' }, t);
  await upsertStaff(ctx, systemActor, { slackUserId: 'UAGENT', name: 'Ana', role: 'agent', supervisorId: 'USUP', locale: 'en' }, t);
  await upsertStaff(ctx, systemActor, { slackUserId: 'ULONE', name: 'Lone', role: 'agent' }, t);
  await upsertStaff(ctx, systemActor, { slackUserId: 'UMGR1', name: 'Max', role: 'manager' }, t);
  await upsertStaff(ctx, systemActor, { slackUserId: 'UMGR2', name: 'Mia', role: 'manager', locale: 'en' }, t);
  const customerId = (await createCustomer(ctx, systemActor, { name: 'Sweep Customer', ownerId: 'UAGENT' }, t)).id;
  const dms = (complaintId: string, to: string) =>
    outbox.sent.filter((e: OutboxEntry) => e.kind === 'post' && e.channel === to && JSON.stringify(e.message).includes(complaintId));
  const open = (now: Date, extra: Record<string, unknown> = {}, actor = agent) =>
    openComplaint(
      ctx,
      actor,
      { customerId, channel: 'phone', category: 'delivery', severity: 'critical', description: 'Van never came', ...extra },
      now,
    );
  return { ctx, outbox, dms, open };
}

const plus = (t: Date, minutes: number) => new Date(t.getTime() + minutes * 60_000);

describe('sla-sweep', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    s = await setup();
  });

  it('warns the assignee at 80 %, escalates to the supervisor at the breach and to all managers at +50 %, each once', async () => {
    const t0 = new Date('2025-06-16T02:00:00Z');
    const c = await s.open(t0);
    await runSlaSweep(s.ctx, plus(t0, 47));
    expect(s.dms(c.id, 'UAGENT')).toHaveLength(0);

    await runSlaSweep(s.ctx, plus(t0, 48));
    await runSlaSweep(s.ctx, plus(t0, 49));
    expect(s.dms(c.id, 'UAGENT')).toHaveLength(1);
    expect(JSON.stringify(s.dms(c.id, 'UAGENT')[0]!.message)).toContain('About to breach');

    await Promise.all([runSlaSweep(s.ctx, plus(t0, 60)), runSlaSweep(s.ctx, plus(t0, 60)), runSlaSweep(s.ctx, plus(t0, 61))]);
    expect(s.dms(c.id, 'USUP')).toHaveLength(1);
    expect(s.dms(c.id, 'UMGR1')).toHaveLength(0);

    await Promise.all([runSlaSweep(s.ctx, plus(t0, 90)), runSlaSweep(s.ctx, plus(t0, 95))]);
    expect(s.dms(c.id, 'UMGR1')).toHaveLength(1);
    expect(s.dms(c.id, 'UMGR2')).toHaveLength(1);
    expect(s.dms(c.id, 'USUP')).toHaveLength(1);
    expect(s.dms(c.id, 'UAGENT')).toHaveLength(1);

    const after = await getComplaint(s.ctx, agent, c.id);
    expect(after.escalationLevel).toBe(2);
    expect(after.alertsSent).toEqual(['r0.firstResponse.warn', 'r0.firstResponse.supervisor', 'r0.firstResponse.managers']);
    expect(after.timeline.filter((e) => e.action === 'sla_alert')).toHaveLength(3);
    // The resolution clock (24 h) is next.
    expect(after.nextAlert?.key).toBe('r0.resolution.warn');
  });

  it('escalates without a stale warning when the sweep comes after the breach', async () => {
    const t0 = new Date('2025-06-17T02:00:00Z');
    const c = await s.open(t0);
    const report = await runSlaSweep(s.ctx, plus(t0, 65));
    expect(report.escalated).toBeGreaterThanOrEqual(1);
    const entry = (await getComplaint(s.ctx, agent, c.id)).timeline.find((e) => e.action === 'sla_alert');
    expect(entry?.details).toMatchObject({
      alerts: [{ clock: 'firstResponse', step: 'supervisor' }],
      superseded: ['r0.firstResponse.warn'],
    });
    expect(s.dms(c.id, 'UAGENT')).toHaveLength(0);
    expect(s.dms(c.id, 'USUP')).toHaveLength(1);
  });

  it('sends an escalation to the managers when the assignee has no supervisor', async () => {
    const t0 = new Date('2025-06-18T02:00:00Z');
    const c = await s.open(t0, {}, { id: 'ULONE', kind: 'staff', role: 'agent' });
    await runSlaSweep(s.ctx, plus(t0, 61));
    expect(s.dms(c.id, 'UMGR1')).toHaveLength(1);
  });

  it('watches the promised reply time once the complaint is acknowledged, and stops when it is resolved', async () => {
    const t0 = new Date('2025-06-19T02:00:00Z');
    const c = await s.open(t0, { severity: 'ordinary' });
    const acked = await transitionComplaint(
      s.ctx,
      agent,
      c.id,
      1,
      { action: 'acknowledge', promisedReplyAt: plus(t0, 100).toISOString() },
      plus(t0, 10),
    );
    expect(acked.nextAlert).toMatchObject({ clock: 'promisedReply', step: 'warn', at: plus(t0, 10 + 72).toISOString() });
    await runSlaSweep(s.ctx, plus(t0, 101));
    expect(s.dms(c.id, 'USUP')).toHaveLength(1);
    expect(JSON.stringify(s.dms(c.id, 'USUP')[0]!.message)).toContain('Promised reply');

    const current = (await s.ctx.store.complaints.get(c.id))!;
    const resolved = await transitionComplaint(
      s.ctx,
      agent,
      c.id,
      current.version,
      { action: 'resolve', solution: 's', rootCause: 'r', replyToCustomer: 'y' },
      plus(t0, 120),
    );
    expect(resolved.nextAlert).toBeUndefined();
    const due = await s.ctx.store.complaints.dueForAlert(plus(t0, 60 * 24 * 30), 1000);
    expect(due.map((d) => d.id)).not.toContain(c.id);
  });

  it('reads only due complaints: a sweep with nothing due reads no item', async () => {
    const t0 = new Date('2025-06-20T02:00:00Z');
    await Promise.all([s.open(t0), s.open(t0), s.open(t0)]);
    await runSlaSweep(s.ctx, new Date('2025-06-30T00:00:00Z')); // flush everything due before
    const before = { ...s.ctx.store.stats, byCommand: { ...s.ctx.store.stats.byCommand } };
    const report = await runSlaSweep(s.ctx, new Date('2025-06-30T00:01:00Z'));
    expect(report.due).toBe(0);
    expect(s.ctx.store.stats.itemsRead - before.itemsRead).toBe(0);
    expect(s.ctx.store.stats.byCommand.ScanCommand ?? 0).toBe(0);
  });

  it('is registered as the sla-sweep job', async () => {
    expect(typeof jobs['sla-sweep']).toBe('function');
    expect(await jobs['sla-sweep']!(s.ctx, new Date('2025-06-30T00:02:00Z'))).toMatchObject({ due: 0 });
  });
});

describe('sla-sweep in business hours', () => {
  let ctx: AppContext;
  let dms: (id: string, to: string) => OutboxEntry[];
  let c: Complaint;
  const friday = new Date('2025-06-13T09:30:00Z'); // 17:30 in Shanghai

  beforeAll(async () => {
    const s = await setup({
      CARELOOP_COMPLAINTS: JSON.stringify({
        intakeEscalation: { critical: 'none' },
        corrective: { threshold: 1000 },
        businessHours: { enabled: true },
      }),
    });
    ctx = s.ctx;
    dms = s.dms;
    c = await s.open(friday);
  });

  it('escalates a critical complaint logged Friday 17:30 on Monday 09:30, not over the weekend', async () => {
    expect(c.clocks.firstResponse.dueAt).toBe(new Date('2025-06-16T09:30:00+08:00').toISOString());
    await runSlaSweep(ctx, new Date('2025-06-14T12:00:00+08:00'));
    expect(dms(c.id, 'USUP')).toHaveLength(0);
    await runSlaSweep(ctx, new Date('2025-06-16T09:30:00+08:00'));
    expect(dms(c.id, 'USUP')).toHaveLength(1);
  });

  it('handles each complaint on its own: one that fails is counted and retried next run, the others are warned', async () => {
    const own = await setup();
    const t0 = new Date('2025-06-17T02:00:00Z');
    const bad = await own.open(t0);
    const good = await own.open(t0);
    // The store refuses every write of the bad complaint, as a throttled or failing table would.
    const transact = own.ctx.store.transact.bind(own.ctx.store);
    own.ctx.store.transact = async (ops, ...rest) => {
      if (JSON.stringify(ops).includes(bad.id)) throw new Error('ProvisionedThroughputExceededException');
      return transact(ops, ...rest);
    };
    const first = await runSlaSweep(own.ctx, plus(t0, 48));
    own.ctx.store.transact = transact;
    expect(first).toMatchObject({ due: 2, claimed: 1, warned: 1, itemFailures: 1 });
    expect(own.dms(good.id, 'UAGENT')).toHaveLength(1);
    expect(own.dms(bad.id, 'UAGENT')).toHaveLength(0);
    const day = localDay(plus(t0, 48), own.ctx.config.company.timeZone);
    expect((await own.ctx.store.counters.forDays([day])).get(day)?.['jobs.sla-sweep.item_failures']).toBe(1);

    const retry = await runSlaSweep(own.ctx, plus(t0, 49));
    expect(retry).toMatchObject({ claimed: 1, warned: 1, itemFailures: 0 });
    expect(own.dms(bad.id, 'UAGENT')).toHaveLength(1);
    expect(own.dms(good.id, 'UAGENT')).toHaveLength(1);
  });
});
