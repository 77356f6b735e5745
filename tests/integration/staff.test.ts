import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, systemActor } from '../../lib/domain/staff';
import type { AppContext } from '../../lib/services/context';
import { createCustomer, getCustomer } from '../../lib/services/customers';
import { resolveStaffActor, upsertStaff } from '../../lib/services/staff';
import { testTable } from '../support/app';

describe('staff directory and access', () => {
  let ctx: AppContext;
  const now = new Date('2026-11-23T08:00:00Z');
  beforeAll(async () => {
    ({ ctx } = await testTable({ ADMIN_SLACK_USER_IDS: 'U0BOOTADM', DEFAULT_STAFF_ROLE: 'agent' }));
    await upsertStaff(
      ctx,
      systemActor,
      { slackUserId: 'U0SUP', name: 'Sarah', role: 'supervisor', locale: 'en', timeZone: 'Asia/Shanghai' },
      now,
    );
    await upsertStaff(ctx, systemActor, { slackUserId: 'U0AG1', name: '李娜', role: 'agent', supervisorId: 'U0SUP', locale: 'zh-CN' }, now);
  });

  it('resolves known staff by their record, bootstrap admins from configuration, strangers to the default role', async () => {
    expect(await resolveStaffActor(ctx, 'U0SUP')).toMatchObject({ role: 'supervisor', locale: 'en' });
    expect((await resolveStaffActor(ctx, 'U0BOOTADM')).role).toBe('admin');
    expect((await resolveStaffActor(ctx, 'U0STRANGER')).role).toBe('agent');
  });

  it('lists staff by role and refuses role changes by non-admins', async () => {
    expect((await ctx.store.staff.withRole('supervisor')).map((s) => s.slackUserId)).toEqual(['U0SUP']);
    const agent: Actor = { id: 'U0AG1', kind: 'staff', role: 'agent' };
    await expect(upsertStaff(ctx, agent, { slackUserId: 'U0AG1', name: '李娜', role: 'admin' }, now)).rejects.toThrow(/Only admins/);
  });

  it('masks phone and email for agents outside their own customers and hides the credit grade', async () => {
    const c = await createCustomer(
      ctx,
      systemActor,
      { name: '张三', ownerId: 'U0AG1', phones: ['13800138000'], emails: ['zs@example.com'], creditGrade: 'yellow' },
      now,
    );
    const owner = await getCustomer(ctx, { id: 'U0AG1', kind: 'staff', role: 'agent' }, c.id);
    expect(owner.phones).toEqual(['+8613800138000']);
    expect(owner.creditGrade).toBeUndefined();
    const other = await getCustomer(ctx, { id: 'U0AG2', kind: 'staff', role: 'agent' }, c.id);
    expect(other.phones).toEqual(['+86138****8000']);
    expect(other.emails).toEqual(['z***@example.com']);
    await expect(getCustomer(ctx, { id: 'U0AG2', kind: 'staff', role: 'agent' }, c.id, { includeRestricted: true })).rejects.toThrow(
      /supervisors/,
    );
    const sup = await getCustomer(ctx, { id: 'U0SUP', kind: 'staff', role: 'supervisor' }, c.id, { includeRestricted: true, now });
    expect(sup.creditGrade).toBe('yellow');
    const audit = await ctx.store.audit.forRecord('customer', c.id);
    expect(audit.items.find((e) => e.action === 'customer.restricted_read')?.actor).toBe('U0SUP');
  });
});
