import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { dmEvent } from '../../lib/local/slack-payloads';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

/**
 * The worker claims a delivery and loads the asker's session in the same round trip (speed,
 * issue 17): the claim must still decide whether anything is answered.
 */
describe('a DM question delivered twice', () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U4ASKER', name: '李娜', role: 'agent', locale: 'zh-CN' }, now);
    await createCustomer(app.ctx, systemActor, { name: '王建国', ownerId: 'U4ASKER' }, now);
  });
  afterAll(() => app.close());

  it('is answered once when both deliveries reach the worker (no retry header, so the endpoint claims neither)', async () => {
    const event = dmEvent('U4ASKER', '谁负责王建国');
    const before = app.fake.calls('chat.postMessage').length;
    const [first, second] = await Promise.all([app.event(event, { eventId: 'Ev4TWICE01' }), app.event(event, { eventId: 'Ev4TWICE01' })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await app.settled();
    const posted = app.fake.calls('chat.postMessage').slice(before);
    expect(posted).toHaveLength(1);
    expect(textOf(posted[0]!.args as { text: string; blocks: unknown[] })).toContain('<@U4ASKER>');
  });

  it('still answers the next question of the same person', async () => {
    const before = app.fake.calls('chat.postMessage').length;
    await app.event(dmEvent('U4ASKER', '王建国怎么样'), { eventId: 'Ev4TWICE02' });
    await app.settled();
    expect(app.fake.calls('chat.postMessage').length).toBe(before + 1);
  });
});
