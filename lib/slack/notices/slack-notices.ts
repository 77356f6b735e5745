import type { Logger } from '@aws-lambda-powertools/logger';
import { renderDigestChart } from '../../chart/digest';
import { t } from '../../i18n';
import '../../i18n/slack-imports';
import type { Complaint } from '../../domain/complaint-schemas';
import type { ManagerDigestNotice, Notice, NoticeRecipient, NoticeSender } from '../../services/notices';
import type { ChannelPost, ChannelPostRepo } from '../../store';
import { digestChartLabels, digestChartTitle } from '../blocks/digest';
import { slackMessageOf } from './slack-message';
import type { SlackTransport } from './slack-transport';

export interface SlackNoticeDeps {
  /** the adapter's memory of its complaint posts (store.channelPosts) */
  posts: Pick<ChannelPostRepo, 'get' | 'remember'>;
  logger: Pick<Logger, 'warn'>;
  /** chart size and extra fonts (digest.chart settings) */
  chart: { width: number; height: number; fontFiles: string[] };
  /** the time a post is remembered at (tests pass a fixed clock) */
  clock?: () => Date;
}

/** What a complaint post is remembered under in store.channelPosts. */
export const complaintSubject = (complaintId: string) => `complaint#${complaintId}`;

/** Reads the complaint's channel post: the adapter's own record, else a field older records carried on the complaint. */
export async function complaintPost(
  posts: Pick<ChannelPostRepo, 'get'>,
  complaint: Pick<Complaint, 'id'>,
  channel: string | undefined,
): Promise<Pick<ChannelPost, 'postedIn' | 'ts'> | undefined> {
  const own = channel ? await posts.get(complaintSubject(complaint.id), channel) : undefined;
  if (own) return own;
  // Complaints posted before the adapter kept its own record hold the reference themselves (read-only fallback).
  const legacy = (complaint as { slackMessage?: { channel?: unknown; ts?: unknown } }).slackMessage;
  return typeof legacy?.channel === 'string' && typeof legacy.ts === 'string' ? { postedIn: legacy.channel, ts: legacy.ts } : undefined;
}

const slackChannelOf = (to: NoticeRecipient): string => {
  if ('staff' in to) return to.staff; // a user id: chat.postMessage opens the DM
  if ('channel' in to) return to.channel;
  throw new Error('Slack cannot deliver to an e-mail address');
};

/**
 * The Slack channel adapter: each notice becomes Block Kit (slackMessageOf),
 * posted with the bot token. Two notices do more than one post: the complaint
 * post is remembered (channel + ts) so `complaint-changed` edits it in place,
 * and the manager digest is followed by its chart as a PNG upload.
 */
export function slackNotices(transport: SlackTransport, deps: SlackNoticeDeps): NoticeSender {
  const clock = deps.clock ?? (() => new Date());
  return {
    async send(to, notice) {
      const channel = slackChannelOf(to);
      switch (notice.kind) {
        case 'complaint-posted':
          return postComplaint(transport, deps, channel, notice, clock);
        case 'complaint-changed': {
          const post = await complaintPost(deps.posts, notice.complaint, channel);
          if (post) await transport.update(post.postedIn, post.ts, slackMessageOf(notice));
          return;
        }
        case 'manager-digest': {
          const posted = await transport.post(channel, slackMessageOf(notice));
          if (notice.chart) await uploadChart(transport, deps, posted.channel ?? channel, notice);
          return;
        }
        case 'import-progress':
        case 'import-finished': {
          // The message the import was started from (lib/slack/jobs/imports.ts) is edited in place.
          const ts = notice.job.slack?.ts;
          if (ts) await transport.update(channel, ts, slackMessageOf(notice));
          else await transport.post(channel, slackMessageOf(notice));
          if (notice.kind === 'import-finished' && notice.rejected) {
            await transport.upload(channel, {
              filename: notice.rejected.fileName,
              data: Buffer.from(notice.rejected.csv, 'utf8'),
              title: t(notice.locale, 'slack.import.rejected_title'),
            });
          }
          return;
        }
        default:
          await transport.post(channel, slackMessageOf(notice));
      }
    },
  };
}

async function postComplaint(
  transport: SlackTransport,
  deps: SlackNoticeDeps,
  channel: string,
  notice: Extract<Notice, { kind: 'complaint-posted' }>,
  clock: () => Date,
): Promise<void> {
  const posted = await transport.post(channel, slackMessageOf(notice));
  if (!posted.ts) return;
  await deps.posts.remember({
    subject: complaintSubject(notice.complaint.id),
    channel,
    postedIn: posted.channel ?? channel,
    ts: posted.ts,
    postedAt: clock().toISOString(),
  });
}

/** The chart follows the message: a failed upload leaves a complete digest and is only logged. */
async function uploadChart(transport: SlackTransport, deps: SlackNoticeDeps, channel: string, notice: ManagerDigestNotice): Promise<void> {
  const { content, locale } = notice;
  try {
    const png = await renderDigestChart(content.series, { ...deps.chart, labels: digestChartLabels(locale) });
    const title = digestChartTitle(content, locale);
    await transport.upload(channel, { filename: `digest-${content.period.key}.png`, data: png, title, altText: title });
  } catch (error) {
    deps.logger.warn('digest: chart upload failed', { channel, period: content.period.key, error: error as Error });
  }
}
