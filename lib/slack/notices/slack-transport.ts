import type { KnownBlock } from '@slack/types';
import { WebClient } from '@slack/web-api';

/** A Slack message: the notification text (also what screen readers and old clients show) and its blocks. */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
  threadTs?: string;
}

export interface PostedMessage {
  channel?: string;
  ts?: string;
}

/**
 * The three Web API calls the Slack notice adapter makes. The Web API in AWS;
 * tests record the calls (tests/support) or point it at a fake Slack.
 */
export interface SlackTransport {
  /** chat.postMessage to a channel, or to a user id (Slack opens the DM) */
  post(channel: string, message: SlackMessage): Promise<PostedMessage>;
  /** chat.update of a message the bot posted */
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** files.uploadV2: a file (the digest chart) shared into a channel or DM */
  upload(channel: string, file: { filename: string; data: Buffer; title: string; altText?: string }): Promise<void>;
}

/** The Web API with the bot token. `apiUrl` points it at a fake Slack (tests, the local stack). */
export function webApiTransport(token: string, apiUrl?: string): SlackTransport {
  const client = new WebClient(token, { slackApiUrl: apiUrl ? `${apiUrl.replace(/\/$/, '')}/` : undefined, retryConfig: { retries: 2 } });
  return {
    async post(channel, m) {
      const res = await client.chat.postMessage({ channel, text: m.text, blocks: m.blocks as never, thread_ts: m.threadTs });
      return { channel: res.channel, ts: res.ts };
    },
    async update(channel, ts, m) {
      await client.chat.update({ channel, ts, text: m.text, blocks: m.blocks as never });
    },
    async upload(channel, file) {
      await client.filesUploadV2({
        channel_id: channel,
        file: file.data,
        filename: file.filename,
        title: file.title,
        alt_text: file.altText,
      });
    },
  };
}
