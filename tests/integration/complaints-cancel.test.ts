import { beforeAll, describe, expect, it } from 'vitest';
import { careTaskId } from '../../lib/domain/care';
import { type Actor, systemActor } from '../../lib/domain/staff';
import { effectiveStatus } from '../../lib/domain/survey';
import { openComplaint, transitionComplaint } from '../../lib/services/complaints';
import type { AppContext } from '../../lib/services/context';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { invitationIdOf } from '../../lib/services/survey-invitations';
import { testTable } from '../support/app';
import '../../lib/services/subscribers';

/** Cancelling a complaint leaves no work behind and no weight in the recurrence counts (issue 15). */
const agent: Actor = { id: 'UAGENT', kind: 'staff', role: 'agent' };
const supervisor: Actor = { id: 'USUP', kind: 'staff', role: 'supervisor' };
const T0 = new Date('2025-06-16T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe('cancelled complaints', () => {
  let ctx: AppContext;
  let customerId: string;
  const open = (category = 'billing') =>
    openComplaint(ctx, agent, { customerId, channel: 'phone', category, severity: 'ordinary', description: '账单金额不对' }, T0);
  const resolve = { action: 'resolve', solution: '已退款', rootCause: '系统计费错误', replyToCustomer: '已为您退款' };

  beforeAll(async () => {
    ({ ctx } = await testTable());
    await upsertStaff(ctx, systemActor, { slackUserId: 'USUP', name: 'Sarah', role: 'supervisor' }, T0);
    await upsertStaff(ctx, systemActor, { slackUserId: 'UAGENT', name: '李娜', role: 'agent', supervisorId: 'USUP' }, T0);
    customerId = (await createCustomer(ctx, systemActor, { name: '王芳', ownerId: 'UAGENT' }, T0)).id;
  });

  it('resolved, closed, reopened, cancelled: the follow-up task is closed as skipped and the CSAT link withdrawn', async () => {
    const c = await open();
    await transitionComplaint(ctx, agent, c.id, undefined, { action: 'acknowledge', promisedReplyAt: at(300).toISOString() }, at(1));
    await transitionComplaint(ctx, agent, c.id, undefined, resolve, at(2));
    const taskId = careTaskId(['complaint-follow-up', c.id]);
    expect((await ctx.store.care.getTask(taskId))?.status).toBe('pending');
    const invitationId = invitationIdOf('complaint-resolved', customerId, c.id);
    expect((await ctx.store.surveys.invitation(invitationId))?.status).toBe('sent');

    await transitionComplaint(ctx, agent, c.id, undefined, { action: 'close', summary: '已退款' }, at(3));
    await transitionComplaint(ctx, agent, c.id, undefined, { action: 'reopen', reason: '客户说还没退款' }, at(4));
    await transitionComplaint(ctx, supervisor, c.id, undefined, { action: 'cancel', reason: '重复登记' }, at(5));

    const task = await ctx.store.care.getTask(taskId);
    expect(task).toMatchObject({ status: 'skipped', closedBy: 'system' });
    expect(task?.outcomeNote).toBeTruthy();
    const openTasks = await ctx.store.care.listTasks({ customerId, openOnly: true }, 25);
    expect(openTasks.items.map((t) => t.id)).not.toContain(taskId);
    const inv = await ctx.store.surveys.invitation(invitationId);
    expect(effectiveStatus(inv as never, at(6))).toBe('expired');
  });

  it('cancelled complaints do not count toward the corrective-action threshold', async () => {
    // Threshold 3 in 30 days: two real complaints and one cancelled one of the category stay below it.
    const first = await open('delivery');
    const second = await open('delivery');
    const mistaken = await open('delivery');
    expect(await ctx.store.complaints.countOccurrences('category', 'delivery', '2025-06-01', at(10).toISOString())).toBe(3);
    await transitionComplaint(ctx, supervisor, mistaken.id, undefined, { action: 'cancel', reason: '登记错了' }, at(10));
    expect(await ctx.store.complaints.countOccurrences('category', 'delivery', '2025-06-01', at(11).toISOString())).toBe(2);
    expect([first.status, second.status]).toEqual(['open', 'open']);
    // The next real complaint is the third, not the fourth.
    await open('delivery');
    expect(await ctx.store.complaints.countOccurrences('category', 'delivery', '2025-06-01', at(12).toISOString())).toBe(3);
  });
});
