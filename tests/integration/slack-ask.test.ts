import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, plusDays } from '../../lib/domain/calendar';
import { systemActor } from '../../lib/domain/staff';
import { dmEvent } from '../../lib/local/slack-payloads';
import { openComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

describe('conversational queries in Slack', () => {
  let app: SlackTestApp;

  /** Sends a DM and returns the bot's answer posted into that DM. */
  const askInDm = async (userId: string, text: string) => {
    const after = app.fake.calls().length ? app.fake.calls()[app.fake.calls().length - 1]!.seq : 0;
    const res = await app.event(dmEvent(userId, text));
    expect(res.status).toBe(200);
    const answer = await app.fake.waitFor(
      (c) => c.seq > after && c.method === 'chat.postMessage' && c.args.channel === `D${userId.slice(1)}`,
    );
    return textOf(answer.args as { text: string; blocks: unknown[] });
  };

  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT1', name: '李娜', role: 'agent', locale: 'zh-CN' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT2', name: 'Tom Baker', role: 'agent', locale: 'en' }, now);
    // Wednesday of next (Monday-first) week, whatever weekday the suite runs on.
    const today = localDay(now, app.config.company.timeZone);
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    const nextWeek = plusDays(today, ((8 - weekday) % 7 || 7) + 2);
    const [, month, day] = nextWeek.split('-').map(Number);
    const zhang = await createCustomer(
      app.ctx,
      systemActor,
      {
        name: '张三',
        ownerId: 'U0AGENT1',
        birthday: { month: month!, day: day! },
        purchases: { count: 20, amount: 200_000 },
        address: { city: '上海' },
      },
      now,
    );
    await createCustomer(app.ctx, systemActor, { name: '华为技术有限公司', kind: 'organization', ownerId: 'U0AGENT2' }, now);
    const acme = await createCustomer(
      app.ctx,
      systemActor,
      { name: 'Acme Trading Ltd.', kind: 'organization', ownerId: 'U0AGENT2', address: { city: '上海' } },
      now,
    );
    await openComplaint(
      app.ctx,
      { id: 'U0AGENT2', kind: 'staff', role: 'agent' },
      { customerId: acme.id, channel: 'email', category: 'delivery', severity: 'major', description: 'Late shipment' },
      now,
    );
    void zhang;
  });
  afterAll(() => app.close());

  it('answers "谁负责华为" with the owner', async () => {
    const text = await askInDm('U0AGENT1', '谁负责华为');
    expect(text).toContain('<@U0AGENT2>');
    expect(text).toContain('Tom Baker');
  });

  it('answers "Acme 最近有投诉吗" with the complaints of the customer', async () => {
    const text = await askInDm('U0AGENT1', 'Acme 最近有投诉吗');
    expect(text).toContain('Acme Trading Ltd.');
    expect(text).toContain('Late shipment');
  });

  it('answers "how is 张三 doing" with the customer card, in English for an English speaker', async () => {
    const text = await askInDm('U0AGENT2', 'how is 张三 doing');
    expect(text).toContain('张三');
    expect(text).toContain('Last interaction');
    expect(text).toContain('I read this as: customer overview');
  });

  it('answers "A-tier customers in Shanghai" from the tier index', async () => {
    const text = await askInDm('U0AGENT2', 'A-tier customers in Shanghai');
    expect(text).toContain('张三');
    expect(text).not.toContain('Acme');
  });

  it('answers "下周谁过生日" from the birthday index', async () => {
    const text = await askInDm('U0AGENT1', '下周谁过生日');
    expect(text).toContain('张三');
  });

  it('answers "我今天有什么任务" with my tasks', async () => {
    const text = await askInDm('U0AGENT1', '我今天有什么任务');
    expect(text).toContain('我的任务');
  });

  it('answers "NPS last month" from the daily counters, saying when there are no answers', async () => {
    const text = await askInDm('U0AGENT2', 'NPS last month');
    expect(text).toContain('NPS');
    expect(text).toContain('no answers');
  });

  it('meets a question it cannot read with a helpful reply and examples, never silence', async () => {
    const text = await askInDm('U0AGENT2', 'purple monkey dishwasher');
    expect(text).toContain("didn't understand");
    expect(text).toContain('overdue complaints this week');
  });

  it('asks which customer when a name matches none', async () => {
    const text = await askInDm('U0AGENT1', '李白最近怎么样');
    expect(text).toMatch(/没有找到客户|李白/);
  });

  it('answers an @mention in a thread of that channel', async () => {
    const res = await app.event({
      type: 'app_mention',
      user: 'U0AGENT2',
      text: '<@UFAKEBOT> who owns Acme',
      ts: '1700000500.000100',
      channel: 'C0SALES',
    });
    expect(res.status).toBe(200);
    const answer = await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0SALES');
    expect(answer.args.thread_ts).toBe('1700000500.000100');
    expect(textOf(answer.args as { blocks: unknown[] })).toContain('<@U0AGENT2>');
  });

  it("ignores the bot's own messages and message edits", async () => {
    const before = app.fake.calls('chat.postMessage').length;
    await app.event({ ...dmEvent('U0AGENT1', 'echo'), bot_id: 'BFAKEBOT' });
    await app.event({ ...dmEvent('U0AGENT1', 'edited'), subtype: 'message_changed' });
    await app.settled();
    expect(app.fake.calls('chat.postMessage').length).toBe(before);
  });

  it('answers a retried event once', async () => {
    const event = dmEvent('U0AGENT1', '谁负责华为');
    const before = app.fake.calls('chat.postMessage').length;
    await app.event(event, { eventId: 'Ev0RETRY01' });
    await app.event(event, { eventId: 'Ev0RETRY01', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await app.settled();
    expect(app.fake.calls('chat.postMessage').length).toBe(before + 1);
  });
});
