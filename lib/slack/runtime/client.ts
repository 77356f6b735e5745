import { WebClient } from '@slack/web-api';
import type { AckContext } from '../../services/context';
import { slackCredentials } from './credentials';

/** Slack's Web API base URL (SLACK_API_URL, as the Slack notice adapter reads it: methods are `<base>/<method>`), or Slack's own. */
export function slackApiUrl(ctx: AckContext): string | undefined {
  const url = ctx.config.slack.apiUrl;
  return url ? `${url.replace(/\/$/, '')}/` : undefined;
}

const clients = new WeakMap<AckContext, { token?: string; client: WebClient }>();

/** The bot's Web API client for the worker (listeners use Bolt's); a new one when the token rotates. */
export async function slackClient(ctx: AckContext): Promise<WebClient> {
  const { botToken } = await slackCredentials(ctx);
  const cached = clients.get(ctx);
  if (cached && cached.token === botToken) return cached.client;
  const client = new WebClient(botToken, { slackApiUrl: slackApiUrl(ctx), retryConfig: { retries: 2 } });
  clients.set(ctx, { token: botToken, client });
  return client;
}
