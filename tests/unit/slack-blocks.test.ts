import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuestion } from '../../lib/domain/ask';
import { openComplaintInput } from '../../lib/domain/complaint-schemas';
import type { Customer } from '../../lib/domain/customer';
import { hasMessage, t } from '../../lib/i18n';
import { slack } from '../../lib/i18n/slack';
import { mrkdwnToText, renderBlocks, renderMessage } from '../../lib/local/chat-render';
import { answerBlocks } from '../../lib/slack/blocks/ask';
import { reactionPromptBlocks } from '../../lib/slack/blocks/complaint-lists';
import { customerCardBlocks } from '../../lib/slack/blocks/customers';
import { complaintSourceOf } from '../../lib/slack/complaint-source';
import { helpReply } from '../../lib/slack/help';
import { localizedIssues, modalErrors } from '../../lib/slack/validate';

const customer = {
  id: 'cus_1',
  name: '张三',
  kind: 'person',
  phones: ['+86138****8000'],
  emails: [],
  ownerId: 'U0OWN',
  tier: 'A',
  lifecycleStage: 'active',
  loyaltyStage: 'customer',
  flags: { keyAccount: true, vip: false, problem: false },
  consent: { contact: true, surveys: true, thirdPartySharing: false },
  tags: [],
  purchases: { count: 1, amount: 1 },
  createdBy: 's',
  createdAt: '2025-01-01T00:00:00Z',
  updatedBy: 's',
  updatedAt: '2025-01-01T00:00:00Z',
  version: 1,
} as unknown as Customer;
const overview = { customer, activeComplaints: [], openTasks: [] };
const view = { locale: 'en' as const, timeZone: 'Asia/Shanghai', canSendSurvey: false, maxRows: 5 };

describe('the customer card', () => {
  it('offers the audited reveal only to those who may see the credit grade', () => {
    expect(JSON.stringify(customerCardBlocks(overview, { ...view, canReveal: true }))).toContain('customer.reveal');
    expect(JSON.stringify(customerCardBlocks(overview, { ...view, canReveal: false }))).not.toContain('customer.reveal');
  });

  it('always offers logging an interaction and a complaint, in the reader language', () => {
    const zh = renderBlocks(customerCardBlocks(overview, { ...view, locale: 'zh-CN', canReveal: false }));
    expect(zh.buttons.map((b) => b.actionId)).toEqual(['customer.log_interaction', 'complaint.open_modal']);
    expect(zh.text).toContain('大客户');
    expect(zh.text).toContain('暂无沟通记录');
  });
});

describe('the :ticket: prompt', () => {
  it('carries a reference to the message in the button, never its text (the click reads the message again)', () => {
    const { blocks } = reactionPromptBlocks({ text: '投诉\n"引号" {json}'.repeat(300), channelId: 'C1', ts: '1700000002.000300' }, 'zh-CN');
    const button = (blocks[2] as { elements: Array<{ value: string }> }).elements[0]!;
    expect(button.value).toBe('message:C1:1700000002.000300');
    expect(complaintSourceOf(button.value)).toEqual({ kind: 'message', channelId: 'C1', ts: '1700000002.000300' });
    expect(complaintSourceOf('{"text":"x"}')).toBeUndefined();
  });
});

describe('conversational answers', () => {
  const opts = { now: new Date('2025-06-18T04:00:00Z'), timeZone: 'Asia/Shanghai' };
  const v = { locale: 'en' as const, timeZone: 'Asia/Shanghai', now: opts.now, canReveal: false, canSendSurvey: false, maxRows: 5 };

  it('an unreadable question gets examples, never silence', () => {
    const parsed = parseQuestion('purple monkey dishwasher', opts);
    const text = renderMessage(answerBlocks({ kind: 'unknown', hints: parsed.hints ?? [] }, parsed, v)).text;
    expect(text).toContain("didn't understand");
    expect(text).toContain('birthdays next week');
  });

  it('every answer says how the question was read', () => {
    const parsed = parseQuestion('overdue complaints this week', opts);
    const text = renderMessage(
      answerBlocks({ kind: 'complaints', entities: parsed.entities, complaints: [], more: false }, parsed, v),
    ).text;
    expect(text).toContain('I read this as: a list of complaints · overdue · 2025-06-16 – 2025-06-22');
  });
});

describe('/crm help', () => {
  it('lists only the subcommands this deployment answers, with examples', () => {
    const text = renderMessage(helpReply('en', ['find', 'complaint', 'help'])).text;
    expect(text).toContain('/crm complaint [customer]');
    expect(text).not.toContain('/crm digest');
    expect(text).toContain('how is Emily Johnson doing');
  });
});

describe('forms in the user language', () => {
  it('names the field and says what is wrong, in Chinese or English', () => {
    const input = { customerId: 'cus_1', category: 'nonsense', channel: 'phone', description: '' };
    const zh = localizedIssues(openComplaintInput, input, 'zh-CN').issues;
    const errors = modalErrors(zh, { category: 'category', description: 'description' }, 'zh-CN', 'description');
    expect(errors.category).toMatch(/^类别: /);
    expect(errors.description).toBe('投诉内容（已向客户复述确认）: 必填');
    const en = modalErrors(
      localizedIssues(openComplaintInput, input, 'en').issues,
      { category: 'category', description: 'description' },
      'en',
      'description',
    );
    expect(en.category).toMatch(/^Category: Invalid option/);
  });
});

describe('rendering Block Kit as text (npm run chat)', () => {
  it('turns Slack markup into plain text and numbers the buttons', () => {
    expect(mrkdwnToText('<@U1> due <!date^1750000000^{date_short_pretty}|2025-06-15 23:06> &amp; <https://x.y|link>')).toBe(
      '@U1 due 2025-06-15 23:06 & link (https://x.y)',
    );
    const r = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Title' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'one' },
          accessory: { type: 'button', action_id: 'a.b', value: 'v1', text: { type: 'plain_text', text: 'Open' } },
        },
        { type: 'actions', elements: [{ type: 'button', action_id: 'c.d', value: 'v2', text: { type: 'plain_text', text: 'Go' } }] },
      ],
      5,
    );
    expect(r.text).toContain('== Title ==');
    expect(r.buttons.map((b) => [b.index, b.actionId, b.value])).toEqual([
      [5, 'a.b', 'v1'],
      [6, 'c.d', 'v2'],
    ]);
  });
});

describe('the Slack message catalogue', () => {
  it('has Chinese and English for every key', () => {
    for (const [key, entry] of Object.entries(slack)) {
      expect(entry['zh-CN'], key).toBeTruthy();
      expect(entry.en, key).toBeTruthy();
    }
  });

  it('has every fixed slack.* key the bot uses', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) =>
        statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : [],
      );
    const used = new Set(
      [...files('lib/slack'), 'lib/services/ask.ts'].flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/'(slack\.[a-z_]+(?:\.[a-zA-Z_]+)*)'/g)].map((m) => m[1]!),
      ),
    );
    expect([...used].filter((k) => !hasMessage(k))).toEqual([]);
    expect(t('zh-CN', 'slack.help.title')).toBe('CareLoop 使用帮助');
  });
});
