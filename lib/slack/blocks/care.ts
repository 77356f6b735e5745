import type { Button, KnownBlock } from '@slack/types';
import type { Day } from '../../domain/calendar';
import { type CareTask, isOpen } from '../../domain/care-model';
import { type Locale, t } from '../../i18n';
import type { SlackMessage } from '../notices/slack-transport';
import { actorMention } from './actor';
import { truncateMrkdwn } from './elements';

/**
 * Block Kit for care tasks (pure). Every open task carries the same five
 * buttons; each button's value is the task id, and the block_id names the task
 * so a listener can re-render one task of a grouped DM.
 */
export const careActionIds = {
  done: 'care.done',
  snooze1d: 'care.snooze_1d',
  snooze1w: 'care.snooze_1w',
  skip: 'care.skip',
  note: 'care.note',
} as const;

export const careTaskBlockId = (taskId: string) => `care.task.${taskId}`;
/** The task id back from a block_id or a button value. */
export const taskIdOfBlock = (blockId: string) => blockId.replace(/^care\.task\./, '').replace(/\.actions$/, '');

/** Slack mrkdwn needs &, < and > escaped in user text. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const button = (actionId: string, label: string, taskId: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: label.slice(0, 75), emoji: true },
  value: taskId,
  ...(style ? { style } : {}),
});

/** One line of text for a task: who, what, when, what to do. */
export function careTaskText(task: CareTask, locale: Locale, today?: Day): string {
  const what = [t(locale, `care.kind.${task.kind}`)];
  if (task.details.lunar) what.push(t(locale, 'care.task.lunar'));
  if (task.details.festival) what.push(t(locale, `festival.${task.details.festival}`));
  if (task.details.signal) what.push(t(locale, `care.signal.${task.details.signal}`));
  if (task.details.complaintId) what.push(t(locale, 'care.task.complaint', { id: task.details.complaintId }));
  const who = task.contactName ? ` · ${esc(t(locale, 'care.task.contact', { name: task.contactName }))}` : '';
  const due =
    task.dueDate === today
      ? t(locale, 'care.task.due_today')
      : `${t(locale, 'care.task.due', { day: task.dueDate })}${today && task.dueDate < today ? ` ${t(locale, 'care.task.overdue')}` : ''}`;
  const actions = task.suggestedActions.map((a) => t(locale, `care.action.${a}`, { cap: task.giftCap ?? 0 })).join(' / ');
  const lines = [`*${esc(task.customerName)}*${who} — ${what.join(' · ')} · ${due}`];
  if (task.details.text) lines.push(`> ${esc(task.details.text)}`);
  if (actions) lines.push(t(locale, 'care.task.suggested', { actions }));
  if (task.outcomeNote) lines.push(esc(t(locale, 'care.task.note', { note: task.outcomeNote })));
  return lines.join('\n');
}

/** A task as two blocks: its text, then the buttons (or, once closed, who closed it). */
export function careTaskBlocks(task: CareTask, locale: Locale, today?: Day): KnownBlock[] {
  const section: KnownBlock = {
    type: 'section',
    block_id: careTaskBlockId(task.id),
    text: { type: 'mrkdwn', text: truncateMrkdwn(careTaskText(task, locale, today), 3000) },
  };
  if (!isOpen(task)) {
    const status = t(locale, `care.status.${task.status}`);
    return [
      section,
      {
        type: 'context',
        block_id: `${careTaskBlockId(task.id)}.actions`,
        elements: [
          {
            type: 'mrkdwn',
            text: `✓ ${t(locale, 'care.task.closed', { status, by: task.closedBy ? actorMention(task.closedBy, locale) : '—' })}`,
          },
        ],
      },
    ];
  }
  return [
    section,
    {
      type: 'actions',
      block_id: `${careTaskBlockId(task.id)}.actions`,
      elements: [
        button(careActionIds.done, t(locale, 'care.button.done'), task.id, 'primary'),
        button(careActionIds.snooze1d, t(locale, 'care.button.snooze_1d'), task.id),
        button(careActionIds.snooze1w, t(locale, 'care.button.snooze_1w'), task.id),
        button(careActionIds.skip, t(locale, 'care.button.skip'), task.id),
        button(careActionIds.note, t(locale, 'care.button.note'), task.id),
      ],
    },
  ];
}

/** Slack refuses header text over 150 characters. */
const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: text.length > 150 ? `${text.slice(0, 149)}…` : text, emoji: true },
});

const KIND_ORDER = [
  'win-back',
  'complaint-follow-up',
  'birthday',
  'holiday',
  'key-account-contact',
  'return-visit',
  'anniversary',
  'custom',
];

/** The owner's one DM of the day: every task, most urgent kinds first, up to `maxTasks` (Slack's 50-block limit). */
export function careDigestMessage(tasks: CareTask[], opts: { locale: Locale; day: Day; maxTasks: number }): SlackMessage {
  const sorted = [...tasks].sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      a.dueDate.localeCompare(b.dueDate) ||
      a.customerName.localeCompare(b.customerName),
  );
  const shown = sorted.slice(0, opts.maxTasks);
  const title = t(opts.locale, 'care.digest.title', { day: opts.day, count: tasks.length });
  const blocks: KnownBlock[] = [header(title)];
  for (const task of shown) blocks.push(...careTaskBlocks(task, opts.locale, opts.day));
  if (sorted.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: t(opts.locale, 'care.digest.more', { count: sorted.length - shown.length }) }],
    });
  }
  return { text: title, blocks };
}

/** A single task announced on its own: a one-off reminder, or a churn alert. */
export function careTaskMessage(task: CareTask, opts: { locale: Locale; today?: Day }): SlackMessage {
  const title =
    task.kind === 'win-back' && task.details.signal
      ? t(opts.locale, 'care.alert.title', { customer: task.customerName, signal: t(opts.locale, `care.signal.${task.details.signal}`) })
      : t(opts.locale, 'care.reminder.title', { customer: task.customerName });
  return { text: title, blocks: [header(title), ...careTaskBlocks(task, opts.locale, opts.today)] };
}
