import { beforeAll, describe, expect, it, vi } from 'vitest';
import { monthPeriod, periodContaining } from '../../lib/domain/digest-period';
import { ForbiddenError } from '../../lib/domain/errors';
import { increments, metric } from '../../lib/domain/metrics';
import { type Actor, systemActor } from '../../lib/domain/staff';
import { scheduledJobs as jobs } from '../../lib/scheduled/all';
import { openComplaint } from '../../lib/services/complaints';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { buildDigest, buildDigestPreview, sendDueDigests, setDigestSubscription } from '../../lib/services/digest';
import { provideDetractors } from '../../lib/services/digest-sources';
import { upsertStaff } from '../../lib/services/staff';
import { slackMessageOf } from '../../lib/slack/notices/slack-message';
import type { SlackMessage, SlackTransport } from '../../lib/slack/notices/slack-transport';
import { testTable } from '../support/app';
import { useSlackTransport } from '../support/notice-recorder';

/**
 * The digest job against DynamoDB Local. Week W48 is 2026-11-23 … 11-29; the
 * job's Monday run at 01:00 UTC is 09:00 in Shanghai (the company zone).
 */
const LONG_AGO = new Date('2026-01-01T00:00:00Z');
const MONDAY_9_SHANGHAI = new Date('2026-11-30T01:00:00Z');
const MONDAY_9_NEW_YORK = new Date('2026-11-30T14:00:00Z');
const manager = (id: string): Actor => ({ id, kind: 'staff', role: 'manager' });

async function addCounters(ctx: AppContext, day: string, metrics: Record<string, number>) {
  await ctx.store.transact([...ctx.store.counters.incrementOps(day, metrics)]);
}

const fieldTexts = (blocks: unknown[]) => JSON.stringify(blocks);

async function seedStaff(ctx: AppContext) {
  await upsertStaff(
    ctx,
    systemActor,
    { slackUserId: 'U0MGR1', name: 'Mia Manager', role: 'manager', locale: 'en', timeZone: 'Asia/Shanghai' },
    LONG_AGO,
  );
  await upsertStaff(
    ctx,
    systemActor,
    { slackUserId: 'U0MGR2', name: '纽约经理', role: 'manager', locale: 'zh-CN', timeZone: 'America/New_York' },
    LONG_AGO,
  );
  await upsertStaff(ctx, systemActor, { slackUserId: 'U0ADM1', name: 'Ada Admin', role: 'admin', locale: 'en' }, LONG_AGO);
  await upsertStaff(ctx, systemActor, { slackUserId: 'U0ANN', name: 'Ann Agent', role: 'agent', locale: 'en' }, LONG_AGO);
}

