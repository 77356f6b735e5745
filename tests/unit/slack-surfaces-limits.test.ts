import { describe, expect, it } from 'vitest';
import { careSettings } from '../../lib/config/care';
import { parseQuestion } from '../../lib/domain/ask';
import { birthdayTask, type CareTask, completedTask, newTask } from '../../lib/domain/care';
import { applyTransition, newComplaint } from '../../lib/domain/complaint-lifecycle';
import type { Complaint } from '../../lib/domain/complaint-schemas';
import type { Customer } from '../../lib/domain/customer';
import type { Actor } from '../../lib/domain/staff';
import type { Locale } from '../../lib/i18n';
import { checkView, refusalOf, SLACK_LIMITS } from '../../lib/local/slack-limits';
import { answerBlocks } from '../../lib/slack/blocks/ask';
import { careDigestMessage, careTaskMessage } from '../../lib/slack/blocks/care';
import {
  acknowledgeModal,
  assignModal,
  confirmationView,
  escalateModal,
  intakeConfirmation,
  intakeModal,
  noteModal,
  reopenModal,
  resolveModal,
  savingView,
} from '../../lib/slack/blocks/complaint-forms';
import { complaintListBlocks, reactionPromptBlocks } from '../../lib/slack/blocks/complaint-lists';
import { complaintMessage, complaintNoticeMessage, correctiveActionMessage } from '../../lib/slack/blocks/complaints';
import {
  createCustomerModal,
  customerCardBlocks,
  interactionModal,
  noMatchBlocks,
  pickListBlocks,
  savedBlocks,
} from '../../lib/slack/blocks/customers';
import { esc, modal, selectInput, truncateMrkdwn } from '../../lib/slack/blocks/elements';
import { homeView } from '../../lib/slack/blocks/home';
import { lowScoreAlertMessage, surveyLinksMessage } from '../../lib/slack/blocks/surveys';
import { HELP_ORDER, helpReply } from '../../lib/slack/help';
import { slaRules } from '../support/sla-rules';

/**
 * Every surface the bot sends, rendered with the worst data staff and
 * imports produce, passes the strict twin's checks (lib/local/slack-limits.ts):
 * what real Slack would refuse fails here, naming the part at fault.
 */
const nasty = '<@U0HACK> & *bold* _it_ ~x~ `code` 😀👨‍👩‍👧 שלום مرحبا <!channel> &amp; >quote';
const longName = `${nasty} ${'名'.repeat(200)}`.slice(0, 200);
const description = `${nasty}\n${'客户反映发票开错了 & <不满意> '.repeat(200)}`.slice(0, 3000);
const locales: Locale[] = ['zh-CN', 'en'];
const T0 = new Date('2026-06-16T02:00:00Z');

const rules = slaRules();
const boss: Actor = { id: 'UBOSS', kind: 'staff', role: 'manager' };

const complaint = (n: number): Complaint =>
  newComplaint(
    { customerId: `cus_${n}`, channel: 'phone', category: 'billing', severity: 'critical', description, confirmedWithCustomer: true },
    { id: `cmp_${n}`, customerName: longName, receiverId: 'apikey:erp <sync> & co', followUpSample: 'none', intakeEscalationLevel: 2 },
    'UAGENT',
    T0,
    rules,
  );
const acknowledged = (n: number) =>
  applyTransition(
    complaint(n),
    { action: 'acknowledge', promisedReplyAt: '2026-06-16T08:00:00Z' },
    boss,
    new Date(T0.getTime() + 60_000),
    rules,
  ).after;

const careRules = careSettings.parse({});
const task = (n: number): CareTask =>
  newTask(
    birthdayTask(
      { customerId: `cus_${n}`, customerName: longName, ownerId: 'U1', tier: 'A', keyAccount: n % 2 === 0 },
      { who: 'self' },
      '2026-06-18',
      false,
      careRules,
    ),
    T0.toISOString(),
    'system',
    '2026-06-16',
  );

