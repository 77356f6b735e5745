import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Complaint } from '../../domain/complaint-schemas';
import { type Locale, t } from '../../i18n';
import { complaintSourceValue } from '../complaint-source';
import { mention } from '../mention';
import { OPEN_COMPLAINT_MODAL, SHOW_COMPLAINT } from './complaint-forms';
import { actions, type Block, button, context, esc, header, section, slackDate, truncate, truncateMrkdwn } from './elements';

/**
 * Complaints as short lists (pure): `/crm complaints`, the App Home, the
 * conversational answers. One line each, most urgent deadline first, with a
 * button that shows the full complaint and its action buttons.
 */
export interface ListView {
  locale: Locale;
  timeZone: string;
  now: Date;
}

export function complaintLine(c: Complaint, v: ListView): string {
  const { locale } = v;
  const due = c.nextDeadlineAt
    ? `${t(locale, 'slack.due', { at: slackDate(c.nextDeadlineAt, format(new Date(c.nextDeadlineAt), 'yyyy-MM-dd HH:mm', { in: tz(v.timeZone) })) })}${c.nextDeadlineAt < v.now.toISOString() ? ` ${t(locale, 'complaint.overdue')}` : ''}`
    : '';
  const marker = c.severity === 'critical' ? ':red_circle:' : c.severity === 'major' ? ':large_orange_circle:' : ':white_circle:';
  return [
    `${marker} *${esc(c.customerName)}*`,
    t(locale, `complaint.severity.${c.severity}`),
    t(locale, `complaint.status.${c.status}`),
    t(locale, `complaint.category.${c.category}`),
    due,
    `${mention(c.assigneeId)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

export function complaintRows(items: Complaint[], v: ListView): Block[] {
  return items.map((c) =>
    section(`${complaintLine(c, v)}\n${esc(truncate(c.description.replace(/\s+/g, ' '), 140))}`, {
      accessory: button(SHOW_COMPLAINT, t(v.locale, 'slack.button.details'), c.id),
    }),
  );
}

const LIST_ROWS_MAX = 47;

export function complaintListBlocks(title: string, items: Complaint[], more: boolean, v: ListView): Block[] {
  return [
    header(title),
    // within Slack's 50 blocks: a header, the rows, "more"
    ...(items.length ? complaintRows(items.slice(0, LIST_ROWS_MAX), v) : [section(t(v.locale, 'slack.complaints.none'))]),
    ...(more || items.length > LIST_ROWS_MAX ? [context(t(v.locale, 'slack.list.more'))] : []),
  ];
}

/** The DM after a :ticket: reaction: the message quoted, and a button that opens the prefilled form. */
export function reactionPromptBlocks(
  m: { text?: string; channelId: string; ts: string },
  locale: Locale,
): { text: string; blocks: Block[] } {
  const text = t(locale, 'slack.complaint.reaction_prompt', { channel: `<#${m.channelId}>` });
  const quote = m.text ? `> ${truncateMrkdwn(esc(m.text), 500).replace(/\n/g, '\n> ')}` : t(locale, 'slack.complaint.reaction_no_text');
  // The button refers to the message; the click reads it again (values are short and never user text).
  const value = complaintSourceValue({ kind: 'message', channelId: m.channelId, ts: m.ts });
  return {
    text,
    blocks: [
      section(text),
      section(quote),
      actions([button(OPEN_COMPLAINT_MODAL, t(locale, 'slack.button.log_complaint'), value, 'primary')]),
    ],
  };
}
