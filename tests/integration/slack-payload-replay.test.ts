import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { interactivityBody } from '../../lib/local/slack-payloads';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { type SlackTestApp, startSlackTestApp } from '../support/slack';

/**
 * Slack's own request payloads, taken from Slack's SDK repositories (sources
 * and commits in tests/fixtures/slack/README.md), with ids adjusted only,
 * signed and posted to /slack/events. Each gets the answer Slack expects
 * (Slack gives up after 3 s; the generous per-test timeout only stops a hang),
 * and whatever the bot sends afterwards passes the strict twin.
 */
type Json = Record<string, any>;
const fixture = (name: string): Json => JSON.parse(readFileSync(`tests/fixtures/slack/${name}.json`, 'utf8'));
const USER = 'U0REPLAY1';
const TEAM = 'T0REPLAY';

/** Slack-shaped ids for the ids the SDK samples leave empty or invent. */
function withIds<T extends Json>(payload: T, ids: Json): T {
  const out = structuredClone(payload) as Json;
  if (out.team && typeof out.team === 'object') Object.assign(out.team, { id: TEAM });
  if (out.user && typeof out.user === 'object') Object.assign(out.user, { id: USER, team_id: TEAM });
  if ('team_id' in out) out.team_id = TEAM;
  if ('enterprise_id' in out) delete out.enterprise_id;
  if (out.authorizations) out.authorizations = [{ team_id: TEAM, user_id: 'UFAKEBOT', is_bot: true, is_enterprise_install: false }];
  return Object.assign(out, ids) as T;
}
const eventIds = (event: Json, id: string): Json => ({
  event_id: `Ev0${id}`,
  event_time: Math.floor(Date.now() / 1000),
  type: 'event_callback',
  api_app_id: 'A0REPLAY',
  event,
});

