import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { sesEmailSender } from '../../lib/notify/ses-email';

describe('SES email sender', () => {
  it('sends a UTF-8 SendEmail with the verified sender, the subject and the text body', async () => {
    const sent: unknown[] = [];
    const client = { send: async (command: { input: unknown }) => void sent.push(command.input) } as unknown as SESv2Client;
    const email = sesEmailSender({ from: 'care@example.com', configurationSet: 'careloop', client });
    await email({ to: 'li@example.com', subject: '汇丰五金邀请您参与满意度调查', text: '您好！\nhttps://x/s/abc' });
    expect(sent).toEqual([
      {
        FromEmailAddress: 'care@example.com',
        Destination: { ToAddresses: ['li@example.com'] },
        ConfigurationSetName: 'careloop',
        Content: {
          Simple: {
            Subject: { Data: '汇丰五金邀请您参与满意度调查', Charset: 'UTF-8' },
            Body: { Text: { Data: '您好！\nhttps://x/s/abc', Charset: 'UTF-8' } },
          },
        },
      },
    ]);
  });
});
