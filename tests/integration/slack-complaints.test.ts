import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint } from '../../lib/domain/complaint-schemas';
import { systemActor } from '../../lib/domain/staff';
import {
  blockSuggestionPayload,
  eventCallbackBody,
  messageShortcutPayload,
  state,
  viewSubmissionPayload,
} from '../../lib/local/slack-payloads';
import { listComplaints, openComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { complaintPostOf } from '../support/notice-recorder';
import { responseFor, type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

const CHANNEL = 'C0COMPLAINTS';

describe('complaints in Slack', () => {
  let app: SlackTestApp;
  let customerId: string;
  const list = async (customer: string) => (await listComplaints(app.ctx, systemActor, { customerId: customer, limit: 50 })).items;

  beforeAll(async () => {
    app = await startSlackTestApp({ COMPLAINTS_SLACK_CHANNEL: CHANNEL });
    const now = new Date();
    await upsertStaff(
      app.ctx,
      systemActor,
      { slackUserId: 'U0AGENT1', name: '李娜', role: 'agent', locale: 'zh-CN', supervisorId: 'U0SUPER1' },
      now,
    );
    await upsertStaff(
      app.ctx,
      systemActor,
      { slackUserId: 'U0AGENT2', name: 'Tom Baker', role: 'agent', locale: 'en', supervisorId: 'U0SUPER1' },
      now,
    );
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0SUPER1', name: 'Sarah Chen', role: 'supervisor', locale: 'en' }, now);
    customerId = (await createCustomer(app.ctx, systemActor, { name: '张三', ownerId: 'U0AGENT1', phones: ['13800138000'] }, now)).id;
  });
  afterAll(() => app.close());

  const intake = (userId: string, values: Record<string, Record<string, unknown>>, extra: { viewId?: string; triggerId?: string } = {}) =>
    viewSubmissionPayload({
      userId,
      callbackId: 'complaint.modal',
      values,
      privateMetadata: JSON.stringify({ source: { kind: 'command' } }),
      ...extra,
    });

  it('opens the complaint modal with the named customer already picked', async () => {
    const { res } = await app.command('U0AGENT1', 'complaint 张三');
    expect(res.status).toBe(200);
    const open = await app.fake.waitFor(
      (c) => c.method === 'views.open' && (c.args.view as { callback_id?: string }).callback_id === 'complaint.modal',
    );
    const view = open.args.view as { blocks: Array<{ block_id: string; element: { initial_option?: { value: string }; type: string } }> };
    const picker = view.blocks.find((b) => b.block_id === 'customer')!;
    expect(picker.element.type).toBe('external_select');
    expect(picker.element.initial_option?.value).toBe(customerId);
    expect(textOf(view)).toContain('投诉'); // the zh-CN agent gets a Chinese form
  });

  it('offers customers by pinyin in the picker', async () => {
    const res = await app.interact(blockSuggestionPayload({ userId: 'U0AGENT1', actionId: 'customer.search', value: 'zhang' }));
    const body = (await res.json()) as { options: Array<{ value: string; text: { text: string } }> };
    expect(body.options.map((o) => o.value)).toContain(customerId);
  });

  it('shows validation errors inline, in the user language and naming the field, and stores nothing', async () => {
    const before = (await list(customerId)).length;
    const res = await app.interact(
      intake('U0AGENT1', {
        customer: state.external(customerId),
        category: state.select(null),
        severity: state.select('major'),
        channel: state.select('phone'),
        description: state.text(null),
      }),
    );
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.category).toMatch(/类别.*必填/);
    expect(body.errors.description).toMatch(/投诉内容.*必填/);
    await app.settled();
    expect((await list(customerId)).length).toBe(before);
  });

  it('rejects a promised reply time in the past inline', async () => {
    const res = await app.interact(
      intake('U0AGENT2', {
        customer: state.external(customerId),
        category: state.select('delivery'),
        severity: state.select('ordinary'),
        channel: state.select('phone'),
        description: state.text('Parcel late'),
        promised: state.dateTime(new Date(Date.now() - 3_600_000)),
      }),
    );
    const body = (await res.json()) as { errors: Record<string, string> };
    expect(body.errors.promised).toContain('must be in the future');
  });

  it('logs a complaint: confirmation with SLA due times, a masked post in the complaints channel, and once only on a retry', async () => {
    const triggerId = `trg-${Date.now()}`;
    const viewId = 'V0INTAKE01';
    const payload = intake(
      'U0AGENT1',
      {
        customer: state.external(customerId),
        category: state.select('product-quality'),
        severity: state.select('major'),
        channel: state.select('phone'),
        description: state.text('屏幕有裂痕，客户电话 13800138000'),
        confirmed: state.checkboxes(['yes']),
        promised: state.dateTime(new Date(Date.now() + 2 * 3_600_000)),
      },
      { triggerId, viewId },
    );
    const res = await app.interact(payload);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { response_action: string }).response_action).toBe('update');

    const confirmation = await app.fake.waitFor((c) => c.method === 'views.update' && c.args.view_id === viewId);
    const text = textOf(confirmation.args.view as { blocks: unknown[] });
    expect(text).toContain('解决时限');
    expect(text).toContain('承诺答复时间');
    const post = await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL);
    expect(textOf(post.args as { blocks: unknown[] })).toContain('138****8000');
    expect(textOf(post.args as { blocks: unknown[] })).not.toContain('13800138000');

    const stored = (await list(customerId)).filter((c) => c.description.startsWith('屏幕有裂痕'));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.status).toBe('acknowledged');

    const retry = await app.interact(payload, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    await app.settled();
    expect((await list(customerId)).filter((c) => c.description.startsWith('屏幕有裂痕'))).toHaveLength(1);
  });

  describe('buttons on a complaint message', () => {
    let complaint: Complaint;
    let post: { channel: string; ts: string };
    beforeAll(async () => {
      complaint = await openComplaint(
        app.ctx,
        { id: 'U0AGENT1', kind: 'staff', role: 'agent' },
        { customerId, channel: 'phone', category: 'delivery', severity: 'ordinary', description: '送货晚了三天' },
        new Date(),
      );
      post = (await complaintPostOf(app.ctx, complaint.id))!;
      expect(post.channel).toBe(CHANNEL);
    });

    it('take: a supervisor steps in, becomes the assignee, and the channel message shows it', async () => {
      const { res, responseUrl } = await app.click({
        userId: 'U0SUPER1',
        actionId: 'complaint.take',
        value: complaint.id,
        message: { channelId: CHANNEL, ts: post.ts },
      });
      expect(res.status).toBe(200);
      await responseFor(app.fake, responseUrl);
      const update = await app.fake.waitFor(
        (c) => c.method === 'chat.update' && c.args.ts === post.ts && textOf(c.args as { blocks: unknown[] }).includes('<@U0SUPER1>'),
      );
      expect(update.args.channel).toBe(CHANNEL);
    });

    it('acknowledge asks for the promised reply time, then updates the message it was clicked on', async () => {
      const dm = { channelId: 'D0SUPER1', ts: '1700000000.000100' };
      const triggerId = `trg-ack-${Date.now()}`;
      const { responseUrl } = await app.click({
        userId: 'U0SUPER1',
        actionId: 'complaint.acknowledge',
        value: complaint.id,
        message: dm,
        triggerId,
      });
      const opened = await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
      const view = opened.args.view as { callback_id: string; private_metadata: string };
      expect(view.callback_id).toBe('complaint.acknowledge_modal');
      const promised = new Date(Date.now() + 86_400_000);
      const res = await app.interact(
        viewSubmissionPayload({
          userId: 'U0SUPER1',
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: { promised: state.dateTime(promised) },
        }),
      );
      expect(res.status).toBe(200);
      const edited = await app.fake.waitFor((c) => c.method === 'chat.update' && c.args.ts === dm.ts);
      expect(textOf(edited.args as { blocks: unknown[] })).toContain('Acknowledged');
      await responseFor(app.fake, responseUrl);
      const [after] = (await list(customerId)).filter((c) => c.id === complaint.id);
      expect(after!.status).toBe('acknowledged');
      expect(after!.promisedReplyAt).toBe(new Date(Math.floor(promised.getTime() / 1000) * 1000).toISOString());
    });

    it('resolve: the modal asks for solution, root cause, compensation and the reply to the customer', async () => {
      const triggerId = `trg-res-${Date.now()}`;
      await app.click({
        userId: 'U0SUPER1',
        actionId: 'complaint.resolve',
        value: complaint.id,
        message: { channelId: CHANNEL, ts: post.ts },
        triggerId,
      });
      const opened = await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
      const view = opened.args.view as { callback_id: string; private_metadata: string; blocks: Array<{ block_id: string }> };
      expect(view.blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(['solution', 'root_cause', 'compensation', 'reply']));
      const missing = await app.interact(
        viewSubmissionPayload({
          userId: 'U0SUPER1',
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: { solution: state.text('Re-delivered'), reply: state.text(null) },
        }),
      );
      expect(((await missing.json()) as { errors: Record<string, string> }).errors.reply).toContain('required');
      await app.interact(
        viewSubmissionPayload({
          userId: 'U0SUPER1',
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: {
            solution: state.text('Re-delivered next day'),
            root_cause_pick: state.select('delivery delay'),
            compensation: state.text('¥50 voucher'),
            reply: state.text('Sorry, we re-delivered it.'),
          },
        }),
      );
      await app.fake.waitFor(
        (c) => c.method === 'chat.update' && c.args.ts === post.ts && textOf(c.args as { blocks: unknown[] }).includes('已解决'),
      );
      const [after] = (await list(customerId)).filter((c) => c.id === complaint.id);
      expect(after!.status).toBe('resolved');
      expect(after!.resolution?.rootCause).toBe('delivery delay');
    });

    it('an agent may not take a complaint someone else owns: refused in their language', async () => {
      const { responseUrl } = await app.click({
        userId: 'U0AGENT2',
        actionId: 'complaint.take',
        value: complaint.id,
        message: { channelId: CHANNEL, ts: post.ts },
      });
      const reply = await responseFor(app.fake, responseUrl);
      expect(String(reply.args.text)).toContain('Only the assignee <@U0SUPER1>');
    });

    it('a step the state does not allow is refused, naming what is allowed', async () => {
      const { responseUrl } = await app.click({
        userId: 'U0SUPER1',
        actionId: 'complaint.take',
        value: complaint.id,
        message: { channelId: CHANNEL, ts: post.ts },
      });
      const reply = await responseFor(app.fake, responseUrl);
      expect(String(reply.args.text)).toContain('already the assignee');
    });
  });

  it('assign, add note and escalate work through their small forms', async () => {
    const c = await openComplaint(
      app.ctx,
      { id: 'U0AGENT1', kind: 'staff', role: 'agent' },
      { customerId, channel: 'web', category: 'billing', severity: 'ordinary', description: '发票金额不对' },
      new Date(),
    );
    const post = (await complaintPostOf(app.ctx, c.id))!;
    const form = async (actionId: string, values: Record<string, Record<string, unknown>>, userId = 'U0AGENT1') => {
      const triggerId = `trg-${actionId}-${Date.now()}`;
      await app.click({ userId, actionId, value: c.id, triggerId, message: { channelId: CHANNEL, ts: post.ts } });
      const opened = await app.fake.waitFor((x) => x.method === 'views.open' && x.args.trigger_id === triggerId);
      const view = opened.args.view as { callback_id: string; private_metadata: string };
      const res = await app.interact(
        viewSubmissionPayload({ userId, callbackId: view.callback_id, privateMetadata: view.private_metadata, values }),
      );
      expect(res.status).toBe(200);
      await app.settled();
    };
    await form('complaint.note', { text: state.text('已致电客户核实') });
    await form('complaint.escalate', { reason: state.text('客户要求主管处理') });
    await form('complaint.assign', { assignee: state.user('U0AGENT2') });
    const [after] = (await list(customerId)).filter((x) => x.id === c.id);
    expect(after).toMatchObject({ assigneeId: 'U0AGENT2', escalationLevel: 1 });
    const escalation = await app.fake.waitFor(
      (x) =>
        x.method === 'chat.postMessage' && x.args.channel === 'U0SUPER1' && textOf(x.args as { text: string }).includes('发票金额不对'),
    );
    expect(escalation).toBeDefined();
  });

  it('the "Log as complaint" shortcut opens the form prefilled with the message', async () => {
    const triggerId = `trg-sc-${Date.now()}`;
    await app.interact(
      messageShortcutPayload({
        userId: 'U0AGENT2',
        channelId: 'C0SUPPORT',
        message: { ts: '1700000001.000200', text: 'Customer says the invoice is wrong', user: 'U0OTHER' },
        responseUrl: app.fake.responseUrl(),
        triggerId,
      }),
    );
    const opened = await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
    const view = opened.args.view as {
      blocks: Array<{ block_id: string; element: { initial_value?: string; initial_option?: { value: string } } }>;
    };
    expect(view.blocks.find((b) => b.block_id === 'description')!.element.initial_value).toBe('Customer says the invoice is wrong');
    expect(view.blocks.find((b) => b.block_id === 'channel')!.element.initial_option?.value).toBe('slack');
  });

  it('the :ticket: reaction DMs the reactor a button that opens the prefilled form, once per event', async () => {
    app.fake.addMessage('C0SUPPORT', { ts: '1700000002.000300', text: '客户反映发票开错了', user: 'U0OTHER' });
    const event = {
      type: 'reaction_added',
      user: 'U0AGENT1',
      reaction: 'ticket',
      item_user: 'U0OTHER',
      item: { type: 'message', channel: 'C0SUPPORT', ts: '1700000002.000300' },
    };
    const body = eventCallbackBody(event, { eventId: 'Ev0TICKET1' });
    expect((await app.post(body, 'application/json')).status).toBe(200);
    const dm = await app.fake.waitFor(
      (c) =>
        c.method === 'chat.postMessage' && c.args.channel === 'U0AGENT1' && textOf(c.args as { blocks: unknown[] }).includes('发票开错了'),
    );
    expect((await app.post(body, 'application/json', { headers: { 'x-slack-retry-num': '1' } })).status).toBe(200);
    await app.settled();
    expect(
      app.fake
        .calls('chat.postMessage')
        .filter((c) => c.args.channel === 'U0AGENT1' && textOf(c.args as { blocks: unknown[] }).includes('发票开错了')),
    ).toHaveLength(1);

    const button = (dm.args.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find(
      (b) => b.type === 'actions',
    )!.elements![0]!;
    const triggerId = `trg-tk-${Date.now()}`;
    await app.click({
      userId: 'U0AGENT1',
      actionId: button.action_id,
      value: button.value,
      triggerId,
      message: { channelId: 'D0AGENT1', ts: String(dm.response?.ts) },
    });
    const opened = await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
    const blocks = (opened.args.view as { blocks: Array<{ block_id: string; element: { initial_value?: string } }> }).blocks;
    expect(blocks.find((b) => b.block_id === 'description')!.element.initial_value).toBe('客户反映发票开错了');
  });

  it('lists overdue complaints with /crm complaints overdue', async () => {
    const { responseUrl } = await app.command('U0SUPER1', 'complaints overdue');
    const reply = await responseFor(app.fake, responseUrl);
    expect(textOf(reply.args as { blocks: unknown[] })).toContain('Overdue complaints');
  });

  it('ignores reactions other than :ticket:', async () => {
    const before = app.fake.calls('chat.postMessage').length;
    await app.post(
      eventCallbackBody({
        type: 'reaction_added',
        user: 'U0AGENT1',
        reaction: 'thumbsup',
        item: { type: 'message', channel: 'C0SUPPORT', ts: '1700000002.000300' },
      }),
      'application/json',
    );
    await app.settled();
    expect(app.fake.calls('chat.postMessage').length).toBe(before);
  });

  it('never acts twice on a repeated trigger_id', async () => {
    const triggerId = `trg-dup-${Date.now()}`;
    await app.command('U0AGENT1', 'complaints mine', { triggerId });
    await app.command('U0AGENT1', 'complaints mine', { triggerId });
    await app.settled();
    expect(app.fake.calls('response_url').filter((c) => textOf(c.args as { blocks: unknown[] }).includes('我的未结投诉'))).toHaveLength(1);
  });
});
