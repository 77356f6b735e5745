import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { createCareLoopApp } from '../../infra/careloop-app';

/** `-c emailFrom=…` turns survey email on: the address in the environment, SendEmail on that identity only. */
type Statement = { Action: string | string[]; Resource: unknown };

const statementsWith = (template: Template, action: string): Statement[] =>
  Object.values(template.toJSON().Resources as Record<string, { Type: string; Properties: any }>)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .filter((s) => [s.Action].flat().includes(action));

describe('survey email in the stack', { timeout: 120_000 }, () => {
  it('grants ses:SendEmail only on the sender address and its domain, and passes the address', () => {
    const { stack } = createCareLoopApp({ bundling: false, nagChecks: false, context: { emailFrom: 'CareLoop <care@example.com>' } });
    const template = Template.fromStack(stack);
    const ses = statementsWith(template, 'ses:SendEmail');
    expect(ses.length).toBeGreaterThan(0);
    for (const s of ses) {
      const resources = JSON.stringify(s.Resource);
      expect(resources).toContain('identity/care@example.com');
      expect(resources).toContain('identity/example.com');
      expect(resources).not.toContain('*');
    }
    const envs = Object.values(template.toJSON().Resources as Record<string, { Type: string; Properties: any }>)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((f) => f.Properties.Environment?.Variables?.EMAIL_FROM_ADDRESS);
    expect(envs).toContain('CareLoop <care@example.com>');
  });

  it('has no SES permission without a sender', () => {
    const { stack } = createCareLoopApp({ bundling: false, nagChecks: false });
    expect(statementsWith(Template.fromStack(stack), 'ses:SendEmail')).toEqual([]);
  });

  it('refuses a sender that is not an address', () => {
    expect(() => createCareLoopApp({ bundling: false, nagChecks: false, context: { emailFrom: 'care' } })).toThrow(/emailFrom/);
  });
});
