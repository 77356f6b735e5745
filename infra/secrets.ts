import { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECRET_PLACEHOLDER } from '../lib/config/secrets';

/**
 * One JSON secret: { slackSigningSecret, slackBotToken, surveyKey }. The survey
 * key is generated here; the Slack values are placeholders until the operator
 * puts the real ones (infra/README.md). Functions read it through
 * lib/config/secrets.ts with the ARN in SECRETS_ARN.
 */
export class AppSecrets extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'CareLoop: Slack signing secret, Slack bot token, survey link key',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ slackSigningSecret: SECRET_PLACEHOLDER, slackBotToken: SECRET_PLACEHOLDER }),
        generateStringKey: 'surveyKey',
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
