import { tz } from '@date-fns/tz';
import type { Button, KnownBlock } from '@slack/types';
import { format } from 'date-fns';
import { allowedActions } from '../../domain/complaint-lifecycle';
import type { Alert, Complaint, TransitionAction } from '../../domain/complaint-schemas';
import type { CorrectiveAction } from '../../domain/corrective-action';
import { maskFreeText } from '../../domain/masking';
import { type Locale, t } from '../../i18n';
import { mention } from '../mention';
import type { SlackMessage } from '../notices/slack-transport';
import { actorMention } from './actor';
import { truncateMrkdwn } from './elements';

/**
 * Block Kit for complaints (pure). One message per complaint: what it is, who
 * owns it, the next deadline, and the buttons the current state allows. Every
 * button's value is the complaint id; the Slack listeners (lib/slack) turn a
 * click into a transition. Shared-channel posts carry no phone or e-mail: the
 * customer's name only, and contact details in the description are masked.
 */
export const complaintActionIds = {
  acknowledge: 'complaint.acknowledge',
  take: 'complaint.take',
  assign: 'complaint.assign',
  note: 'complaint.note',
  resolve: 'complaint.resolve',
  reopen: 'complaint.reopen',
  escalate: 'complaint.escalate',
} as const;
export type ComplaintButton = keyof typeof complaintActionIds;

/** Which transition each button leads to (take and assign both reassign). */
const buttonTransition: Record<ComplaintButton, TransitionAction> = {
  acknowledge: 'acknowledge',
  take: 'reassign',
  assign: 'reassign',
  note: 'note',
  resolve: 'resolve',
  reopen: 'reopen',
  escalate: 'escalate',
};

export const complaintBlockId = (complaintId: string) => `complaint.${complaintId}`;

export interface ComplaintView {
  locale: Locale;
  /** company time zone, for the plain-text fallback of dates */
  timeZone: string;
  now?: Date;
}

/** Slack mrkdwn needs &, < and > escaped in user text. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Phone numbers and e-mail addresses inside free text, masked for shared channels (the one masking function). */
export const maskContactDetails = maskFreeText;

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A date Slack shows in each reader's own time zone, with the company's as fallback. */
function slackDate(iso: string, timeZone: string): string {
  const unix = Math.floor(Date.parse(iso) / 1000);
  const fallback = format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: tz(timeZone) });
  return `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`;
}

export function complaintButtons(c: Complaint, locale: Locale): Button[] {
  const legal = new Set(allowedActions(c));
  return (Object.keys(complaintActionIds) as ComplaintButton[])
    .filter((b) => legal.has(buttonTransition[b]))
    .map(
      (b): Button => ({
        type: 'button',
        action_id: complaintActionIds[b],
        text: { type: 'plain_text', text: t(locale, `complaint.button.${b}`), emoji: true },
        value: c.id,
        ...(b === 'resolve' || b === 'acknowledge' ? { style: 'primary' } : b === 'escalate' ? { style: 'danger' } : {}),
      }),
    );
}

function fields(c: Complaint, view: ComplaintView): Array<{ type: 'mrkdwn'; text: string }> {
  const { locale, timeZone } = view;
  const field = (label: string, value: string) => ({
    type: 'mrkdwn' as const,
    text: `*${t(locale, `complaint.field.${label}`)}*\n${value}`,
  });
  const overdue = c.nextDeadlineAt && view.now && c.nextDeadlineAt < view.now.toISOString() ? ` ${t(locale, 'complaint.overdue')}` : '';
  const out = [
    field('status', t(locale, `complaint.status.${c.status}`)),
    field('severity', t(locale, `complaint.severity.${c.severity}`)),
    field('customer', esc(c.customerName)),
    field('assignee', `${mention(c.assigneeId)}`),
    field('category', t(locale, `complaint.category.${c.category}`)),
    field('next_deadline', c.nextDeadlineAt ? `${slackDate(c.nextDeadlineAt, timeZone)}${overdue}` : t(locale, 'complaint.no_deadline')),
  ];
  if (c.promisedReplyAt && c.status !== 'resolved' && c.status !== 'closed')
    out.push(field('promised_reply', slackDate(c.promisedReplyAt, timeZone)));
  if (c.escalationLevel > 0) out.push(field('escalation', t(locale, `complaint.escalation.${c.escalationLevel}`)));
  return out.slice(0, 10); // Slack allows 10 fields per section
}

