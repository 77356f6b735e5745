import { WebClient } from '@slack/web-api';
import type { Notifier } from './notifier';

/** Slack Web API notifier. `apiUrl` points it at a fake Slack in tests. */
export function slackNotifier(token: string, apiUrl?: string, email?: Notifier['email']): Notifier {
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
    email: email ?? (async () => {}),
  };
}
