import * as z from 'zod';

/**
 * The three secret settings. In AWS they live in one Secrets Manager secret
 * (JSON, ARN in SECRETS_ARN, created by infra/secrets.ts); on the local stack
 * SECRETS_ARN is unset and they come from SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN
 * and SURVEY_KEY.
 */
export interface AppSecrets {
  slackSigningSecret?: string;
  slackBotToken?: string;
  surveyKey?: string;
}

/** What the deployed secret holds until the operator puts the real Slack values. */
export const SECRET_PLACEHOLDER = 'set-me';

/**
 * Fetched on the first call of a cold start, then served from Powertools' cache;
 * after this long the next call fetches again, so a put-secret-value reaches warm
 * functions without a deploy.
 */
export const SECRET_CACHE_SECONDS = 5 * 60;

const storedSecret = z.object({
  slackSigningSecret: z.string().optional(),
  slackBotToken: z.string().optional(),
  surveyKey: z.string().optional(),
});

/** An empty or placeholder value is "not configured", never a credential to try. */
const configured = (value: string | undefined) => (value && value !== SECRET_PLACEHOLDER ? value : undefined);

export async function loadSecrets(env: NodeJS.ProcessEnv = process.env): Promise<AppSecrets> {
  const arn = env.SECRETS_ARN;
  if (!arn) {
    return {
      slackSigningSecret: configured(env.SLACK_SIGNING_SECRET),
      slackBotToken: configured(env.SLACK_BOT_TOKEN),
      surveyKey: configured(env.SURVEY_KEY),
    };
  }
  // Loaded only in AWS: the Secrets Manager client comes with the Lambda runtime, not with the local stack.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const raw = await getSecret(arn, { transform: 'json', maxAge: SECRET_CACHE_SECONDS });
  const parsed = storedSecret.safeParse(raw);
  if (!parsed.success) throw new Error(`Secret ${arn} is not the expected JSON: ${z.prettifyError(parsed.error)}`);
  return {
    slackSigningSecret: configured(parsed.data.slackSigningSecret),
    slackBotToken: configured(parsed.data.slackBotToken),
    surveyKey: configured(parsed.data.surveyKey),
  };
}
