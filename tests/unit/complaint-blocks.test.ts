import { describe, expect, it } from 'vitest';
import { applyTransition, newComplaint } from '../../lib/domain/complaint-lifecycle';
import type { Complaint } from '../../lib/domain/complaint-schemas';
import type { Actor } from '../../lib/domain/staff';
import { complaintActionIds, complaintMessage, complaintNoticeMessage, maskContactDetails } from '../../lib/slack/blocks/complaints';
import { slaRules } from '../support/sla-rules';

const rules = slaRules();
const boss: Actor = { id: 'UBOSS', kind: 'staff', role: 'manager' };
const T0 = new Date('2025-06-16T02:00:00Z');

const complaint = (): Complaint =>
  newComplaint(
    {
      customerId: 'cus_1',
      channel: 'phone',
      category: 'billing',
      severity: 'major',
      description: '客户 13800138000 说发票错了，邮箱 wang.fang@example.com',
      confirmedWithCustomer: true,
    },
    { id: 'cmp_blocks', customerName: '王芳', receiverId: 'UAGENT', followUpSample: 'none', intakeEscalationLevel: 0 },
    'UAGENT',
    T0,
    rules,
  );

type Button = { action_id: string; value: string };
const buttonsOf = (c: Complaint) =>
  (complaintMessage(c, { locale: 'en', timeZone: 'Asia/Shanghai' }).blocks as Array<{ type: string; elements?: Button[] }>).find(
    (b) => b.type === 'actions',
  )?.elements ?? [];
const actionIds = (c: Complaint) => buttonsOf(c).map((b) => b.action_id);
const move = (c: Complaint, t: Parameters<typeof applyTransition>[1]) =>
  applyTransition(c, t, boss, new Date(T0.getTime() + 60_000), rules).after;

describe('complaint message blocks', () => {
  it('shows only the buttons legal in each state, with the complaint id as value', () => {
    const open = complaint();
    expect(actionIds(open)).toEqual([
      'complaint.acknowledge',
      'complaint.take',
      'complaint.assign',
      'complaint.note',
      'complaint.escalate',
    ]);
    expect(buttonsOf(open).every((b) => b.value === open.id)).toBe(true);
    const acknowledged = move(open, { action: 'acknowledge', promisedReplyAt: '2025-06-16T08:00:00Z' });
    expect(actionIds(acknowledged)).toEqual([
      'complaint.take',
      'complaint.assign',
      'complaint.note',
      'complaint.resolve',
      'complaint.escalate',
    ]);
    const resolved = move(acknowledged, { action: 'resolve', solution: 'Fixed', rootCause: 'billing error', replyToCustomer: 'Sorry' });
    expect(actionIds(resolved)).toEqual(['complaint.take', 'complaint.assign', 'complaint.note', 'complaint.reopen']);
    const closed = move(resolved, { action: 'close', summary: 'ok' });
    expect(actionIds(closed)).toEqual(['complaint.note', 'complaint.reopen']);
    const cancelled = move(open, { action: 'cancel', reason: 'dup' });
    expect(actionIds(cancelled)).toEqual([]);
  });

  it('uses exactly the published action ids', () => {
    expect(Object.values(complaintActionIds).sort()).toEqual([
      'complaint.acknowledge',
      'complaint.assign',
      'complaint.escalate',
      'complaint.note',
      'complaint.reopen',
      'complaint.resolve',
      'complaint.take',
    ]);
  });

  it('drops the escalate button once managers know', () => {
    const twice = move(move(complaint(), { action: 'escalate' }), { action: 'escalate' });
    expect(actionIds(twice)).not.toContain('complaint.escalate');
  });

  it('shows state, severity, customer name, assignee and next deadline, and no phone or e-mail', () => {
    const message = JSON.stringify(complaintMessage(complaint(), { locale: 'en', timeZone: 'Asia/Shanghai' }));
    for (const text of ['Open', 'Major', '王芳', '<@UAGENT>', 'Next deadline', '2025-06-16 14:00']) expect(message).toContain(text);
    expect(message).not.toContain('13800138000');
    expect(message).not.toContain('wang.fang@');
  });

  it('speaks the viewer’s language', () => {
    const zh = JSON.stringify(complaintMessage(complaint(), { locale: 'zh-CN', timeZone: 'Asia/Shanghai' }));
    expect(zh).toContain('待受理');
    expect(zh).toContain('受理');
    expect(zh).toContain('较重');
  });

  it('puts the reason of a DM above the complaint', () => {
    const c = complaint();
    const dm = complaintNoticeMessage(c, { kind: 'sla', alert: c.nextAlert! }, { locale: 'en', timeZone: 'Asia/Shanghai' });
    expect(dm.text).toContain('About to breach');
    expect(dm.text).toContain('2025-06-16 14:00');
    expect((dm.blocks as Array<{ type: string }>)[0]!.type).toBe('section');
  });

  it('masks phone numbers and e-mail addresses in free text', () => {
    expect(maskContactDetails('call +86 138 0013 8000 or a.b@c.com')).toBe('call 861****8000 or a***@c.com');
    expect(maskContactDetails('order 12345')).toBe('order 12345');
  });
});
