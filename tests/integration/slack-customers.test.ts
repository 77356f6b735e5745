import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { state, viewSubmissionPayload } from '../../lib/local/slack-payloads';
import { createCustomer, customerTimeline } from '../../lib/services/customers';
import { listStaff, upsertStaff } from '../../lib/services/staff';
import { responseFor, type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

describe('customers in Slack', () => {
  let app: SlackTestApp;
  let zhangId: string;
  const cardFor = async (userId: string, text: string) => {
    const { responseUrl } = await app.command(userId, text);
    return (await responseFor(app.fake, responseUrl)).args as { text: string; blocks: unknown[] };
  };

  beforeAll(async () => {
    app = await startSlackTestApp({ ADMIN_SLACK_USER_IDS: 'U0ADMIN1' });
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0OWNER1', name: '李娜', role: 'agent', locale: 'zh-CN' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT2', name: 'Tom Baker', role: 'agent', locale: 'en' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0SUPER1', name: 'Sarah Chen', role: 'supervisor', locale: 'en' }, now);
    zhangId = (
      await createCustomer(
        app.ctx,
        systemActor,
        {
          name: '张三',
          ownerId: 'U0OWNER1',
          phones: ['13800138000'],
          emails: ['zhang@example.com'],
          creditGrade: 'red',
          address: { city: '上海' },
        },
        now,
      )
    ).id;
    await createCustomer(app.ctx, systemActor, { name: 'Emily Johnson', ownerId: 'U0AGENT2', address: { city: 'Shanghai' } }, now);
    await createCustomer(app.ctx, systemActor, { name: 'Emily Stone', ownerId: 'U0AGENT2' }, now);
  });
  afterAll(() => app.close());

  it('shows the owner the full phone number and e-mail', async () => {
    const text = textOf(await cardFor('U0OWNER1', '张三'));
    expect(text).toContain('+8613800138000');
    expect(text).toContain('zhang@example.com');
  });

  it('masks phone and e-mail for an agent who does not own the customer, and never shows the credit grade', async () => {
    const card = await cardFor('U0AGENT2', 'zhangsan');
    const text = textOf(card);
    expect(text).toContain('张三');
    expect(text).not.toContain('13800138000');
    expect(text).toContain('****');
    expect(text).toContain('z***@example.com');
    expect(text).not.toMatch(/red|红/);
    expect(JSON.stringify(card.blocks)).not.toContain('customer.reveal');
  });

  it('lets a supervisor reveal the credit grade, and audits the reveal', async () => {
    const card = await cardFor('U0SUPER1', '13800138000');
    expect(textOf(card)).toContain('+8613800138000');
    expect(JSON.stringify(card.blocks)).toContain('customer.reveal');
    const { responseUrl } = await app.click({ userId: 'U0SUPER1', actionId: 'customer.reveal', value: zhangId });
    const reply = await responseFor(app.fake, responseUrl);
    expect(String(reply.args.text)).toContain('red');
    const audit = await app.ctx.store.audit.forRecord('customer', zhangId);
    expect(audit.items.some((e) => e.action === 'customer.restricted_read' && e.actor === 'U0SUPER1')).toBe(true);
  });

  it('offers a pick list when several customers match, and the pick opens the card in place', async () => {
    const list = await cardFor('U0AGENT2', 'emily');
    const picks = JSON.stringify(list.blocks).match(/"customer\.pick"/g) ?? [];
    expect(picks).toHaveLength(2);
    const emily = (list.blocks as Array<{ accessory?: { value: string }; text?: { text: string } }>).find((b) =>
      b.text?.text.includes('Emily Johnson'),
    )!.accessory!.value;
    const { responseUrl } = await app.click({ userId: 'U0AGENT2', actionId: 'customer.pick', value: emily });
    const card = await responseFor(app.fake, responseUrl);
    expect(card.args.replace_original).toBe(true);
    expect(textOf(card.args as { blocks: unknown[] })).toContain('Emily Johnson');
  });

  it('says so when nothing matches, with a way to create the customer', async () => {
    const reply = await cardFor('U0AGENT2', 'Nobody Here');
    expect(textOf(reply)).toContain('No customer matches "Nobody Here"');
    expect(JSON.stringify(reply.blocks)).toContain('customer.new');
  });

  it('/crm note writes the note on the customer timeline, reading a multi-word name', async () => {
    const reply = await cardFor('U0AGENT2', 'note Emily Johnson asked for a quote');
    expect(String(reply.text)).toContain('Emily Johnson');
    const matches = await app.ctx.store.customers.searchByName('Emily Johnson', 5);
    const timeline = await customerTimeline(app.ctx, matches.items[0]!.id, 5);
    expect(timeline.items[0]).toMatchObject({ kind: 'note', summary: 'asked for a quote', by: 'U0AGENT2' });
  });

  it('logs an interaction from the card button through a modal', async () => {
    const triggerId = `trg-int-${Date.now()}`;
    await app.click({ userId: 'U0OWNER1', actionId: 'customer.log_interaction', value: zhangId, triggerId });
    const opened = await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    const future = await app.interact(
      viewSubmissionPayload({
        userId: 'U0OWNER1',
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { kind: state.select('call'), summary: state.text('回访'), at: state.dateTime(new Date(Date.now() + 86_400_000)) },
      }),
    );
    expect(((await future.json()) as { errors: Record<string, string> }).errors.at).toContain('不能晚于现在');
    await app.interact(
      viewSubmissionPayload({
        userId: 'U0OWNER1',
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: { kind: state.select('visit'), summary: state.text('上门拜访，客户满意'), outcome: state.text(null) },
      }),
    );
    const dm = await app.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U0OWNER1' && String(c.args.text).includes('张三'),
    );
    expect(String(dm.args.text)).toContain('拜访');
    const timeline = await customerTimeline(app.ctx, zhangId, 5);
    expect(timeline.items[0]).toMatchObject({ kind: 'visit', summary: '上门拜访，客户满意' });
  });

  it('a modal submitted twice (same view id) logs the interaction once (#13)', async () => {
    const meta = JSON.stringify({ customerId: zhangId, name: '张三' });
    const submit = () =>
      app.interact(
        viewSubmissionPayload({
          userId: 'U0OWNER1',
          callbackId: 'customer.interaction_modal',
          privateMetadata: meta,
          viewId: 'V0TWICE13',
          values: { kind: state.select('call'), summary: state.text('twice-submitted call') },
        }),
      );
    await Promise.all([submit(), submit(), submit()]);
    await app.settled();
    const timeline = await customerTimeline(app.ctx, zhangId, 20);
    expect(timeline.items.filter((e) => e.summary === 'twice-submitted call')).toHaveLength(1);
  });

  it('/crm new opens the create form; a missing name is refused inline; a bad phone is told by DM; a good form creates the customer', async () => {
    const triggerId = `trg-new-${Date.now()}`;
    await app.command('U0AGENT2', 'new', { triggerId });
    const opened = await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
    const view = opened.args.view as { callback_id: string };
    expect(view.callback_id).toBe('customer.create_modal');
    const values = {
      name: state.text('Wang Wei'),
      kind: state.select('person'),
      phone: state.text('12345'),
      stage: state.select('new'),
      owner: state.user('U0AGENT2'),
      consent: state.checkboxes(['contact']),
    };
    const noName = await app.interact(
      viewSubmissionPayload({ userId: 'U0AGENT2', callbackId: view.callback_id, values: { ...values, name: state.text(null) } }),
    );
    expect(((await noName.json()) as { errors: Record<string, string> }).errors.name).toBe('Name: required');
    await app.interact(viewSubmissionPayload({ userId: 'U0AGENT2', callbackId: view.callback_id, values }));
    const refused = await app.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U0AGENT2' && String(c.args.text).includes('Phone'),
    );
    expect(String(refused.args.text)).toContain('not a valid phone number');
    await app.interact(
      viewSubmissionPayload({ userId: 'U0AGENT2', callbackId: view.callback_id, values: { ...values, phone: state.text('13900139000') } }),
    );
    await app.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === 'U0AGENT2' && String(c.args.text).includes('Wang Wei'),
    );
    const found = await app.ctx.store.customers.searchByName('wang wei', 5);
    expect(found.items.map((c) => c.name)).toEqual(['Wang Wei']);
  });

  it('answers someone not in the staff directory in the language of their Slack profile, as an agent', async () => {
    app.fake.setUser('U0NEWBIE', { locale: 'zh-CN' });
    const { res } = await app.command('U0NEWBIE', 'help');
    expect(textOf((await res.json()) as { blocks: unknown[] })).toContain('登记投诉');
    const card = await cardFor('U0NEWBIE', '张三');
    expect(textOf(card)).not.toContain('13800138000'); // an agent, not the owner: masked
  });

  it('/crm staff sets a role for admins only', async () => {
    const refused = await app.command('U0AGENT2', 'staff <@U0AGENT2|tom> manager');
    expect(((await refused.res.json()) as { text: string }).text).toContain('Only admins');
    app.fake.setUser('U0HIRED1', { name: 'Zhao Min' });
    const { responseUrl } = await app.command('U0ADMIN1', 'staff <@U0HIRED1|zhao> supervisor');
    await responseFor(app.fake, responseUrl);
    const hired = (await listStaff(app.ctx)).find((s) => s.slackUserId === 'U0HIRED1');
    expect(hired).toMatchObject({ name: 'Zhao Min', role: 'supervisor' });
  });
});
