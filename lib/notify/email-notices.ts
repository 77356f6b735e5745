import type { NoticeSender } from '../services/notices';
import type { EmailSender } from './notifier';
import { plainTextOf } from './plain-text';

/** The e-mail channel adapter: a notice for an address becomes a plain-text e-mail in the recipient's language. */
export function emailNotices(send: EmailSender): NoticeSender {
  return {
    async send(to, notice) {
      if (!('email' in to)) throw new Error('the e-mail channel delivers only to an address');
      const { subject, text } = plainTextOf(notice);
      await send({ to: to.email, subject, text });
    },
  };
}

/** Sends each notice through the channel its recipient is reached by: chat for staff and channels, e-mail for addresses. */
export function routeNotices(channels: { chat: NoticeSender; email: NoticeSender }): NoticeSender {
  return {
    send: (to, notice) => ('email' in to ? channels.email : channels.chat).send(to, notice),
  };
}
