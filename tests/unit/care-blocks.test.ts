import { describe, expect, it } from 'vitest';
import { careSettings } from '../../lib/config/care';
import { birthdayTask, type CareTask, completedTask, holidayTask, newTask } from '../../lib/domain/care';
import { careDigestMessage, careTaskMessage } from '../../lib/slack/blocks/care';

const rules = careSettings.parse({});
const profile = (n: number) => ({
  customerId: `cus_${n}`,
  customerName: `客户<${n}>`,
  ownerId: 'U1',
  tier: 'A' as const,
  keyAccount: n === 1,
});
const task = (n: number): CareTask =>
  newTask(birthdayTask(profile(n), { who: 'self' }, '2025-01-13', false, rules), '2025-01-10T00:00:00Z', 'system', '2025-01-10');

type Block = {
  type: string;
  block_id?: string;
  elements?: Array<{ action_id?: string; value?: string; text?: unknown }>;
  text?: { text: string };
};

describe('care Block Kit', () => {
  it('gives every open task Done, Snooze 1 day, Snooze 1 week, Skip and Note buttons carrying the task id', () => {
    const t = task(1);
    const { blocks } = careDigestMessage([t], { locale: 'en', day: '2025-01-10', maxTasks: 20 }) as { blocks: Block[] };
    const actions = blocks.find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => e.action_id)).toEqual(['care.done', 'care.snooze_1d', 'care.snooze_1w', 'care.skip', 'care.note']);
    expect(actions.elements!.every((e) => e.value === t.id)).toBe(true);
  });

  it('names the customer (escaped), the occasion and the gift cap', () => {
    const { blocks, text } = careDigestMessage([task(1)], { locale: 'en', day: '2025-01-10', maxTasks: 20 }) as {
      blocks: Block[];
      text: string;
    };
    expect(text).toBe('Customer care for 2025-01-10: 1 tasks');
    const section = blocks.find((b) => b.type === 'section')!.text!.text;
    expect(section).toContain('客户&lt;1&gt;');
    expect(section).toContain('up to ¥500');
    expect(section).toContain('due 2025-01-13');
  });

  it('speaks Chinese to zh-CN owners', () => {
    const t = newTask(
      holidayTask(profile(2), { id: 'mid-autumn', date: '2025-10-06' }, rules),
      '2025-10-03T00:00:00Z',
      'system',
      '2025-10-03',
    );
    const { blocks } = careDigestMessage([t], { locale: 'zh-CN', day: '2025-10-03', maxTasks: 20 }) as { blocks: Block[] };
    expect(blocks.find((b) => b.type === 'section')!.text!.text).toContain('中秋节');
  });

  it("stays under Slack's 50-block limit, saying how many more there are", () => {
    const many = Array.from({ length: 40 }, (_, i) => task(i + 10));
    const { blocks } = careDigestMessage(many, { locale: 'en', day: '2025-01-10', maxTasks: 20 }) as { blocks: Block[] };
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(blocks.at(-1))).toContain('20 more');
  });

  it('shows a closed task without buttons', () => {
    const done = completedTask(task(3), 'U1', 'ok', new Date('2025-01-10T05:00:00Z'));
    const { blocks } = careTaskMessage(done, { locale: 'en' }) as { blocks: Block[] };
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('done by <@U1>');
  });
});
