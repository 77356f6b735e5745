import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { localDay } from '../../domain/calendar';
import type { CareTask } from '../../domain/care';
import { parseReminderTime } from '../../domain/reminder-time';
import { t } from '../../i18n';
import { completeTask, noteTask, skipTask, snoozeTask, tasksForAssignee } from '../../services/care';
import { createReminder } from '../../services/reminders';
import { careTaskBlockId, careTaskBlocks } from '../blocks/care';
import { type Block, context, esc, header, section, slackDate } from '../blocks/elements';
import type { FeatureJobs, JobContext } from '../feature-module';
import { customerNamed } from './customer-named';
import { publishHome } from './home';

/** The worker's half of care tasks in Slack: change a task and re-render it, list tasks, set reminders. */

/** two blocks a task plus a header: Slack's 50-block message limit */
const MAX_TASKS_IN_MESSAGE = 20;

export type Change = { change: 'done' } | { change: 'skip' } | { change: 'snooze'; days: number } | { change: 'note'; note: string };

export interface TaskClick {
  taskId: string;
  channelId?: string;
  messageTs?: string;
  isEphemeral?: boolean;
  viewType?: string;
  responseUrl?: string;
}

/** The same message with one task's blocks replaced by its new state. */
export function withTaskReplaced(blocks: unknown[], task: CareTask, fresh: unknown[]): unknown[] {
  const ids = new Set([careTaskBlockId(task.id), `${careTaskBlockId(task.id)}.actions`]);
  const out: unknown[] = [];
  let placed = false;
  for (const block of blocks) {
    if (ids.has(String((block as { block_id?: string }).block_id))) {
      if (!placed) out.push(...fresh);
      placed = true;
    } else out.push(block);
  }
  return placed ? out : [...blocks, ...fresh];
}

async function applyChange(j: JobContext, taskId: string, c: Change): Promise<CareTask> {
  switch (c.change) {
    case 'done':
      return completeTask(j.ctx, j.actor, taskId, {}, j.now);
    case 'skip':
      return skipTask(j.ctx, j.actor, taskId, {}, j.now);
    case 'snooze':
      return snoozeTask(j.ctx, j.actor, taskId, c.days, j.now);
    case 'note':
      return noteTask(j.ctx, j.actor, taskId, { note: c.note }, j.now);
  }
}

/** `<when> <text>`: the longest head of the words that reads as a time (e.g. "2025-03-01 14:30"). */
export function splitWhen(rest: string, now: Date, timeZone: string, dailyHour: number): { at?: string; text: string } {
  const words = rest.trim().split(/\s+/).filter(Boolean);
  for (const n of [2, 1]) {
    if (words.length <= n - 1) continue;
    const head = words.slice(0, n).join(' ');
    if (parseReminderTime(head, now, timeZone, dailyHour)) return { at: head, text: words.slice(n).join(' ') };
  }
  return { text: rest.trim() };
}

export const careJobs = {
  async 'care.change'(j) {
    const click = j.job.args.task as TaskClick;
    const updated = await applyChange(j, click.taskId, j.job.args.change as Change);
    const today = localDay(j.now, j.ctx.config.company.timeZone);
    if (click.viewType === 'home') return publishHome(j.ctx, j.client, j, j.now);
    const fresh = careTaskBlocks(updated, j.locale, today);
    const original = Array.isArray(j.job.args.blocks) ? (j.job.args.blocks as unknown[]) : undefined;
    const blocks = original ? withTaskReplaced(original, updated, fresh) : fresh;
    const text = t(j.locale, 'slack.tasks.updated', {
      customer: updated.customerName,
      status: t(j.locale, `care.status.${updated.status}`),
    });
    if (click.isEphemeral || !click.messageTs || !click.channelId) {
      if (j.job.responseUrl) await j.reply({ text, blocks, replaceOriginal: true });
      else await j.dm({ text });
      return;
    }
    await j.client.chat.update({ channel: click.channelId, ts: click.messageTs, text, blocks: blocks as never });
  },

  async 'care.list'(j) {
    const range = j.job.args.range === 'week' ? 'week' : 'today';
    const limit = Math.min(j.ctx.config.slackBot.listSize, MAX_TASKS_IN_MESSAGE);
    const tasks = await tasksForAssignee(j.ctx, j.userId, range, j.now, limit + 1);
    const today = localDay(j.now, j.ctx.config.company.timeZone);
    const title = t(j.locale, `slack.tasks.title.${range}`, { count: tasks.length > limit ? `${limit}+` : tasks.length });
    const blocks: Block[] = [header(title)];
    if (!tasks.length) blocks.push(section(t(j.locale, 'slack.tasks.none')));
    for (const task of tasks.slice(0, limit)) blocks.push(...(careTaskBlocks(task, j.locale, today) as Block[]));
    if (tasks.length > limit) blocks.push(context(t(j.locale, 'slack.list.more')));
    await j.reply({ text: title, blocks });
  },

  async 'care.remind'(j) {
    const text = String(j.job.args.text ?? '').trim();
    if (!text) return j.reply({ text: t(j.locale, 'slack.usage.remind') });
    const customer = await customerNamed(j, text);
    if (!customer) return;
    const { timeZone } = j.ctx.config.company;
    const when = splitWhen(customer.rest, j.now, timeZone, j.ctx.config.care.dailyHour);
    if (!when.at || !when.text) return j.reply({ text: t(j.locale, 'slack.usage.remind') });
    const task = await createReminder(j.ctx, j.actor, { customerId: customer.id, at: when.at, text: when.text }, j.now);
    const at = task.reminderAt
      ? slackDate(task.reminderAt, format(new Date(task.reminderAt), 'yyyy-MM-dd HH:mm', { in: tz(j.timeZone) }))
      : task.dueDate;
    await j.reply({ text: t(j.locale, 'slack.care.reminder_set', { name: esc(customer.name), at, text: esc(when.text) }) });
  },
} satisfies FeatureJobs;
