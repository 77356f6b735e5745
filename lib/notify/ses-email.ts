import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailSender } from './notifier';

/**
 * Email through Amazon SES v2, the e-mail channel's sender:
 * chosen by lib/notify/default-notifier.ts when EMAIL_FROM_ADDRESS is set.
 * The sender address (or its domain) must be verified in SES; the Lambda's
 * role needs `ses:SendEmail` on that identity.
 */
export interface SesEmailOptions {
  /** a verified identity, e.g. `"CareLoop" <care@example.com>` */
  from: string;
  region?: string;
  /** an SES configuration set, for bounce and complaint tracking */
  configurationSet?: string;
  /** another endpoint (tests, LocalStack) */
  endpoint?: string;
  client?: SESv2Client;
}

export function sesEmailSender(opts: SesEmailOptions): EmailSender {
  let client = opts.client;
  return async (message) => {
    // Loaded on the first email, not at a cold start: most invocations send none, and the
    // client's operation schemas are ≈60 KB to compile (bench/bundles.ts).
    const { SESv2Client, SendEmailCommand } = await import('./ses-client');
    client ??= new SESv2Client({ region: opts.region, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), maxAttempts: 3 });
    await client.send(
      new SendEmailCommand({
        FromEmailAddress: opts.from,
        Destination: { ToAddresses: [message.to] },
        ConfigurationSetName: opts.configurationSet,
        Content: {
          Simple: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: {
              Text: { Data: message.text, Charset: 'UTF-8' },
              ...(message.html ? { Html: { Data: message.html, Charset: 'UTF-8' } } : {}),
            },
          },
        },
      }),
    );
  };
}
