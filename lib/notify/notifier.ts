import type { KnownBlock } from '@slack/types';

/**
 * Outgoing messages, whatever the channel. Services talk to this interface;
 * in AWS it is the Slack Web API (and SES for email), locally an outbox or a
 * fake Slack server reached through SLACK_API_URL.
 */
export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
  threadTs?: string;
}

export interface PostedMessage {
  channel?: string;
  ts?: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Notifier {
  /** post to a channel (or a user id: Slack opens the DM) */
  post(channel: string, message: SlackMessage): Promise<PostedMessage>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  email(message: EmailMessage): Promise<void>;
  /** a file (e.g. a chart PNG) shared into a channel or DM; Slack's files.uploadV2 */
  upload(channel: string, file: { filename: string; data: Buffer; title: string; altText?: string }): Promise<void>;
}
