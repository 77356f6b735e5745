import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { eventCallbackBody, slashCommandBody } from '../../lib/local/slack-payloads';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { responseFor, type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

describe('the Slack endpoint', () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT1', name: 'Li Na', role: 'agent', locale: 'zh-CN' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT2', name: 'Tom', role: 'agent', locale: 'en' }, now);
    await createCustomer(
      app.ctx,
      systemActor,
      { name: '张三', ownerId: 'U0AGENT1', phones: ['13800138000'], address: { city: '上海' } },
      now,
    );
  });
  afterAll(() => app.close());

  it('answers url_verification with the challenge', async () => {
    const res = await app.post(JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' }), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it('refuses a bad signature with 401 and does nothing', async () => {
    const before = app.fake.calls().length;
    const body = slashCommandBody({ userId: 'U0AGENT1', text: '张三', responseUrl: app.fake.responseUrl() });
    const res = await app.post(body, 'application/x-www-form-urlencoded', { secret: 'wrong-secret' });
    expect(res.status).toBe(401);
    await app.settled();
    expect(app.fake.calls().length).toBe(before);
  });

  it('refuses a timestamp more than five minutes away, in either direction', async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = eventCallbackBody({ type: 'app_home_opened', user: 'U0AGENT1', tab: 'home' });
    expect((await app.post(body, 'application/json', { timestamp: now - 301 })).status).toBe(401);
    expect((await app.post(body, 'application/json', { timestamp: now + 301 })).status).toBe(401);
  });

  it('lists the subcommands with examples in the user language for /crm help', async () => {
    const { res } = await app.command('U0AGENT1', 'help');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    const text = textOf(body);
    expect(text).toContain('/crm complaint');
    expect(text).toContain('张三最近怎么样');
    const en = (await (await app.command('U0AGENT2', 'help')).res.json()) as { blocks: unknown[] };
    expect(textOf(en)).toContain('logs a complaint');
  });

  it('answers /crm <name> with the customer card through the response_url', async () => {
    const { res, responseUrl } = await app.command('U0AGENT1', '张三');
    expect(res.status).toBe(200);
    const reply = await responseFor(app.fake, responseUrl);
    const text = textOf(reply.args as { text: string; blocks: unknown[] });
    expect(text).toContain('张三');
    expect(text).toContain('+8613800138000');
    expect(reply.args.response_type).toBe('ephemeral');
  });
});
