import type { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../../lib/config';
import { emailNotices, routeNotices } from '../../lib/notify/email-notices';
import type { EmailMessage } from '../../lib/notify/notifier';
import type { AppContext } from '../../lib/services/context';
import type { NoticeSender } from '../../lib/services/notices';
import { complaintSubject, slackNotices } from '../../lib/slack/notices/slack-notices';
import type { SlackMessage, SlackTransport } from '../../lib/slack/notices/slack-transport';
import type { Store } from '../../lib/store';

/** One call the Slack adapter (or the e-mail channel) made: what Slack, or the inbox, would receive. */
export interface OutboxEntry {
  kind: 'post' | 'update' | 'email' | 'upload';
  channel?: string;
  ts?: string;
  message: SlackMessage | EmailMessage | { filename: string; title: string; bytes: number };
  at: string;
}

export type SlackRecorder = SlackTransport & { sent: OutboxEntry[]; email(message: EmailMessage): Promise<void> };

/**
 * Tests send notices through the real Slack adapter into this recorder, so they
 * assert on the Block Kit Slack would receive; e-mails land in the same list.
 */
export function slackRecorder(): SlackRecorder {
  const sent: OutboxEntry[] = [];
  let seq = 0;
  return {
    sent,
    async post(channel, message) {
      const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
      sent.push({ kind: 'post', channel, ts, message, at: new Date().toISOString() });
      return { channel, ts };
    },
    async update(channel, ts, message) {
      sent.push({ kind: 'update', channel, ts, message, at: new Date().toISOString() });
    },
    async upload(channel, file) {
      sent.push({
        kind: 'upload',
        channel,
        message: { filename: file.filename, title: file.title, bytes: file.data.length },
        at: new Date().toISOString(),
      });
    },
    async email(message) {
      sent.push({ kind: 'email', message, at: new Date().toISOString() });
    },
  };
}

/** The notice port a test context uses: the Slack adapter over `transport`, e-mail into `email`. */
export function slackNoticesOver(
  parts: { config: Config; store: Store; logger: Logger },
  transport: SlackTransport,
  email: (message: EmailMessage) => Promise<void>,
): NoticeSender {
  return routeNotices({
    chat: slackNotices(transport, { posts: parts.store.channelPosts, logger: parts.logger, chart: parts.config.digest.chart }),
    email: emailNotices(email),
  });
}

/** Swaps the Slack calls of a test context (a flaky Slack, a fake server); e-mails still go to `recorder`. */
export function useSlackTransport(ctx: AppContext, transport: SlackTransport, recorder: Pick<SlackRecorder, 'email'>): void {
  ctx.notices = slackNoticesOver(ctx, transport, recorder.email);
}

/** Where the Slack adapter posted a complaint in the complaints channel (its own record, not the complaint's). */
export async function complaintPostOf(ctx: AppContext, complaintId: string): Promise<{ channel: string; ts: string } | undefined> {
  const channel = ctx.config.complaints.channelId;
  const post = channel ? await ctx.store.channelPosts.get(complaintSubject(complaintId), channel) : undefined;
  return post && { channel: post.postedIn, ts: post.ts };
}
