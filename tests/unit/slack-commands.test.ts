import { describe, expect, it } from 'vitest';
import type { CareTask } from '../../lib/domain/care';
import { careTaskBlocks } from '../../lib/slack/blocks/care';
import { splitWhen, withTaskReplaced } from '../../lib/slack/jobs/care';
import { complaintFilterOf } from '../../lib/slack/jobs/complaints';
import { staffArgsOf } from '../../lib/slack/jobs/staff';

describe('reading /crm arguments', () => {
  it("/crm complaints: mine by default, open, overdue (English or Chinese), or someone else's", () => {
    expect(complaintFilterOf('', 'U1')).toEqual({ assignee: 'U1', label: 'mine' });
    expect(complaintFilterOf('mine', 'U1')).toEqual({ assignee: 'U1', label: 'mine' });
    expect(complaintFilterOf('open', 'U1')).toEqual({ label: 'open' });
    expect(complaintFilterOf('超时', 'U1')).toEqual({ overdue: true, label: 'overdue' });
    expect(complaintFilterOf('<@U0TOM|tom>', 'U1')).toEqual({ assignee: 'U0TOM', label: 'user' });
  });

  it('/crm staff: the user from an escaped mention or an id, the role in English or Chinese', () => {
    expect(staffArgsOf('<@U0ABC|li> manager')).toEqual({ userId: 'U0ABC', role: 'manager' });
    expect(staffArgsOf('U0ABC 主管')).toEqual({ userId: 'U0ABC', role: 'supervisor' });
    expect(staffArgsOf('<@U0ABC> boss')).toEqual({ userId: 'U0ABC', role: undefined });
  });

  it('/crm remind: the longest head that reads as a time, the rest is the text', () => {
    const now = new Date('2025-06-18T04:00:00Z');
    expect(splitWhen('2025-07-01 14:30 call back', now, 'Asia/Shanghai', 8)).toEqual({ at: '2025-07-01 14:30', text: 'call back' });
    expect(splitWhen('明天 报价单', now, 'Asia/Shanghai', 8)).toEqual({ at: '明天', text: '报价单' });
    expect(splitWhen('2h', now, 'Asia/Shanghai', 8)).toEqual({ at: '2h', text: '' });
    expect(splitWhen('call back soon', now, 'Asia/Shanghai', 8)).toEqual({ text: 'call back soon' });
  });
});

describe('editing one task inside a message of several', () => {
  const task = (id: string, status: CareTask['status']): CareTask =>
    ({
      id,
      customerId: 'c',
      customerName: '张三',
      kind: 'custom',
      dueDate: '2025-06-18',
      assigneeId: 'U1',
      status,
      suggestedActions: ['call'],
      details: {},
      createdAt: '',
      createdBy: 'U1',
      updatedAt: '',
      updatedBy: 'U1',
      version: 1,
    }) as CareTask;

  it("replaces that task's two blocks where they were and keeps everything else", () => {
    const header = { type: 'header', block_id: 'h' };
    const blocks = [header, ...careTaskBlocks(task('a', 'pending'), 'en'), ...careTaskBlocks(task('b', 'pending'), 'en')];
    const done = task('a', 'done');
    const out = withTaskReplaced(blocks, done, careTaskBlocks(done, 'en')) as Array<{ block_id?: string; type: string }>;
    expect(out.map((b) => b.block_id)).toEqual(['h', 'care.task.a', 'care.task.a.actions', 'care.task.b', 'care.task.b.actions']);
    expect(out[2]!.type).toBe('context');
    expect(out[4]!.type).toBe('actions');
  });
});