const customer = {
  id: 'cus_1',
  name: longName,
  kind: 'organization',
  company: longName,
  phones: ['+8613800138000'],
  emails: ['a&b<c>@example.com'],
  ownerId: 'apikey:erp-sync',
  tier: 'A',
  lifecycleStage: 'active',
  loyaltyStage: 'customer',
  address: { city: nasty },
  flags: { keyAccount: true, vip: true, problem: true },
  consent: { contact: true, surveys: true, thirdPartySharing: false },
  tags: [],
  purchases: { count: 1, amount: 1 },
  createdBy: 'apikey:erp-sync',
  createdAt: '2025-01-01T00:00:00Z',
  updatedBy: 's',
  updatedAt: '2025-01-01T00:00:00Z',
  version: 1,
} as unknown as Customer;
const summary = (n: number) =>
  ({
    id: `cus_${n}`,
    name: longName,
    kind: 'person',
    company: longName,
    tier: 'A',
    ownerId: 'U1',
    lifecycleStage: 'active',
    city: nasty,
  }) as never;
const overview = (items: number) =>
  ({
    customer,
    activeComplaints: Array.from({ length: items }, (_, i) => acknowledged(i)),
    openTasks: Array.from({ length: items }, (_, i) => task(i)),
    lastInteraction: {
      id: 'i1',
      kind: 'call',
      at: '2026-06-15T02:00:00Z',
      by: 'apikey:erp-sync',
      summary: `承诺 2026-12-02T21:01:51.000Z 前答复 ${description}`,
    },
  }) as never;

/** Messages go through chat.postMessage's checks; views through views.open's. */
function messageProblems(message: { text?: string; blocks?: unknown[] }): string[] {
  const refusal = refusalOf('chat.postMessage', { channel: 'C0SURFACES', ...message });
  return refusal ? [refusal.error, ...refusal.messages] : [];
}

