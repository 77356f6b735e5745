import { App, Stack, Validations } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { discoverFunctionEntries } from '../../infra/app-function';
import { createCareLoopApp } from '../../infra/careloop-app';
import { routes } from '../../lib/http/routes';

/**
 * cdk-nag's AwsSolutions and Serverless packs over the whole stack: no finding (error or warning)
 * may be left unacknowledged, and every acknowledgement carries a reason.
 * Bundling is skipped: the rules read the template, not the code.
 */
const present = discoverFunctionEntries();
const stubbed = [...new Set([...routes.map((r) => r.fn), 'scheduled', 'slack-worker'])].filter((name) => !present[name]);
const functionCode = Object.fromEntries(stubbed.map((name) => [name, Code.fromInline('exports.handler = async () => ({});')]));

const findings = (scope: IConstruct) =>
  [new AwsSolutionsChecks(undefined, { verbose: true }), new ServerlessChecks(undefined, { verbose: true })]
    .flatMap((pack) => pack.validateScope(scope).violations)
    .map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

function acknowledgements(scope: IConstruct): { path: string; rule: string; reason: string }[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([rule, reason]) => ({ path: construct.node.path, rule, reason })),
  );
}

describe('cdk-nag AwsSolutions and Serverless', { timeout: 120_000 }, () => {
  it('leaves no finding unacknowledged (errors and warnings)', () => {
    const { stack } = createCareLoopApp({ bundling: false, nagChecks: false, functionCode });
    expect(findings(stack)).toEqual([]);
  });

  it('leaves none with X-Ray tracing on either, and then needs no tracing acknowledgement', () => {
    const { stack } = createCareLoopApp({ bundling: false, nagChecks: false, functionCode, context: { tracing: 'true' } });
    expect(findings(stack)).toEqual([]);
    expect(acknowledgements(stack).filter((a) => a.rule === 'Serverless-LambdaTracing')).toEqual([]);
  });

  it('gives every acknowledgement a specific reason', () => {
    const { stack } = createCareLoopApp({ bundling: false, nagChecks: false, functionCode });
    const acks = acknowledgements(stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.rule, ack.path).toMatch(/(^|::)(AwsSolutions|Serverless)-/);
      expect(ack.reason.length, `${ack.path} ${ack.rule}`).toBeGreaterThanOrEqual(60);
    }
    // Wildcard permissions are acknowledged one resource at a time, never for the whole rule.
    expect(acks.filter((a) => /AwsSolutions-IAM5$/.test(a.rule))).toEqual([]);
  });

  it('runs as a synth-time validation in the app `cdk synth` builds: passes as is, fails on a new finding', () => {
    const { app } = createCareLoopApp({ bundling: false, functionCode });
    expect(() => app.synth()).not.toThrow();
    const probe = createCareLoopApp({ bundling: false, functionCode });
    new Queue(probe.stack, 'PlainQueue', { enforceSSL: false });
    expect(() => probe.app.synth()).toThrow(/AwsSolutions-SQS4/);
    const serverlessProbe = createCareLoopApp({ bundling: false, functionCode });
    new Queue(serverlessProbe.stack, 'QueueWithoutRedrive', { enforceSSL: true });
    expect(() => serverlessProbe.app.synth()).toThrow(/Serverless-SQSRedrivePolicy/);
  });

  it('is not vacuous: it reports a non-compliant resource', () => {
    const stack = new Stack(new App(), 'Probe');
    new Queue(stack, 'PlainQueue', { enforceSSL: false });
    expect(findings(stack).join('\n')).toMatch(/AwsSolutions-SQS4/);
    expect(findings(stack).join('\n')).toMatch(/Serverless-SQSRedrivePolicy/);
  });
});
