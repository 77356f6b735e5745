import { loadSecrets } from '../../config/secrets';
import type { AckContext } from '../../services/context';

/**
 * The signing secret and bot token: from the configuration (environment,
 * local stack and tests), else from the app's secret (AWS: Secrets Manager,
 * cached by Powertools, so a rotated value arrives without a deploy).
 */
export interface SlackCredentials {
  signingSecret?: string;
  botToken?: string;
}

export async function slackCredentials(ctx: AckContext): Promise<SlackCredentials> {
  const { signingSecret, botToken } = ctx.config.slack;
  if (signingSecret && botToken) return { signingSecret, botToken };
  const secrets = await loadSecrets();
  return { signingSecret: signingSecret ?? secrets.slackSigningSecret, botToken: botToken ?? secrets.slackBotToken };
}
