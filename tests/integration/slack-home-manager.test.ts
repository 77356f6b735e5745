import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lib/domain/customer';
import { systemActor } from '../../lib/domain/staff';
import { eventCallbackBody } from '../../lib/local/slack-payloads';
import { openComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

/** A fixed past clock: every deadline of a complaint opened then has passed whenever this test runs. */
const OPENED_AT = new Date('2024-03-04T01:00:00Z');

describe('App Home for supervisors and managers', () => {
  let app: SlackTestApp;
  let customer: Customer;

  const homeOf = async (userId: string) => {
    const before = app.fake.calls('views.publish').length;
    await app.post(eventCallbackBody({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' }), 'application/json');
    const published = await app.fake.waitFor(
      (c) => c.method === 'views.publish' && c.args.user_id === userId && app.fake.calls('views.publish').length > before,
    );
    return textOf(published.args.view as { blocks: unknown[] });
  };

  beforeAll(async () => {
    app = await startSlackTestApp();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0HMGR', name: '王经理', role: 'manager', locale: 'zh-CN' }, OPENED_AT);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0HSUP', name: 'Sam', role: 'supervisor', locale: 'en' }, OPENED_AT);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0HSUP2', name: 'Kim', role: 'supervisor', locale: 'en' }, OPENED_AT);
    await upsertStaff(
      app.ctx,
      systemActor,
      { slackUserId: 'U0HAGENT', name: '李娜', role: 'agent', locale: 'zh-CN', supervisorId: 'U0HSUP' },
      OPENED_AT,
    );
    customer = await createCustomer(app.ctx, systemActor, { name: '赵大海', ownerId: 'U0HAGENT' }, OPENED_AT);
    await openComplaint(
      app.ctx,
      { id: 'U0HAGENT', kind: 'staff', role: 'agent' },
      { customerId: customer.id, channel: 'phone', category: 'billing', severity: 'critical', description: '重复扣款未退' },
      OPENED_AT,
    );
  });
  afterAll(() => app.close());

  it('a manager with no own work sees the overdue critical complaint of the team, marked overdue', async () => {
    const text = await homeOf('U0HMGR');
    expect(text).toContain('团队需关注');
    expect(text).toContain('赵大海');
    expect(text).toContain('已超时');
  });

  it("the agent's supervisor sees the same list in English", async () => {
    const text = await homeOf('U0HSUP');
    expect(text).toContain('Team attention');
    expect(text).toContain('赵大海');
  });

  it("a supervisor of another team does not see this team's complaint", async () => {
    const text = await homeOf('U0HSUP2');
    expect(text).toContain('Team attention');
    expect(text).not.toContain('赵大海');
  });

  it('an agent does not get the team list', async () => {
    const text = await homeOf('U0HAGENT');
    expect(text).not.toContain('团队需关注');
    expect(text).toContain('我的未结投诉');
  });
});
