import { maskEmail } from '../domain/masking';
import type { EmailMessage, Notifier, SlackMessage } from './notifier';

export interface OutboxEntry {
  kind: 'post' | 'update' | 'email' | 'upload';
  channel?: string;
  ts?: string;
  message: SlackMessage | EmailMessage | { filename: string; title: string; bytes: number };
  at: string;
}

/**
 * The local stack's notifier when no Slack is configured: it keeps what would
 * have been sent and prints a one-line summary, so `npm start` shows the bot's
 * output without a workspace.
 */
export function outboxNotifier(print: (line: string) => void = () => {}): Notifier & { sent: OutboxEntry[] } {
  const sent: OutboxEntry[] = [];
  let seq = 0;
  return {
    sent,
    async post(channel, message) {
      const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
      sent.push({ kind: 'post', channel, ts, message, at: new Date().toISOString() });
      print(`[outbox] → ${channel}: ${message.text}`);
      return { channel, ts };
    },
    async update(channel, ts, message) {
      sent.push({ kind: 'update', channel, ts, message, at: new Date().toISOString() });
      print(`[outbox] ✎ ${channel} ${ts}: ${message.text}`);
    },
    async upload(channel, file) {
      sent.push({
        kind: 'upload',
        channel,
        message: { filename: file.filename, title: file.title, bytes: file.data.length },
        at: new Date().toISOString(),
      });
      print(`[outbox] ⇪ ${channel}: ${file.filename} (${file.data.length} bytes)`);
    },
    async email(message) {
      sent.push({ kind: 'email', message, at: new Date().toISOString() });
      // Logs are read more widely than the data: the address is masked, the outbox entry keeps it.
      print(`[outbox] ✉ ${maskEmail(message.to)}: ${message.subject}`);
    },
  };
}