describe('the digest job', () => {
  let ctx: AppContext;
  let outbox: Awaited<ReturnType<typeof testTable>>['outbox'];
  let acmeId: string;

  beforeAll(async () => {
    ({ ctx, outbox } = await testTable());
    await seedStaff(ctx);
    const customer = await createCustomer(ctx, systemActor, { name: 'Acme Trading', ownerId: 'U0ANN' }, LONG_AGO);
    acmeId = customer.id;
    await createCustomer(
      ctx,
      systemActor,
      { name: '华东贸易', ownerId: 'U0ANN', lifecycleStage: 'at-risk', flags: { keyAccount: true, vip: false, problem: false } },
      LONG_AGO,
    );
    await createCustomer(ctx, systemActor, { name: 'Small Shop', ownerId: 'U0ANN', lifecycleStage: 'at-risk' }, LONG_AGO);
    // Three complaints on Tuesday of W48, never answered: all three overdue by Monday.
    for (const [severity, category, at] of [
      ['critical', 'billing', '2026-11-24T02:00:00Z'],
      ['ordinary', 'delivery', '2026-11-24T03:00:00Z'],
      ['ordinary', 'delivery', '2026-11-24T04:00:00Z'],
    ] as const) {
      await openComplaint(
        ctx,
        { id: 'U0ANN', kind: 'staff', role: 'agent' },
        { customerId: customer.id, channel: 'phone', category, severity, description: `${category} problem` },
        new Date(at),
      );
    }
    // Hand-written counters (as the other features write them) for W47 and W48.
    await addCounters(ctx, '2026-11-18', {
      'complaints.opened': 1,
      'complaints.resolved': 2,
      'complaints.sla.due': 2,
      'complaints.sla.met': 1,
      'surveys.sent': 4,
      'surveys.answered': 2,
      ...increments([metric.npsAnswer(10), metric.npsAnswer(6)]),
    });
    await addCounters(ctx, '2026-11-26', {
      ...increments([metric.complaintResolved, metric.complaintSlaDue, metric.complaintSlaMet, metric.firstResponseBucket(45)], 'U0ANN'),
      'surveys.sent': 10,
      'surveys.answered': 3,
      ...increments([metric.npsAnswer(10), metric.npsAnswer(9), metric.npsAnswer(3)]),
    });
    outbox.sent.length = 0;
  });

  it('sends the week that ended to each manager and admin at 09:00 in their zone, with figures beside last week', async () => {
    const summary = await sendDueDigests(ctx, MONDAY_9_SHANGHAI);
    expect(summary.snapshot).toBe('taken');
    expect(summary.sent.sort()).toEqual(['U0ADM1', 'U0MGR1']);
    const post = outbox.sent.find((e) => e.kind === 'post' && e.channel === 'U0MGR1')!;
    const m = post.message as SlackMessage;
    const text = fieldTexts(m.blocks!);
    expect(m.text).toContain('Weekly digest · 2026-W48');
    expect(text).toContain('*New complaints*\\n3  ▲ 200%\\n_prev 1_');
    expect(text).toContain('*Resolved*\\n1  ▼ 50%\\n_prev 2_');
    expect(text).toContain('*SLA compliance*\\n100%  ▲ 50 pts\\n_prev 50%_');
    // NPS: (2 promoters − 1 detractor) ÷ 3 = +33 against (1 − 1) ÷ 2 = 0.
    expect(text).toContain('*NPS*\\n+33  ▲ 33\\n_prev 0_');
    expect(text).toContain('*Response rate*\\n30%  ▼ 20 pts\\n_prev 50%_');
    // Open at the end of Sunday: the live count (3) less nothing since; a week earlier 3 − (3 opened − 1 resolved) = 1.
    expect(text).toContain('*Open at end*\\n3  ▲ 200%\\n_prev 1_');
    expect(text).toContain('*Overdue at end*\\n3');
    expect(text).toContain('New by severity: Critical 1 · Ordinary 2');
  });

  it('lists the latest-overdue complaints and at-risk key accounts with buttons that open them', async () => {
    const m = outbox.sent.find((e) => e.kind === 'post' && e.channel === 'U0MGR1')!.message as SlackMessage;
    const accessories = m.blocks!.flatMap((b) =>
      (b as { accessory?: { action_id: string; value: string } }).accessory
        ? [(b as { accessory: { action_id: string; value: string } }).accessory]
        : [],
    );
    expect(accessories.filter((a) => a.action_id === 'complaint.show')).toHaveLength(3);
    expect(accessories.filter((a) => a.action_id === 'customer.pick')).toHaveLength(1);
    const text = fieldTexts(m.blocks!);
    expect(text).toContain('华东贸易');
    expect(text).not.toContain('Small Shop');
    // The latest deadline first: the two ordinary complaints (24 h) before the critical one (1 h).
    const order = m
      .blocks!.filter((b) => (b as { accessory?: { action_id: string } }).accessory?.action_id === 'complaint.show')
      .map((b) => JSON.stringify(b));
    expect(order[2]).toContain('Critical');
  });

  it('records a snapshot of the day that ended on that day’s counters, once', async () => {
    const day = (await ctx.store.counters.forDays(['2026-11-29'])).get('2026-11-29')!;
    expect(day[metric.snapshotTaken]).toBe(1);
    expect(day[metric.snapshotComplaintsOpen]).toBe(3);
    expect(day[metric.snapshotComplaintsOverdue]).toBe(3);
    // Customers not churned: Acme, 华东贸易 and Small Shop (counted once to start the chain).
    expect(day[metric.snapshotCustomerBase]).toBe(3);
    expect(day[metric.snapshotKeyAccountsQuarter]).toBe(0);
  });

  it('uploads the chart after the message, into the same conversation', async () => {
    const idx = (kind: string, channel: string) => outbox.sent.findIndex((e) => e.kind === kind && e.channel === channel);
    expect(idx('upload', 'U0MGR1')).toBeGreaterThan(idx('post', 'U0MGR1'));
    expect(outbox.sent[idx('upload', 'U0MGR1')]!.message).toMatchObject({ filename: 'digest-2026-W48.png' });
  });

  it('sends nothing more when the job runs again, in the same hour or later that day', async () => {
    const before = outbox.sent.length;
    const again = await sendDueDigests(ctx, MONDAY_9_SHANGHAI);
    const later = await sendDueDigests(ctx, new Date('2026-11-30T05:00:00Z'));
    expect(again.sent).toEqual([]);
    expect(again.alreadySent.sort()).toEqual(['U0ADM1', 'U0MGR1']);
    expect(again.snapshot).toBe('exists');
    expect(later.sent).toEqual([]);
    expect(outbox.sent.length).toBe(before);
  });

  it('New York gets its digest at its own 09:00, in Chinese for a zh-CN manager', async () => {
    const summary = await sendDueDigests(ctx, MONDAY_9_NEW_YORK);
    expect(summary.sent).toEqual(['U0MGR2']);
    const m = outbox.sent.find((e) => e.kind === 'post' && e.channel === 'U0MGR2')!.message as SlackMessage;
    expect(m.text).toContain('每周简报 · 2026-W48');
    expect(fieldTexts(m.blocks!)).toContain('新增投诉');
  });

  it('runs through the scheduled-job entry point', async () => {
    const result = (await jobs.digest!(ctx, new Date('2026-11-30T06:00:00Z'))) as { sent: string[] };
    expect(result.sent).toEqual([]);
  });

  it('two runs at the same moment send one digest per manager', async () => {
    await upsertStaff(
      ctx,
      systemActor,
      { slackUserId: 'U0MGR3', name: 'Dan Daily', role: 'manager', locale: 'en', timeZone: 'Asia/Shanghai' },
      LONG_AGO,
    );
    await setDigestSubscription(ctx, manager('U0MGR3'), 'daily', new Date('2026-11-30T02:00:00Z'));
    const at = new Date('2026-12-01T01:00:00Z');
    const [a, b] = await Promise.all([sendDueDigests(ctx, at), sendDueDigests(ctx, at)]);
    expect([...a.sent, ...b.sent].filter((id) => id === 'U0MGR3')).toHaveLength(1);
    expect([...a.alreadySent, ...b.alreadySent].filter((id) => id === 'U0MGR3')).toHaveLength(1);
    expect(outbox.sent.filter((e) => e.kind === 'post' && e.channel === 'U0MGR3')).toHaveLength(1);
    expect((outbox.sent.find((e) => e.kind === 'post' && e.channel === 'U0MGR3')!.message as SlackMessage).text).toContain(
      'Daily digest · 2026-11-30',
    );
  });

  it('a manager who subscribes mid-month gets the next whole month, not the one under way', async () => {
    await upsertStaff(
      ctx,
      systemActor,
      { slackUserId: 'U0MGR4', name: 'Mo Monthly', role: 'manager', locale: 'en', timeZone: 'Asia/Shanghai' },
      LONG_AGO,
    );
    const result = await setDigestSubscription(ctx, manager('U0MGR4'), 'monthly', new Date('2026-11-18T03:00:00Z'));
    expect(result.first).toEqual({ period: monthPeriod('2026-12'), sendDay: '2027-01-01' });
    expect((await sendDueDigests(ctx, new Date('2026-12-01T01:00:00Z'))).sent).not.toContain('U0MGR4');
    expect((await sendDueDigests(ctx, new Date('2027-01-01T01:00:00Z'))).sent).toContain('U0MGR4');
  });

  it('"off" stops the digests', async () => {
    await setDigestSubscription(ctx, manager('U0MGR3'), 'off', new Date('2026-12-01T03:00:00Z'));
    expect((await sendDueDigests(ctx, new Date('2026-12-02T01:00:00Z'))).sent).not.toContain('U0MGR3');
    expect((await ctx.store.staff.get('U0MGR3'))?.digest).toBe('off');
  });

  it('only managers and admins subscribe or preview; a bad frequency names the field', async () => {
    const agent: Actor = { id: 'U0ANN', kind: 'staff', role: 'agent' };
    await expect(setDigestSubscription(ctx, agent, 'weekly', MONDAY_9_SHANGHAI)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(buildDigestPreview(ctx, agent, MONDAY_9_SHANGHAI)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setDigestSubscription(ctx, manager('U0MGR1'), 'hourly', MONDAY_9_SHANGHAI)).rejects.toThrow(/frequency/);
  });

  it('the preview shows the week so far beside the same days of last week', async () => {
    const preview = await buildDigestPreview(ctx, manager('U0MGR1'), new Date('2026-11-26T06:00:00Z'));
    expect(preview.content.partial).toBe(true);
    expect(preview.content.period).toMatchObject({ start: '2026-11-23', end: '2026-11-26' });
    expect(preview.content.previous).toMatchObject({ start: '2026-11-16', end: '2026-11-19' });
    expect(slackMessageOf(preview).text).toContain('so far, preview');
    expect(preview.content.figures['complaints.opened']).toBe(3);
    expect(preview.content.previousFigures['complaints.opened']).toBe(1);
  });

  it('shows the detractors a survey source hands in, each opening the customer', async () => {
    provideDetractors(async (_ctx, range, limit) => {
      expect(range.from.toISOString()).toBe('2026-11-22T16:00:00.000Z');
      expect(limit).toBe(10);
      return [{ customerId: 'cus_sad', customerName: 'Sad Co', score: 2, answeredAt: '2026-11-26T04:00:00Z', comment: 'too slow' }];
    });
    try {
      const built = await buildDigest(ctx, 'U0MGR1', periodContaining('weekly', '2026-11-23'), new Date('2026-11-30T03:00:00Z'));
      const text = fieldTexts(slackMessageOf(built).blocks ?? []);
      expect(text).toContain('Sad Co');
      expect(text).toContain('"action_id":"customer.pick","text":{"type":"plain_text","text":"Open","emoji":true},"value":"cus_sad"');
    } finally {
      provideDetractors(undefined);
    }
  });

  it('a digest reads the same number of items however many closed complaints the period holds', async () => {
    const period = periodContaining('weekly', '2026-11-23');
    const at = new Date('2026-11-30T03:00:00Z');
    const read = async () => {
      const before = ctx.store.stats.itemsRead;
      await buildDigest(ctx, 'U0MGR1', period, at);
      return ctx.store.stats.itemsRead - before;
    };
    // Every counter shard and U0ANN's owner item of every day read exist already, so new events only change numbers
    // (a digest's cost follows days and active owners, never records).
    for (const day of ['2026-11-15', ...Array.from({ length: 15 }, (_, i) => `2026-11-${String(16 + i).padStart(2, '0')}`)]) {
      for (let s = 0; s < 4; s++)
        await ctx.store.transact(ctx.store.counters.incrementOps(day, { 'test.touch': 1, 'owner.U0ANN.test.touch': 1 }, s / 4));
    }
    const first = await read();
    // Settled on the spot, by a customer already at risk, late enough that their follow-up calls are not yet due:
    // no open work appears, so only the counters' numbers change.
    for (let i = 0; i < 12; i++) {
      await openComplaint(
        ctx,
        { id: 'U0ANN', kind: 'staff', role: 'agent' },
        {
          customerId: acmeId,
          channel: 'phone',
          category: 'other',
          description: `settled ${i}`,
          resolvedAtIntake: { solution: 'refund', rootCause: 'late-truck', replyToCustomer: 'sorry' },
        },
        new Date(`2026-11-29T0${i % 10}:00:00Z`),
      );
    }
    expect(await read()).toBe(first);
  });
});

describe('the digest survives a failing Slack', () => {
  it('a failed chart upload leaves the posted digest and is logged', async () => {
    const { ctx, outbox } = await testTable();
    await seedStaff(ctx);
    const failingUpload: SlackTransport = {
      ...outbox,
      upload: async () => {
        throw new Error('files.uploadV2: not_in_channel');
      },
    };
    useSlackTransport(ctx, failingUpload, outbox);
    const warn = vi.spyOn(ctx.logger, 'warn');
    const summary = await sendDueDigests(ctx, MONDAY_9_SHANGHAI);
    expect(summary.sent.sort()).toEqual(['U0ADM1', 'U0MGR1']);
    expect(
      outbox.sent
        .filter((e) => e.kind === 'post')
        .map((e) => e.channel)
        .sort(),
    ).toEqual(['U0ADM1', 'U0MGR1']);
    expect(warn).toHaveBeenCalledWith('digest: chart upload failed', expect.objectContaining({ period: '2026-W48' }));
    expect((await sendDueDigests(ctx, MONDAY_9_SHANGHAI)).sent).toEqual([]);
  });

  it('a failed post gives the claim back and the next hourly run sends it', async () => {
    const { ctx, outbox } = await testTable();
    await upsertStaff(
      ctx,
      systemActor,
      { slackUserId: 'U0MGR1', name: 'Mia Manager', role: 'manager', locale: 'en', timeZone: 'Asia/Shanghai' },
      LONG_AGO,
    );
    let failures = 1;
    useSlackTransport(
      ctx,
      {
        ...outbox,
        post: async (channel, message) => {
          if (failures-- > 0) throw new Error('chat.postMessage: ratelimited');
          return outbox.post(channel, message);
        },
      },
      outbox,
    );
    expect((await sendDueDigests(ctx, MONDAY_9_SHANGHAI)).failed).toEqual(['U0MGR1']);
    expect((await sendDueDigests(ctx, new Date('2026-11-30T02:00:00Z'))).sent).toEqual(['U0MGR1']);
    expect(outbox.sent.filter((e) => e.kind === 'post')).toHaveLength(1);
  });
});