describe.each(locales)('every surface within Slack limits, with extreme data (%s)', (locale) => {
  const tz = 'Asia/Shanghai';
  const list = { locale, timeZone: tz, now: T0 };

  it('customer card, pick list, no match, saved, forms', () => {
    for (const rows of [0, 60]) {
      const blocks = customerCardBlocks(overview(rows), {
        locale,
        timeZone: tz,
        canReveal: true,
        canSendSurvey: true,
        maxRows: rows,
        lastSurvey: { score: 0, scale: 'NPS', answeredAt: '2026-06-01T00:00:00Z' },
      });
      expect.soft(messageProblems({ text: 'card', blocks })).toEqual([]);
    }
    expect
      .soft(
        messageProblems({
          text: 'pick',
          blocks: pickListBlocks(
            nasty,
            Array.from({ length: 100 }, (_, i) => summary(i)),
            true,
            locale,
          ),
        }),
      )
      .toEqual([]);
    expect.soft(messageProblems({ text: 'pick', blocks: pickListBlocks(nasty, [], false, locale) })).toEqual([]);
    expect.soft(messageProblems({ text: 'none', blocks: noMatchBlocks(longName, locale) })).toEqual([]);
    expect.soft(messageProblems({ text: 'saved', blocks: savedBlocks(description, 'cus_1', locale) })).toEqual([]);
    expect.soft(checkView(interactionModal({ customerId: 'cus_1', name: longName }, locale))).toEqual([]);
    expect.soft(checkView(createCustomerModal({ locale, ownerId: 'U1', name: longName }))).toEqual([]);
  });

  it('complaint messages, notices, lists, confirmations and every complaint form', () => {
    const c = acknowledged(1);
    expect.soft(messageProblems(complaintMessage(c, list))).toEqual([]);
    expect.soft(messageProblems(complaintNoticeMessage(c, { kind: 'manual', by: 'UBOSS', reason: description }, list))).toEqual([]);
    expect
      .soft(
        messageProblems(
          complaintNoticeMessage(c, { kind: 'sla', alert: { clock: 'resolution', step: 'warning', at: T0.toISOString() } as never }, list),
        ),
      )
      .toEqual([]);
    expect
      .soft(
        messageProblems(
          correctiveActionMessage(
            {
              id: 'ca_1',
              kind: 'root-cause',
              label: longName,
              count: 9,
              windowDays: 30,
              threshold: 3,
              complaintIds: Array.from({ length: 100 }, (_, i) => `cmp_${i}`),
            } as never,
            locale,
          ),
        ),
      )
      .toEqual([]);
    for (const n of [0, 100]) {
      const blocks = complaintListBlocks(
        nasty,
        Array.from({ length: n }, (_, i) => acknowledged(i)),
        true,
        list,
      );
      expect.soft(messageProblems({ text: 'list', blocks })).toEqual([]);
    }
    expect.soft(messageProblems(intakeConfirmation(c, locale, tz, 'C0COMPLAINTS'))).toEqual([]);
    expect
      .soft(messageProblems(reactionPromptBlocks({ text: description, channelId: 'C0SUPPORT', ts: '1700000002.000300' }, locale)))
      .toEqual([]);
    expect
      .soft(
        checkView(
          intakeModal(
            {
              customer: { id: 'cus_1', name: longName },
              description,
              channel: 'slack',
              source: { kind: 'reaction', channelId: 'C0SUPPORT', ts: '1700000002.000300' },
            },
            locale,
            3000,
          ),
        ),
      )
      .toEqual([]);
    expect.soft(checkView(savingView(locale))).toEqual([]);
    expect.soft(checkView(confirmationView(c, locale, tz, 'C0COMPLAINTS'))).toEqual([]);
    const clicked = {
      complaintId: 'cmp_1',
      channelId: 'C0COMPLAINTS',
      messageTs: '1700000002.000300',
      responseUrl: `https://hooks.slack.com/actions/T0/${'9'.repeat(200)}`,
    };
    for (const form of [
      acknowledgeModal(clicked, locale),
      assignModal(clicked, locale),
      noteModal(clicked, locale),
      reopenModal(clicked, locale),
      escalateModal(clicked, locale),
    ])
      expect.soft(checkView(form)).toEqual([]);
    expect
      .soft(
        checkView(
          resolveModal(
            clicked,
            locale,
            Array.from({ length: 150 }, (_, i) => `${longName}${i}`.slice(-100)),
          ),
        ),
      )
      .toEqual([]);
  });

  it('App Home, care DMs, survey notices, help', () => {
    const closed = completedTask(task(3), 'apikey:erp-sync', description, T0);
    for (const n of [0, 100]) {
      const view = homeView(
        {
          complaints: Array.from({ length: n }, (_, i) => acknowledged(i)),
          moreComplaints: n > 0,
          tasks: Array.from({ length: n }, (_, i) => task(i)),
          moreTasks: n > 0,
        },
        { locale, timeZone: tz, now: T0, today: '2026-06-16', userId: 'U1' },
      );
      expect.soft(checkView(view)).toEqual([]);
      expect
        .soft(
          messageProblems(
            careDigestMessage([...Array.from({ length: n }, (_, i) => task(i)), closed], { locale, day: '2026-06-16', maxTasks: 24 }),
          ),
        )
        .toEqual([]);
    }
    expect.soft(messageProblems(careTaskMessage(closed, { locale, today: '2026-06-16' }))).toEqual([]);
    const links = Array.from({ length: 100 }, (_, i) => ({
      customerId: `cus_${i}`,
      customerName: longName,
      link: `https://care.example.com/s/${'x'.repeat(43)}`,
      kind: 'nps' as const,
      trigger: 'manual' as const,
      emailed: i % 2 === 0,
    }));
    expect.soft(messageProblems(surveyLinksMessage(links.slice(0, 45), { locale, expiryDays: 14 }))).toEqual([]);
    expect.soft(messageProblems(surveyLinksMessage([], { locale, expiryDays: 14, reminder: true }))).toEqual([]);
    expect
      .soft(
        messageProblems(
          lowScoreAlertMessage(
            {
              customerId: 'cus_1',
              customerName: longName,
              kind: 'nps',
              score: 0,
              trigger: 'complaint-closed',
              answeredAtLocal: '2026-06-16 10:00',
              comment: description,
              reopenedComplaintId: 'cmp_1',
            } as never,
            locale,
          ),
        ),
      )
      .toEqual([]);
    const help = helpReply(locale, HELP_ORDER);
    expect.soft(messageProblems(help as never)).toEqual([]);
    expect(JSON.stringify(help)).not.toMatch(/<(name|姓名|customer|客户)/); // `<…>` is escaped, or Slack reads it as a link
  });

  it('answers to questions', () => {
    const parsed = parseQuestion('how is Acme doing', { now: T0, timeZone: tz });
    const v = { locale, timeZone: tz, now: T0, canReveal: false, canSendSurvey: true, maxRows: 15 };
    const answers = [
      { kind: 'customer_overview', overview: overview(20) },
      { kind: 'customers', entities: {}, customers: Array.from({ length: 100 }, () => customer), more: true, read: 500 },
      { kind: 'complaints', entities: {}, complaints: Array.from({ length: 100 }, (_, i) => acknowledged(i)), more: true },
      { kind: 'tasks', range: { from: '2026-06-16', to: '2026-06-16' }, tasks: Array.from({ length: 100 }, (_, i) => task(i)), more: true },
      { kind: 'choose_customer', query: nasty, candidates: Array.from({ length: 100 }, (_, i) => summary(i)), asked: 'customer_overview' },
      { kind: 'no_customer', query: longName },
      { kind: 'unknown', hints: [nasty] },
      { kind: 'help' },
    ];
    for (const answer of answers)
      expect.soft([answer.kind, ...messageProblems(answerBlocks(answer as never, parsed, v))]).toEqual([answer.kind]);
  });
});

