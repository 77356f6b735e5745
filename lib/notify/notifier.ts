/**
 * The e-mail half of the notice adapters. Use cases never see it: they send
 * notices through `ctx.notices` (lib/services/notices.ts); lib/notify/email-notices.ts
 * renders a notice for an e-mail address as plain text and hands it to an
 * `EmailSender` (Amazon SES v2 in AWS, the outbox locally).
 */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export type EmailSender = (message: EmailMessage) => Promise<void>;
