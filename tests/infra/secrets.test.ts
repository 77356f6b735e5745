import { beforeEach, describe, expect, it, vi } from 'vitest';

const getSecret = vi.fn();
// The real provider needs @aws-sdk/client-secrets-manager, which only the Lambda runtime has.
vi.mock('@aws-lambda-powertools/parameters/secrets', () => ({ getSecret }));

const { loadSecrets, SECRET_CACHE_SECONDS, SECRET_PLACEHOLDER } = await import('../../lib/config/secrets');

describe('loadSecrets', () => {
  beforeEach(() => getSecret.mockReset());

  it('reads the environment on the local stack (no SECRETS_ARN)', async () => {
    const secrets = await loadSecrets({ SLACK_SIGNING_SECRET: 'sign', SLACK_BOT_TOKEN: 'xoxb-1', SURVEY_KEY: 'k'.repeat(32) });
    expect(secrets).toEqual({ slackSigningSecret: 'sign', slackBotToken: 'xoxb-1', surveyKey: 'k'.repeat(32) });
    expect(getSecret).not.toHaveBeenCalled();
  });

  it('reads the JSON secret through the Powertools cache when SECRETS_ARN is set', async () => {
    getSecret.mockResolvedValue({ slackSigningSecret: 'sign', slackBotToken: 'xoxb-2', surveyKey: 'survey-key' });
    const arn = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:careloop-AbCdEf';
    expect(await loadSecrets({ SECRETS_ARN: arn, SLACK_BOT_TOKEN: 'ignored' })).toEqual({
      slackSigningSecret: 'sign',
      slackBotToken: 'xoxb-2',
      surveyKey: 'survey-key',
    });
    expect(getSecret).toHaveBeenCalledWith(arn, { transform: 'json', maxAge: SECRET_CACHE_SECONDS });
  });

  it('treats placeholders and empty values as not configured', async () => {
    getSecret.mockResolvedValue({ slackSigningSecret: SECRET_PLACEHOLDER, slackBotToken: '', surveyKey: 'survey-key' });
    expect(await loadSecrets({ SECRETS_ARN: 'arn' })).toEqual({
      slackSigningSecret: undefined,
      slackBotToken: undefined,
      surveyKey: 'survey-key',
    });
    expect(await loadSecrets({ SLACK_BOT_TOKEN: SECRET_PLACEHOLDER })).toEqual({
      slackSigningSecret: undefined,
      slackBotToken: undefined,
      surveyKey: undefined,
    });
  });

  it('fails loudly when the secret is not the expected JSON', async () => {
    getSecret.mockResolvedValue('not json');
    await expect(loadSecrets({ SECRETS_ARN: 'arn' })).rejects.toThrow(/not the expected JSON/);
  });
});
