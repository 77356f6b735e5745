import { maskEmail } from '../domain/masking';
import type { Notice, NoticeKind, NoticeRecipient, NoticeSender } from '../services/notices';
import { plainTextOf } from './plain-text';

export interface OutboxEntry {
  to: NoticeRecipient;
  kind: NoticeKind;
  subject: string;
  text: string;
  at: string;
}

const shown = (to: NoticeRecipient) =>
  // Logs are read more widely than the data: an address is masked, the entry keeps it.
  'email' in to ? `✉ ${maskEmail(to.email)}` : `→ ${'staff' in to ? to.staff : to.channel}`;

/**
 * The local stack's channel when no Slack and no SES are configured: every
 * notice is kept as plain text and printed as one line, so `npm start` shows
 * what would have been sent without a workspace.
 */
export function outboxNotices(print: (line: string) => void = () => {}): NoticeSender & { sent: OutboxEntry[] } {
  const sent: OutboxEntry[] = [];
  const keep = (to: NoticeRecipient, kind: NoticeKind, subject: string, text: string) => {
    sent.push({ to, kind, subject, text, at: new Date().toISOString() });
    print(`[outbox] ${shown(to)}: ${subject}`);
  };
  return {
    sent,
    async send(to: NoticeRecipient, notice: Notice) {
      const { subject, text } = plainTextOf(notice);
      keep(to, notice.kind, subject, text);
    },
  };
}
