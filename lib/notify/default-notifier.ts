import type { Logger } from '@aws-lambda-powertools/logger';
import type { Config } from '../config';
import { loadSecrets } from '../config/secrets';
import type { Notifier } from './notifier';
import { outboxNotifier } from './outbox';
import { sesEmailSender } from './ses-email';
import { slackNotifier } from './slack-notifier';

/**
 * The notifier a process gets unless it is handed one:
 * - Slack: the bot token from the environment, else from the app's secret
 *   (AWS: fetched on first use, so a cold start that posts nothing never reads
 *   it); no token → the outbox. With a local DynamoDB, Slack is used only
 *   through SLACK_API_URL (a fake), so a developer's token never posts for real.
 * - Email: Amazon SES v2 when EMAIL_FROM_ADDRESS is set, else the outbox, so a
 *   message is never dropped without a trace.
 */
export function defaultNotifier(config: Config, logger: Logger): Notifier {
  const outbox = outboxNotifier((line) => logger.info(line));
  const email = config.email.from
    ? sesEmailSender({ from: config.email.from, configurationSet: config.email.configurationSet, region: config.region })
    : outbox.email;
  const local = Boolean(config.dynamoEndpoint);
  if (local && !config.slack.apiUrl) return { ...outbox, email };
  if (config.slack.botToken) return slackNotifier(config.slack.botToken, config.slack.apiUrl, email);
  if (local || !process.env.SECRETS_ARN) return { ...outbox, email };
  return deferredSlackNotifier(config, outbox, email);
}

/** Resolves the token on each send (Powertools caches the secret), keeping one client per token. */
function deferredSlackNotifier(config: Config, outbox: Notifier, email: Notifier['email']): Notifier {
  let current: { token: string; notifier: Notifier } | undefined;
  const slack = async (): Promise<Notifier> => {
    const token = (await loadSecrets()).slackBotToken;
    if (!token) return outbox;
    if (current?.token !== token) current = { token, notifier: slackNotifier(token, config.slack.apiUrl, email) };
    return current.notifier;
  };
  return {
    post: async (channel, message) => (await slack()).post(channel, message),
    update: async (channel, ts, message) => (await slack()).update(channel, ts, message),
    upload: async (channel, file) => (await slack()).upload(channel, file),
    email,
  };
}
