import type { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config';
import { loadSecrets } from '../config/secrets';
import type { NoticeSender } from '../services/notices';
import { slackNotices } from '../slack/notices/slack-notices';
import { webApiTransport } from '../slack/notices/slack-transport';
import type { Store } from '../store';
import { emailNotices, routeNotices } from './email-notices';
import { outboxNotices } from './outbox';
import { sesEmailSender } from './ses-email';

/**
 * The channels a process sends notices through unless it is handed its own:
 * - chat (staff and team channels): Slack with the bot token from the
 *   environment, else from the app's secret (AWS: fetched on first use, so a
 *   cold start that sends nothing never reads it); no token → the outbox. With
 *   a local DynamoDB, Slack is used only through SLACK_API_URL (a fake), so a
 *   developer's token never posts for real.
 * - e-mail: Amazon SES v2 when EMAIL_FROM_ADDRESS is set, else the outbox, so
 *   a notice is never dropped without a trace.
 */
export function defaultNotices(config: Config, logger: Logger, store: Pick<Store, 'channelPosts'>): NoticeSender {
  const posts = store.channelPosts;
  const outbox = outboxNotices((line) => logger.info(line));
  const email = config.email.from
    ? emailNotices(sesEmailSender({ from: config.email.from, configurationSet: config.email.configurationSet, region: config.region }))
    : outbox;
  const slack = (token: string) => slackNotices(webApiTransport(token, config.slack.apiUrl), { posts, logger, chart: config.digest.chart });
  const local = Boolean(config.dynamoEndpoint);
  const chat = (): NoticeSender => {
    if (local && !config.slack.apiUrl) return outbox;
    if (config.slack.botToken) return slack(config.slack.botToken);
    if (local || !process.env.SECRETS_ARN) return outbox;
    return deferredSlack(outbox, slack);
  };
  return routeNotices({ chat: chat(), email });
}

/** Resolves the token on each send (Powertools caches the secret), keeping one adapter per token. */
function deferredSlack(outbox: NoticeSender, slack: (token: string) => NoticeSender): NoticeSender {
  let current: { token: string; sender: NoticeSender } | undefined;
  return {
    async send(to, notice) {
      const token = (await loadSecrets()).slackBotToken;
      if (!token) return outbox.send(to, notice);
      if (current?.token !== token) current = { token, sender: slack(token) };
      return current.sender.send(to, notice);
    },
  };
}
