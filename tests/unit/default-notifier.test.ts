import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { type FakeSlack, startFakeSlack } from '../../lib/local/fake-slack';
import { defaultNotifier } from '../../lib/notify/default-notifier';

/** Which channel a process's messages take, from its settings alone. */
const logger = new Logger({ logLevel: 'ERROR' });
let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe('defaultNotifier', () => {
  it('never reaches real Slack from a local DynamoDB without SLACK_API_URL, even with a token', async () => {
    const notifier = defaultNotifier(loadConfig({ DYNAMODB_ENDPOINT: 'http://localhost:1', SLACK_BOT_TOKEN: 'xoxb-real' }), logger);
    const posted = await notifier.post('C1', { text: 'hi' });
    expect(posted.channel).toBe('C1'); // the outbox answers without a network call
  });

  it('posts through the configured Web API URL', async () => {
    fake = await startFakeSlack();
    const notifier = defaultNotifier(
      loadConfig({ DYNAMODB_ENDPOINT: 'http://localhost:1', SLACK_BOT_TOKEN: 'xoxb-t', SLACK_API_URL: fake.url }),
      logger,
    );
    await notifier.post('C0NOTIFY9', { text: 'hello' });
    expect(fake.calls('chat.postMessage').map((c) => c.args.channel)).toEqual(['C0NOTIFY9']);
  });
});
