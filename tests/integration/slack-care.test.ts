import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../lib/domain/calendar';
import { type CareTask, careProfileOf, reminderTask } from '../../lib/domain/care';
import type { Customer } from '../../lib/domain/customer';
import { systemActor } from '../../lib/domain/staff';
import { eventCallbackBody, state, viewSubmissionPayload } from '../../lib/local/slack-payloads';
import { createCareTask, getTask } from '../../lib/services/care';
import { openComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { careTaskBlocks } from '../../lib/slack/blocks/care';
import { responseFor, type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

describe('care tasks and the App Home in Slack', () => {
  let app: SlackTestApp;
  let customer: Customer;
  const today = () => localDay(new Date(), app.config.company.timeZone);
  const task = async (text: string, assigneeId = 'U0AGENT1'): Promise<CareTask> =>
    (await createCareTask(app.ctx, reminderTask(careProfileOf(customer), assigneeId, new Date().toISOString(), today(), text), {
      now: new Date(),
    }))!.task;

  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT1', name: '李娜', role: 'agent', locale: 'zh-CN' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT2', name: 'Tom', role: 'agent', locale: 'en' }, now);
    customer = await createCustomer(app.ctx, systemActor, { name: '王小明', ownerId: 'U0AGENT1' }, now);
  });
  afterAll(() => app.close());

  it('Done on a task in a DM closes it and re-renders just that task in place', async () => {
    const [a, b] = [await task('送生日卡'), await task('回电话')];
    const message = {
      channelId: 'D0AGENT1',
      ts: '1700000100.000100',
      blocks: [
        { type: 'header', block_id: 'h', text: { type: 'plain_text', text: 'today' } },
        ...careTaskBlocks(a, 'zh-CN'),
        ...careTaskBlocks(b, 'zh-CN'),
      ],
    };
    await app.click({ userId: 'U0AGENT1', actionId: 'care.done', value: a.id, message });
    const update = await app.fake.waitFor((c) => c.method === 'chat.update' && c.args.ts === message.ts);
    const blocks = update.args.blocks as Array<{ block_id?: string; type: string }>;
    expect(blocks[0]!.block_id).toBe('h');
    expect(blocks.find((x) => x.block_id === `care.task.${a.id}.actions`)!.type).toBe('context'); // closed: no buttons
    expect(blocks.find((x) => x.block_id === `care.task.${b.id}.actions`)!.type).toBe('actions'); // untouched
    expect((await getTask(app.ctx, a.id)).status).toBe('done');
  });

  it('snooze a week moves the task; a second click on the same delivery does nothing', async () => {
    const t = await task('拜访');
    const triggerId = `trg-snz-${Date.now()}`;
    const click = {
      userId: 'U0AGENT1',
      actionId: 'care.snooze_1w',
      value: t.id,
      triggerId,
      message: { channelId: 'D0AGENT1', ts: '1700000200.000100', blocks: careTaskBlocks(t, 'zh-CN') },
    };
    await app.click(click);
    await app.click(click);
    await app.settled();
    const after = await getTask(app.ctx, t.id);
    expect(after.status).toBe('snoozed');
    expect(after.version).toBe(t.version + 1);
  });

  it('someone else cannot close my task: refused in their language', async () => {
    const t = await task('别人的任务');
    const { responseUrl } = await app.click({
      userId: 'U0AGENT2',
      actionId: 'care.skip',
      value: t.id,
      message: { channelId: 'D0AGENT2', ts: '1700000300.000100' },
    });
    expect(String((await responseFor(app.fake, responseUrl)).args.text)).toContain('Only the assignee or a supervisor');
    expect((await getTask(app.ctx, t.id)).status).toBe('pending');
  });

  it('Add note opens a form and stores the note', async () => {
    const t = await task('需要备注');
    const triggerId = `trg-note-${Date.now()}`;
    await app.click({
      userId: 'U0AGENT1',
      actionId: 'care.note',
      value: t.id,
      triggerId,
      message: { channelId: 'D0AGENT1', ts: '1700000400.000100', blocks: careTaskBlocks(t, 'zh-CN') },
    });
    const opened = await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    await app.interact(
      viewSubmissionPayload({
        userId: 'U0AGENT1',
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { note: state.text('客户下周出差') },
      }),
    );
    await app.fake.waitFor((c) => c.method === 'chat.update' && c.args.ts === '1700000400.000100');
    expect((await getTask(app.ctx, t.id)).outcomeNote).toBe('客户下周出差');
  });

  it('/crm tasks lists my open tasks with their buttons', async () => {
    const { responseUrl } = await app.command('U0AGENT1', 'tasks');
    const reply = await responseFor(app.fake, responseUrl);
    expect(textOf(reply.args as { blocks: unknown[] })).toContain('今天及逾期的任务');
    expect(JSON.stringify(reply.args.blocks)).toContain('care.done');
  });

  it('/crm remind sets a reminder for the caller', async () => {
    const { responseUrl } = await app.command('U0AGENT1', 'remind 王小明 明天 报价单');
    const reply = await responseFor(app.fake, responseUrl);
    expect(String(reply.args.text)).toContain('已设置提醒');
    const tasks = await app.ctx.store.care.listTasks({ assigneeId: 'U0AGENT1', openOnly: true }, 50);
    expect(tasks.items.some((x) => x.details.text === '报价单')).toBe(true);
  });

  it('/crm remind without a time explains the usage', async () => {
    const { responseUrl } = await app.command('U0AGENT1', 'remind 王小明 报价单');
    expect(String((await responseFor(app.fake, responseUrl)).args.text)).toContain('用法');
  });

  it('the App Home shows my open complaints by due time and my tasks for today, with quick actions', async () => {
    await openComplaint(
      app.ctx,
      { id: 'U0AGENT1', kind: 'staff', role: 'agent' },
      { customerId: customer.id, channel: 'phone', category: 'billing', severity: 'critical', description: '多收了费用' },
      new Date(),
    );
    await app.post(eventCallbackBody({ type: 'app_home_opened', user: 'U0AGENT1', channel: 'D0AGENT1', tab: 'home' }), 'application/json');
    const published = await app.fake.waitFor((c) => c.method === 'views.publish' && c.args.user_id === 'U0AGENT1');
    const view = published.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = textOf(view);
    expect(text).toContain('我的未结投诉');
    expect(text).toContain('王小明');
    expect(JSON.stringify(view.blocks)).toContain('complaint.open_modal');
    expect(JSON.stringify(view.blocks)).toContain('care.done');
  });

  it('a task button on the App Home republishes the home tab', async () => {
    const t = await task('主页任务');
    const before = app.fake.calls('views.publish').length;
    await app.click({ userId: 'U0AGENT1', actionId: 'care.done', value: t.id, view: { id: 'VHOMEU0AGENT1', type: 'home' } });
    await app.fake.waitFor((c) => c.method === 'views.publish' && c.seq > 0 && app.fake.calls('views.publish').length > before);
    expect((await getTask(app.ctx, t.id)).status).toBe('done');
  });
});
