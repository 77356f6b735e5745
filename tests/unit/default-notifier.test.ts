import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../lib/config';
import { type FakeSlack, startFakeSlack } from '../../lib/local/fake-slack';
import { defaultNotices } from '../../lib/notify/default-notifier';
import type { Store } from '../../lib/store';
import { sampleNotices } from '../support/notice-samples';

/** Which channel a process's notices take, from its settings alone. */
const logger = new Logger({ logLevel: 'ERROR' });
let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  vi.restoreAllMocks();
});

// A corrective action posts once and remembers nothing, so no table is needed here.
const noPosts = {
  channelPosts: {
    get: async () => undefined,
    remember: async () => {
      throw new Error('not used by a corrective action');
    },
  },
} as unknown as Store;
const notice = sampleNotices('en')['corrective-action'];

describe('defaultNotices', () => {
  it('never reaches real Slack from a local DynamoDB without SLACK_API_URL, even with a token', async () => {
    const info = vi.spyOn(logger, 'info');
    const notices = defaultNotices(loadConfig({ DYNAMODB_ENDPOINT: 'http://localhost:1', SLACK_BOT_TOKEN: 'xoxb-real' }), logger, noPosts);
    await notices.send({ channel: 'C1' }, notice);
    // the outbox answers without a network call, in plain text
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/^\[outbox\] → C1: 🛠 Corrective action needed: /));
  });

  it('posts through the configured Web API URL', async () => {
    fake = await startFakeSlack();
    const notices = defaultNotices(
      loadConfig({ DYNAMODB_ENDPOINT: 'http://localhost:1', SLACK_BOT_TOKEN: 'xoxb-t', SLACK_API_URL: fake.url }),
      logger,
      noPosts,
    );
    await notices.send({ channel: 'C0NOTIFY9' }, notice);
    expect(fake.calls('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0NOTIFY9']);
  });

  it('sends a notice for an address through the e-mail channel, never through Slack', async () => {
    fake = await startFakeSlack();
    const info = vi.spyOn(logger, 'info');
    const notices = defaultNotices(
      loadConfig({ DYNAMODB_ENDPOINT: 'http://localhost:1', SLACK_BOT_TOKEN: 'xoxb-t', SLACK_API_URL: fake.url }),
      logger,
      noPosts,
    );
    await notices.send(
      { email: 'li.lei@example.com' },
      { kind: 'survey-invitation', locale: 'en', company: 'CareLoop', greeting: 'Dear Mr Li', link: 'https://x/s/t', expiryDays: 7 },
    );
    expect(fake.calls('chat.postMessage')).toEqual([]);
    expect(info).toHaveBeenCalledWith(expect.stringContaining('[outbox] ✉ l***@example.com'));
  });
});
