import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { responseFor, type SlackTestApp, startSlackTestApp } from '../support/slack';

describe('surveys from Slack', () => {
  let app: SlackTestApp;
  let customerId: string;
  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT1', name: '李娜', role: 'agent', locale: 'zh-CN' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT2', name: 'Tom', role: 'agent', locale: 'en' }, now);
    customerId = (await createCustomer(app.ctx, systemActor, { name: '赵丽', ownerId: 'U0AGENT1' }, now)).id;
  });
  afterAll(() => app.close());

  it('the customer card offers "send survey"', async () => {
    const { responseUrl } = await app.command('U0AGENT1', '赵丽');
    expect(JSON.stringify((await responseFor(app.fake, responseUrl)).args.blocks)).toContain('survey.send');
  });

  it('/crm survey sends one and shows the link to the sender only', async () => {
    const { responseUrl } = await app.command('U0AGENT1', 'survey 赵丽');
    const reply = await responseFor(app.fake, responseUrl);
    expect(reply.args.response_type).toBe('ephemeral');
    expect(String(reply.args.text)).toMatch(/\/s\/[A-Za-z0-9_-]{32}/);
  });

  it('a second survey the same day is refused, in the clicker language', async () => {
    const { responseUrl } = await app.click({ userId: 'U0AGENT2', actionId: 'survey.send', value: customerId });
    expect(String((await responseFor(app.fake, responseUrl)).args.text)).toContain('already has this survey');
  });
});
