import { describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../lib/domain/staff';
import { runCareDaily } from '../../lib/services/care-daily';
import { openComplaint, transitionComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { sendDueDigests } from '../../lib/services/digest';
import type { Notice, NoticeRecipient, NoticeSender } from '../../lib/services/notices';
import { runSlaSweep } from '../../lib/services/sla-sweep';
import { upsertStaff } from '../../lib/services/staff';
import { testTable } from '../support/app';

/**
 * A second channel needs no use-case edits: a fake adapter placed beside Slack
 * behind the notice port receives every notice a whole working week emits, and
 * Slack's own calls match those notices one for one.
 */
const CHANNEL = 'C0COMPLAINTS';
const agent: Actor = { id: 'UAGENT', kind: 'staff', role: 'agent' };
const LONG_AGO = new Date('2025-01-01T00:00:00Z');

/** The fake channel: it renders nothing and keeps what it was asked to deliver. */
function fakeChannel(): NoticeSender & { received: Array<{ to: NoticeRecipient; notice: Notice }> } {
  const received: Array<{ to: NoticeRecipient; notice: Notice }> = [];
  return {
    received,
    async send(to, notice) {
      received.push({ to, notice });
    },
  };
}

describe('a second notice channel', () => {
  it('receives every notice of the complaint, care and digest flows without any use case knowing it', async () => {
    const { ctx, outbox } = await testTable({
      COMPLAINTS_SLACK_CHANNEL: CHANNEL,
      CARELOOP_COMPLAINTS: JSON.stringify({ corrective: { threshold: 2 } }),
    });
    const slack = ctx.notices;
    const fake = fakeChannel();
    ctx.notices = {
      async send(to, notice) {
        await slack.send(to, notice);
        await fake.send(to, notice);
      },
    };

    await upsertStaff(ctx, systemActor, { slackUserId: 'USUP', name: 'Sarah', role: 'supervisor', locale: 'en' }, LONG_AGO);
    await upsertStaff(ctx, systemActor, { slackUserId: 'UAGENT', name: 'Ana', role: 'agent', supervisorId: 'USUP' }, LONG_AGO);
    await upsertStaff(ctx, systemActor, { slackUserId: 'UMGR', name: 'Max', role: 'manager', locale: 'en' }, LONG_AGO);
    const monday = new Date('2025-06-16T01:00:00Z'); // 09:00 in Shanghai, the weekly digest's hour
    const customer = await createCustomer(ctx, agent, { name: '王芳', ownerId: 'UAGENT', birthday: { month: 6, day: 16 } }, LONG_AGO);

    const open = (severity: string, at: Date) =>
      openComplaint(ctx, agent, { customerId: customer.id, channel: 'phone', category: 'billing', severity, description: '发票错了' }, at);
    const first = await open('major', monday);
    await open('ordinary', new Date(monday.getTime() + 60_000));
    await transitionComplaint(
      ctx,
      agent,
      first.id,
      undefined,
      { action: 'reassign', assigneeId: 'USUP' },
      new Date(monday.getTime() + 120_000),
    );
    await transitionComplaint(ctx, agent, first.id, undefined, { action: 'escalate', reason: 'VIP' }, new Date(monday.getTime() + 180_000));
    await runSlaSweep(ctx, new Date(monday.getTime() + 3 * 86_400_000));
    await runCareDaily(ctx, monday);
    await sendDueDigests(ctx, monday);

    const kinds = new Set(fake.received.map((r) => r.notice.kind));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'care-digest',
        'care-task',
        'complaint-assigned',
        'complaint-changed',
        'complaint-posted',
        'corrective-action',
        'escalation',
        'manager-digest',
      ]),
    );
    expect(kinds.has('sla-warning') || fake.received.some((r) => r.notice.kind === 'escalation' && r.notice.cause.kind === 'sla')).toBe(
      true,
    );

    // Slack made one post or edit per notice the fake received (the digest's chart upload is its own extra call).
    const slackCalls = outbox.sent.filter((e) => e.kind === 'post' || e.kind === 'update');
    expect(slackCalls.map((e) => e.channel).sort()).toEqual(
      fake.received.map((r) => ('staff' in r.to ? r.to.staff : 'channel' in r.to ? r.to.channel : r.to.email)).sort(),
    );
    expect(outbox.sent.filter((e) => e.kind === 'upload')).toHaveLength(
      fake.received.filter((r) => r.notice.kind === 'manager-digest').length,
    );
  });
});
