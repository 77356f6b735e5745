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

/**
 * The HMAC key of pagination cursors (CURSOR_KEY), generated at deploy and never
 * the development default: functions refuse to start in AWS without one
 * (lib/config). Its own secret rather than a field of the app secret, so the
 * operator's put-secret-value of the Slack values cannot drop it. Handed to the
 * functions as a CloudFormation dynamic reference, resolved at deploy time.
 */
export class CursorKey extends Construct {
  readonly secret: Secret;
  readonly value: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'CareLoop: HMAC key of pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.value = this.secret.secretValue.unsafeUnwrap();
  }
}
