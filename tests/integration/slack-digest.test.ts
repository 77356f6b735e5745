import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { upsertStaff } from '../../lib/services/staff';
import { responseFor, type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

describe('/crm digest', () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(
      app.ctx,
      systemActor,
      { slackUserId: 'U0MANAGER', name: '王经理', role: 'manager', locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
      now,
    );
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT1', name: 'Tom', role: 'agent', locale: 'en' }, now);
  });
  afterAll(() => app.close());

  it('shows a manager a preview of their digest', async () => {
    const { responseUrl } = await app.command('U0MANAGER', 'digest');
    const reply = await responseFor(app.fake, responseUrl);
    expect((reply.args.blocks as unknown[]).length).toBeGreaterThan(1);
    expect(textOf(reply.args as { text: string; blocks: unknown[] }).length).toBeGreaterThan(20);
  });

  it('refuses an agent', async () => {
    const { responseUrl } = await app.command('U0AGENT1', 'digest');
    expect(String((await responseFor(app.fake, responseUrl)).args.text)).toMatch(/^:warning:/);
  });

  it('subscribes a manager to a daily digest and says when the first one comes', async () => {
    const { responseUrl } = await app.command('U0MANAGER', 'digest subscribe daily');
    expect(String((await responseFor(app.fake, responseUrl)).args.text)).toContain('已订阅每日简报');
    expect((await app.ctx.store.staff.get('U0MANAGER'))?.digest).toBe('daily');
  });
});
