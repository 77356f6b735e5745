import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careProfileOf, reminderTask } from '../../lib/domain/care';
import { systemActor } from '../../lib/domain/staff';
import { createCareTask } from '../../lib/services/care';
import { openComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { responseFor, type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

/** A fixed past clock: what is due then has passed whenever this test runs; the far-future task never has. */
const PAST = new Date('2024-05-06T02:00:00Z');

describe('customer card marks passed deadlines', () => {
  let app: SlackTestApp;

  beforeAll(async () => {
    app = await startSlackTestApp();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0CARD1', name: '周敏', role: 'agent', locale: 'zh-CN' }, PAST);
    const customer = await createCustomer(app.ctx, systemActor, { name: '钱多多', ownerId: 'U0CARD1' }, PAST);
    const profile = careProfileOf(customer);
    await createCareTask(app.ctx, reminderTask(profile, 'U0CARD1', PAST.toISOString(), '2024-05-07', '过期回访'), { now: PAST });
    await createCareTask(app.ctx, reminderTask(profile, 'U0CARD1', PAST.toISOString(), '2099-01-01', '远期回访'), { now: PAST });
    await openComplaint(
      app.ctx,
      { id: 'U0CARD1', kind: 'staff', role: 'agent' },
      { customerId: customer.id, channel: 'phone', category: 'billing', severity: 'major', description: '发票错误' },
      PAST,
    );
  });
  afterAll(() => app.close());

  it('the overdue complaint and the overdue task say so; the future task does not', async () => {
    const { responseUrl } = await app.command('U0CARD1', '钱多多');
    const text = textOf((await responseFor(app.fake, responseUrl)).args as { blocks: unknown[] });
    expect(text).toContain('（已超时）');
    expect(text).toMatch(/2024-05-07 （已逾期）/);
    expect(text).toContain('2099-01-01');
    expect(text).not.toMatch(/2099-01-01 （已逾期）/);
  });
});