describe('the twin refuses what Slack refuses', () => {
  it('a plain_text_input longer than 3000, a modal title over 24, 101 options, a duplicate block_id', () => {
    const view = modal(
      'cb',
      'x'.repeat(24),
      [
        {
          type: 'input',
          block_id: 'a',
          label: { type: 'plain_text', text: 'A' },
          element: { type: 'plain_text_input', action_id: 'v', max_length: 4000 },
        },
        { type: 'input', block_id: 'a', label: { type: 'plain_text', text: 'B' }, element: { type: 'plain_text_input', action_id: 'v' } },
      ],
      { submit: 'OK' },
    );
    const problems = checkView(view);
    expect(problems.join('\n')).toContain('/view/blocks/0/element/max_length');
    expect(problems.join('\n')).toContain('duplicate block_id a');
    expect
      .soft(checkView({ ...view, title: { type: 'plain_text', text: 'x'.repeat(25) }, blocks: [] }).join())
      .toContain('/view/title/text');
    const select = selectInput(
      's',
      'S',
      Array.from({ length: 101 }, (_, i) => ({ text: `o${i}`, value: `${i}` })),
    );
    expect(select.element).toMatchObject({ options: expect.any(Array) });
    expect(refusalOf('chat.postMessage', { channel: 'C0X', text: 'x'.repeat(SLACK_LIMITS.messageText + 1) })?.error).toBe('msg_too_long');
    expect(refusalOf('chat.postMessage', { channel: 'C0X', blocks: [{ type: 'divider' }] })?.error).toBe(
      'missing_text_or_fallback_or_attachments',
    );
    expect(
      refusalOf('chat.postMessage', { channel: 'C0X', text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })?.error,
    ).toBe('invalid_blocks');
    expect(refusalOf('chat.postMessage', { channel: '#general!', text: 't' })?.error).toBe('channel_not_found');
    expect(refusalOf('chat.postMessage', { channel: 'C0X' })?.error).toBe('no_text');
    expect(refusalOf('views.open', { view })?.error).toBe('invalid_arguments');
    expect(
      refusalOf('chat.postMessage', {
        channel: 'C0X',
        text: 't',
        blocks: [
          {
            type: 'actions',
            elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b' }, value: 'v'.repeat(2001) }],
          },
        ],
      })?.messages.join(),
    ).toContain('/blocks/0/elements/0/value');
  });

  it('truncation never cuts an entity or a mention in two', () => {
    const text = `${'a'.repeat(95)}${esc('&<>')} <@U123ABC> tail`;
    for (let max = 90; max < text.length; max++) {
      const cut = truncateMrkdwn(text, max);
      expect([...cut].length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(/&[a-z]*…$/);
      expect(cut).not.toMatch(/<[^>]*…$/);
    }
  });
});
