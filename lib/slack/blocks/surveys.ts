import type { KnownBlock } from '@slack/types';
import { type Locale, t } from '../../i18n';
import type { LowScoreAlert, SurveyLinkLine } from '../../services/notices';
import type { SlackMessage } from '../notices/slack-transport';

/**
 * Block Kit for surveys (pure): the owner's DM with links to forward to their
 * customers (WeChat, SMS…), and the low-score alert. Links are shown as plain
 * text so they can be long-pressed and copied on a phone.
 */

/** Slack mrkdwn needs &, < and > escaped in user text. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: text.length > 150 ? `${text.slice(0, 149)}…` : text, emoji: true },
});

export function surveyLinksMessage(
  lines: SurveyLinkLine[],
  opts: { locale: Locale; expiryDays: number; reminder?: boolean },
): SlackMessage {
  const { locale } = opts;
  const title = opts.reminder
    ? t(locale, 'survey.dm.reminder_title', { count: lines.length })
    : t(locale, 'survey.dm.title', { count: lines.length });
  const blocks: KnownBlock[] = [
    header(title),
    { type: 'context', elements: [{ type: 'mrkdwn', text: t(locale, 'survey.dm.intro', { days: opts.expiryDays }) }] },
    ...lines.map(
      (l): KnownBlock => ({
        type: 'section',
        block_id: `survey.link.${l.customerId}`,
        text: {
          type: 'mrkdwn',
          text: `${t(locale, 'survey.dm.line', { customer: esc(l.customerName), kind: t(locale, `survey.kind.${l.kind}`), trigger: t(locale, `survey.trigger.${l.trigger}`) })}${l.emailed ? ` ${t(locale, 'survey.dm.emailed')}` : ''}\n${l.link}`,
        },
      }),
    ),
  ];
  const text = [title, ...lines.map((l) => `${l.customerName}: ${l.link}`)].join('\n');
  return { text, blocks };
}

export function lowScoreAlertMessage(a: LowScoreAlert, locale: Locale): SlackMessage {
  const title = t(locale, 'survey.alert.title', { customer: a.customerName, kind: t(locale, `survey.kind.${a.kind}`), score: a.score });
  const lines = [`*${esc(title)}*`];
  if (a.comment) lines.push(`> ${esc(t(locale, 'survey.alert.comment', { comment: a.comment.slice(0, 1500) })).replace(/\n/g, '\n> ')}`);
  if (a.reopenedComplaintId) lines.push(t(locale, 'survey.alert.reopened', { id: a.reopenedComplaintId }));
  lines.push(t(locale, 'survey.alert.action'));
  return {
    text: title,
    blocks: [
      { type: 'section', block_id: `survey.alert.${a.customerId}`, text: { type: 'mrkdwn', text: lines.join('\n') } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: t(locale, 'survey.alert.context', { trigger: t(locale, `survey.trigger.${a.trigger}`), at: a.answeredAtLocal }),
          },
        ],
      },
    ],
  };
}
