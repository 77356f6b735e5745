import { App, Validations } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { CareLoopStack } from './stack';

export const STACK_NAME = 'CareLoop';
export const DEFAULT_COMPANY_TIME_ZONE = 'Asia/Shanghai';
/** Used only when neither `-c region=…` nor the AWS CLI configuration names one (offline synth). */
export const FALLBACK_REGION = 'us-east-1';

export interface CareLoopAppOptions {
  /** CDK context, as `-c key=value` would give: region, companyTimeZone, publicBaseUrl, alarmEmail, emailFrom. */
  context?: Record<string, unknown>;
  /** Where the cloud assembly goes; default from the CLI (cdk.out). */
  outdir?: string;
  /** false skips esbuild (placeholder assets): for tests that only read the template. */
  bundling?: boolean;
  /** Test seam: see CareLoopStackProps.functionCode. */
  functionCode?: Record<string, Code>;
  /**
   * Run cdk-nag's AwsSolutions and Serverless packs as a synth-time validation plugin (default true):
   * an unacknowledged finding fails the synth. Tests that assert on the template turn
   * it off and run the pack themselves, to see the findings rather than one error.
   */
  nagChecks?: boolean;
}

/**
 * The app as `cdk synth` builds it, also used by the tests and the benchmark so
 * they check exactly what deploys.
 */
export function createCareLoopApp(options: CareLoopAppOptions = {}): { app: App; stack: CareLoopStack } {
  const app = new App({
    outdir: options.outdir,
    context: { ...options.context, ...(options.bundling === false ? { 'aws:cdk:bundling-stacks': [] } : {}) },
  });
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  const companyTimeZone = context('companyTimeZone') ?? DEFAULT_COMPANY_TIME_ZONE;
  assertTimeZone(companyTimeZone);
  const stack = new CareLoopStack(app, STACK_NAME, {
    // Region-bound because TableV2 cannot render a customer-managed key in a
    // region-agnostic stack; account-agnostic, and no lookups, so synth needs no credentials.
    env: { region: context('region') ?? process.env.CDK_DEFAULT_REGION ?? FALLBACK_REGION },
    description: 'CareLoop: serverless customer-care CRM',
    companyTimeZone,
    publicBaseUrl: context('publicBaseUrl'),
    alarmEmail: context('alarmEmail'),
    emailFrom: context('emailFrom'),
    tracing: String(app.node.tryGetContext('tracing') ?? 'false') === 'true',
    functionCode: options.functionCode,
  });
  if (options.nagChecks !== false)
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true }));
  return { app, stack };
}

function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`companyTimeZone "${zone}" is not an IANA time zone (e.g. Asia/Shanghai)`);
  }
}