/** The complaint as blocks: title, facts, masked description, buttons legal now. */
export function complaintBlocks(c: Complaint, view: ComplaintView): KnownBlock[] {
  const { locale } = view;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(t(locale, 'complaint.message.title', { customer: c.customerName }), 150), emoji: true },
    },
    { type: 'section', block_id: complaintBlockId(c.id), fields: fields(c, view) },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncateMrkdwn(`> ${esc(maskContactDetails(c.description)).replace(/\n/g, '\n> ')}`, 3000) },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: [
            t(locale, 'complaint.footer', {
              id: c.id,
              channel: t(locale, `complaint.channel.${c.channel}`),
              receiver: actorMention(c.receiverId, locale),
            }),
            ...(c.confirmedWithCustomer ? [t(locale, 'complaint.confirmed')] : []),
          ].join(' · '),
        },
      ],
    },
  ];
  const buttons = complaintButtons(c, locale);
  if (buttons.length) blocks.push({ type: 'actions', block_id: `${complaintBlockId(c.id)}.actions`, elements: buttons });
  return blocks;
}

const summaryLine = (c: Complaint, locale: Locale) =>
  `${t(locale, 'complaint.message.title', { customer: c.customerName })} · ${t(locale, `complaint.severity.${c.severity}`)} · ${t(locale, `complaint.status.${c.status}`)}`;

/** The complaints-channel message (posted on open, edited in place on every change). */
export function complaintMessage(c: Complaint, view: ComplaintView): SlackMessage {
  return { text: summaryLine(c, view.locale), blocks: complaintBlocks(c, view) };
}

export type ComplaintNotice =
  | { kind: 'sla'; alert: Alert }
  | { kind: 'intake' }
  | { kind: 'manual'; by: string; reason?: string }
  | { kind: 'assigned'; by: string };

function noticeText(c: Complaint, notice: ComplaintNotice, view: ComplaintView): string {
  const { locale, timeZone } = view;
  switch (notice.kind) {
    case 'sla': {
      const clock = c.clocks[notice.alert.clock];
      return t(locale, `complaint.alert.${notice.alert.step}`, {
        clock: t(locale, `complaint.clock.${notice.alert.clock}`),
        due: slackDate(clock?.dueAt ?? notice.alert.at, timeZone),
      });
    }
    case 'intake':
      return t(locale, 'complaint.alert.intake', { severity: t(locale, `complaint.severity.${c.severity}`) });
    case 'manual':
      return t(locale, 'complaint.alert.manual', { by: notice.by, reason: notice.reason ? `: ${esc(notice.reason)}` : '' });
    case 'assigned':
      return t(locale, 'complaint.alert.assigned', { by: notice.by });
  }
}

/** A DM about one complaint (SLA warning, escalation, assignment): the reason on top, then the complaint. */
export function complaintNoticeMessage(c: Complaint, notice: ComplaintNotice, view: ComplaintView): SlackMessage {
  const reason = noticeText(c, notice, view);
  return {
    text: `${reason.replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1')} — ${summaryLine(c, view.locale)}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(reason, 3000) } }, ...complaintBlocks(c, view)],
  };
}

/** Managers' notice of a recurring category or root cause. */
export function correctiveActionMessage(action: CorrectiveAction, locale: Locale): SlackMessage {
  const label = action.kind === 'category' ? t(locale, `complaint.category.${action.label}`) : action.label;
  const title = t(locale, 'corrective.title', { label });
  const body = t(locale, 'corrective.body', { label, count: action.count, days: action.windowDays, threshold: action.threshold });
  return {
    text: `${title} — ${body}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(title, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: esc(body) } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${t(locale, `corrective.kind.${action.kind}`)} · ${action.id} · ${action.complaintIds.slice(0, 10).join(', ')}`,
          },
        ],
      },
    ],
  };
}