describe("Slack's own payloads, replayed against the endpoint", () => {
  let app: SlackTestApp;
  const post = (body: string, type: string) => app.post(body, type);
  const json = (payload: Json) => post(JSON.stringify(payload), 'application/json');
  const interact = (payload: Json) => post(interactivityBody(payload), 'application/x-www-form-urlencoded');

  beforeAll(async () => {
    app = await startSlackTestApp();
    await upsertStaff(app.ctx, systemActor, { slackUserId: USER, name: 'Replay', role: 'agent', locale: 'en' }, new Date());
    await createCustomer(app.ctx, systemActor, { name: 'Replay Trading', ownerId: USER }, new Date());
  });
  afterAll(() => app.close());

  it('url_verification: the challenge, as JSON', async () => {
    const res = await json({
      token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('ssl_check: 200 even unsigned, and nothing happens', async () => {
    const before = app.fake.calls().length;
    const res = await fetch(`${app.baseUrl}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO',
    });
    expect(res.status).toBe(200);
    expect(app.fake.calls().length).toBe(before);
  });

  it('slash command: acknowledged with the reply in the body', async () => {
    const p = withIds(fixture('bolt-python.slash_command'), {
      command: '/crm',
      text: 'help',
      user_id: USER,
      channel_id: 'C0REPLAY',
      response_url: app.fake.responseUrl(),
    });
    const res = await post(new URLSearchParams(p as Record<string, string>).toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/crm');
  });

  it('block_actions: acknowledged, then the Home tab refreshed', async () => {
    const p = withIds(fixture('bolt-python.block_actions'), {
      container: { type: 'view', view_id: 'V0HOME' },
      channel: undefined,
      response_url: undefined,
      actions: [{ ...fixture('bolt-python.block_actions').actions[0], action_id: 'home.refresh', value: USER }],
    });
    expect((await interact(p)).status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'views.publish' && c.args.user_id === USER);
  });

  it('block_suggestion: options for the customer picker, in the answer body', async () => {
    const p = withIds(fixture('bolt-python.block_suggestion'), { action_id: 'customer.search', value: 'Replay' });
    const res = await interact(p);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { options: Array<{ value: string; text: { text: string } }> };
    expect(body.options.map((o) => o.text.text).join()).toContain('Replay Trading');
  });

  it('view_submission: a form with wrong values gets response_action errors', async () => {
    const p = withIds(fixture('bolt-python.view_submission'), {});
    p.view.callback_id = 'customer.create_modal';
    p.view.private_metadata = '';
    const res = await interact(p);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text === '' || JSON.parse(text).response_action === 'errors').toBe(true);
  });

  it('view_closed: acknowledged', async () => {
    const p = withIds(fixture('bolt-python.view_closed'), {});
    p.view.callback_id = 'customer.create_modal';
    expect((await interact(p)).status).toBe(200);
  });

  it('message_action (the "Log as complaint" shortcut): acknowledged, the form opens', async () => {
    const p = withIds(fixture('bolt-python.message_shortcut'), {
      callback_id: 'complaint.from_message',
      trigger_id: 'trg-replay-ms',
      channel: { id: 'C0REPLAY', name: 'support' },
    });
    expect((await interact(p)).status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'views.open' && c.args.trigger_id === 'trg-replay-ms');
  });

  it('shortcut (global) the app does not declare: acknowledged, nothing sent', async () => {
    const p = withIds(fixture('bolt-python.global_shortcut'), {});
    expect((await interact(p)).status).toBe(200);
  });

  it('event_callback app_mention: acknowledged, answered in the channel', async () => {
    const sample = fixture('bolt-python.app_mention_event');
    const p = withIds(
      {
        ...sample,
        ...eventIds({ ...sample.event, user: USER, channel: 'C0REPLAY', team: TEAM, text: '<@UFAKEBOT> my tasks today' }, 'MENTION'),
      },
      {},
    );
    expect((await json(p)).status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0REPLAY');
  });

  it('event_callback message.im: acknowledged, answered in the DM', async () => {
    const sample = fixture('java-slack-sdk.MessagePayload');
    const event = {
      ...sample.event,
      user: USER,
      channel: 'D0REPLAY1',
      channel_type: 'im',
      team: TEAM,
      text: 'my tasks today',
      ts: '1700000100.000100',
      event_ts: '1700000100.000100',
      bot_id: undefined,
      bot_profile: undefined,
      thread_ts: undefined,
      parent_user_id: undefined,
      client_msg_id: 'c0ffee00-0000-4000-8000-000000000001',
    };
    expect((await json(withIds({ ...sample, ...eventIds(event, 'IM') }, {}))).status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'chat.postMessage' && (c.args.channel === 'D0REPLAY1' || c.args.channel === USER));
  });

  it('event_callback reaction_added (not :ticket:), message_changed, bot_message: acknowledged, no reply', async () => {
    await app.settled();
    const before = app.fake.calls('chat.postMessage').length;
    const reaction = fixture('java-slack-sdk.ReactionAddedPayload');
    const r = {
      ...reaction.event,
      user: USER,
      reaction: 'thumbsup',
      item_user: 'U0OTHER',
      item: { type: 'message', channel: 'C0REPLAY', ts: '1700000001.000100' },
    };
    expect((await json(withIds({ ...reaction, ...eventIds(r, 'REACT') }, {}))).status).toBe(200);
    const changed = fixture('java-slack-sdk.MessageChangedPayload');
    const c = {
      ...changed.event,
      channel: 'D0REPLAY1',
      channel_type: 'im',
      ts: '1700000102.000100',
      event_ts: '1700000102.000100',
      message: { ...changed.event.message, user: USER, text: 'my tasks today (edited)', ts: '1700000100.000100' },
    };
    expect((await json(withIds({ ...changed, ...eventIds(c, 'CHANGED') }, {}))).status).toBe(200);
    const bot = fixture('java-slack-sdk.MessageBotPayload');
    const b = {
      ...bot.event,
      bot_id: 'B0OTHERBOT',
      channel: 'D0REPLAY1',
      channel_type: 'im',
      text: 'my tasks today',
      ts: '1700000103.000100',
      event_ts: '1700000103.000100',
      thread_ts: undefined,
    };
    expect((await json(withIds({ ...bot, ...eventIds(b, 'BOT') }, {}))).status).toBe(200);
    await app.settled();
    expect(app.fake.calls('chat.postMessage').length).toBe(before);
  });

  it('event_callback app_home_opened: acknowledged, the Home tab published', async () => {
    const sample = fixture('java-slack-sdk.AppHomeOpenedPayload');
    const event = { ...sample.event, user: 'U0REPLAY1', channel: 'D0REPLAY1', tab: 'home', event_ts: '1700000200.000100', view: undefined };
    expect((await json(withIds({ ...sample, ...eventIds(event, 'HOME') }, {}))).status).toBe(200);
    await app.fake.waitFor((c) => c.method === 'views.publish' && c.args.user_id === USER && (c.seq ?? 0) > 0);
  });
});
