import type { Complaint, ComplaintTransition } from '../../domain/complaint-schemas';
import { t } from '../../i18n';
import { getComplaint, listComplaints, openComplaint, transitionComplaint } from '../../services/complaints';
import { type ClickedMessage, confirmationView, intakeConfirmation } from '../blocks/complaint-forms';
import { complaintListBlocks, reactionPromptBlocks } from '../blocks/complaint-lists';
import { complaintBlocks, complaintMessage } from '../blocks/complaints';
import { readMessageText } from '../complaint-source';
import type { FeatureJobs, JobContext } from '../feature-module';
import { mention } from '../mention';
import { complaintPost } from '../notices/slack-notices';
import { publishHome } from './home';

/** The worker's half of complaints in Slack: intake, transitions, lists, the :ticket: DM. */

/** `/crm complaints [mine|open|overdue|@user]` → a complaint query. */
export function complaintFilterOf(arg: string, userId: string): { assignee?: string; overdue?: boolean; label: string } {
  const word = arg.trim().toLowerCase();
  const mention = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|^@?([UW][A-Z0-9]{2,20})$/i.exec(arg.trim());
  if (mention) return { assignee: (mention[1] ?? mention[2])!.toUpperCase(), label: 'user' };
  if (['overdue', '超时', '超期', '逾期'].includes(word)) return { overdue: true, label: 'overdue' };
  if (['open', 'all', '全部', '未结', '进行中'].includes(word)) return { label: 'open' };
  return { assignee: userId, label: 'mine' };
}

/** Edits the message a button was clicked on, unless it is the complaints-channel post the service already edited. */
async function refreshClicked(j: JobContext, c: Complaint, clicked: ClickedMessage | undefined): Promise<void> {
  if (!clicked) return;
  if (clicked.viewType === 'home') return publishHome(j.ctx, j.client, j, j.now);
  const view = { locale: j.locale, timeZone: j.ctx.config.company.timeZone, now: j.now };
  if (clicked.isEphemeral) {
    if (j.job.responseUrl) await j.reply({ ...complaintMessage(c, view), replaceOriginal: true });
    return;
  }
  if (!clicked.channelId || !clicked.messageTs) return;
  const post = await complaintPost(j.ctx.store.channelPosts, c, j.ctx.config.complaints.channelId);
  if (post && post.postedIn === clicked.channelId && post.ts === clicked.messageTs) return;
  const message = complaintMessage(c, view);
  await j.client.chat.update({ channel: clicked.channelId, ts: clicked.messageTs, text: message.text, blocks: message.blocks as never });
}

export const complaintJobs = {
  async 'complaints.open'(j) {
    const viewId = String(j.job.args.viewId ?? '');
    // One modal submission, one complaint: a retried job lands on the same id.
    let c = await openComplaint(j.ctx, j.actor, j.job.args.input, j.now, { idempotencyKey: viewId ? `slack-view:${viewId}` : undefined });
    const promisedReplyAt = j.job.args.promisedReplyAt as string | undefined;
    if (promisedReplyAt && c.status === 'open') {
      c = await transitionComplaint(j.ctx, j.actor, c.id, undefined, { action: 'acknowledge', promisedReplyAt }, j.now);
    }
    const channelId = (await complaintPost(j.ctx.store.channelPosts, c, j.ctx.config.complaints.channelId))?.postedIn;
    try {
      if (!viewId) throw new Error('no modal to update');
      await j.client.views.update({ view_id: viewId, view: confirmationView(c, j.locale, j.timeZone, channelId) as never });
    } catch {
      // The user closed the modal already: the confirmation comes as a DM instead.
      await j.dm(intakeConfirmation(c, j.locale, j.timeZone, channelId));
    }
  },

  async 'complaints.transition'(j) {
    const clicked = j.job.args.clicked as ClickedMessage;
    const transition = j.job.args.transition as ComplaintTransition;
    const updated = await transitionComplaint(j.ctx, j.actor, clicked.complaintId, undefined, transition, j.now);
    await refreshClicked(j, updated, clicked);
    if (clicked.isEphemeral && j.job.responseUrl) return;
    const message = t(j.locale, 'slack.complaint.done', {
      action: t(j.locale, `complaint.action.${transition.action}`),
      id: updated.id,
      status: t(j.locale, `complaint.status.${updated.status}`),
    });
    if (j.job.responseUrl) await j.reply({ text: message });
  },

  async 'complaints.show'(j) {
    const c = await getComplaint(j.ctx, j.actor, String(j.job.args.complaintId));
    await j.reply({
      text: complaintMessage(c, { locale: j.locale, timeZone: j.ctx.config.company.timeZone, now: j.now }).text,
      blocks: complaintBlocks(c, { locale: j.locale, timeZone: j.ctx.config.company.timeZone, now: j.now }),
    });
  },

  async 'complaints.list'(j) {
    const filter = complaintFilterOf(String(j.job.args.filter ?? ''), j.userId);
    const limit = j.ctx.config.slackBot.listSize;
    const page = await listComplaints(
      j.ctx,
      j.actor,
      {
        status: 'active',
        ...(filter.assignee ? { assignee: filter.assignee } : {}),
        ...(filter.overdue ? { overdue: 'true' } : {}),
        limit: limit + 1,
      },
      j.now,
    );
    const items = [...page.items].sort((a, b) => (a.nextDeadlineAt ?? '~').localeCompare(b.nextDeadlineAt ?? '~'));
    const title = t(j.locale, `slack.complaints.title.${filter.label}`, { user: filter.assignee ? `${mention(filter.assignee)}` : '' });
    await j.reply({
      text: title,
      blocks: complaintListBlocks(title, items.slice(0, limit), items.length > limit || Boolean(page.cursor), {
        locale: j.locale,
        timeZone: j.timeZone,
        now: j.now,
      }),
    });
  },

  async 'complaints.reaction'(j) {
    const channelId = String(j.job.args.channelId);
    const ts = String(j.job.args.ts);
    const text = await readMessageText(j.client, j.ctx, channelId, ts);
    const prompt = reactionPromptBlocks({ text: text?.slice(0, j.ctx.config.slackBot.prefillChars), channelId, ts }, j.locale);
    await j.dm(prompt);
  },
} satisfies FeatureJobs;
