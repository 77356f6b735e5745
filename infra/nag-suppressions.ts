import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { RouteDef } from '../lib/http/routes';
import type { CareLoopStack } from './stack';

/**
 * Every cdk-nag finding (AwsSolutions and Serverless packs) this stack accepts, with why. Kept in one
 * file so a review sees all of them at once. Wildcard (IAM5) findings are
 * acknowledged one resource string at a time, never for the rule as a whole.
 */

const routeAuthorization: Record<RouteDef['auth'], string> = {
  apiKey:
    'Authorized in the function: a bearer API key checked against its SHA-256 hash in DynamoDB (lib/http/auth.ts), ' +
    'so keys are issued and revoked with the CLI without redeploying an authorizer.',
  slack:
    'Authorized in the function by verifying the Slack request signature (HMAC-SHA256 with the signing secret, 5-minute replay window).',
  public:
    'Public by design: liveness, the OpenAPI document, and survey pages whose unguessable, expiring token in the URL is the credential.',
};

export function addNagSuppressions(stack: CareLoopStack): void {
  const acknowledge = (scope: IConstruct, id: string, reason: string) => Validations.of(scope).acknowledge({ id, reason });
  /** An IAM5 finding names the resource as cdk-nag prints it: Ref → <Id>, GetAtt → <Id.Attr>. */
  const wildcardFinding = (resource: string) => `AwsSolutions-IAM5[Resource::${asNagString(stack.resolve(resource))}]`;

  for (const { def, route } of stack.api.routes.values()) acknowledge(route, 'AwsSolutions-APIG4', routeAuthorization[def.auth]);

  acknowledge(
    stack.secrets.secret,
    'AwsSolutions-SMG4',
    'The Slack signing secret and bot token are issued by Slack and can only be rotated in the Slack app settings, then put here; ' +
      'rotating the survey key on a timer would break survey links customers still hold.',
  );

  acknowledge(
    stack.cursorKey.secret,
    'AwsSolutions-SMG4',
    'Rotating the cursor key invalidates every page cursor a client holds (a 400, read the list again): rotate by hand when needed (infra/README.md).',
  );

  for (const fn of Object.values(stack.functions)) {
    acknowledge(
      fn,
      'AwsSolutions-L1',
      'Pinned to Node.js 22 on purpose: the dependencies and tests are validated for it (docs/architecture.md, Runtime); moving to 24 is a deliberate upgrade.',
    );
  }

  for (const queue of [
    stack.jobs.deadLetters,
    stack.slackWorkerDeadLetters,
    stack.scheduledFailures,
    stack.reminders.deadLetters,
    stack.importWorkerDeadLetters,
    stack.outbox.failures,
  ]) {
    const reason =
      'This queue is itself a failure queue (scheduler delivery / async-invoke failures): an alarm watches its depth and an operator redrives it (infra/README.md); nothing consumes it automatically, so it has no further dead-letter queue.';
    acknowledge(queue, 'AwsSolutions-SQS3', reason);
    acknowledge(queue, 'Serverless-SQSRedrivePolicy', reason);
  }

  const asyncFunctions = new Set(['scheduled', 'slack-worker', 'import-worker']);
  for (const [name, fn] of Object.entries(stack.functions)) {
    acknowledge(
      fn,
      'Serverless-LambdaDLQ',
      name === 'events'
        ? "Invoked by the table's stream: its event source mapping has an on-failure SQS destination (infra/outbox-delivery.ts); a function DLQ applies only to asynchronous invocations."
        : asyncFunctions.has(name)
          ? 'Invoked asynchronously and given an on-failure destination (SQS) instead of a dead-letter queue: the destination record carries the error and the original event, and an alarm watches it.'
          : 'Invoked synchronously by API Gateway: a dead-letter queue only applies to asynchronous invocations; the caller gets the error.',
    );
    acknowledge(
      fn,
      'Serverless-LambdaLatestVersion',
      'Pinned to Node.js 22 on purpose: the dependencies and tests are validated for it; moving to 24 is a deliberate upgrade.',
    );
    if (stack.tracing) {
      acknowledge(
        fn.role!,
        'AwsSolutions-IAM5[Resource::*]',
        'X-Ray PutTraceSegments/PutTelemetryRecords accept no resource but "*" (tracing is on: -c tracing=true).',
      );
    } else {
      acknowledge(
        fn,
        'Serverless-LambdaTracing',
        'X-Ray tracing is opt-in (cdk deploy -c tracing=true): it costs per trace and the structured logs already carry the request id; EMF metrics and alarms cover health.',
      );
    }
  }

  acknowledge(
    stack,
    wildcardFinding(stack.reminders.scheduleArnPattern),
    'One-off reminder schedules are named at runtime (a hash of the task id); access is limited to the reminders schedule group.',
  );

  const invokeQualified = 'grantInvoke also allows the qualified ARNs (versions, aliases) of this one function; nothing else.';
  acknowledge(stack, wildcardFinding(`${stack.functions.scheduled!.functionArn}:*`), invokeQualified);
  acknowledge(stack.functions.slack!.node.scope!, wildcardFinding(`${stack.functions['slack-worker']!.functionArn}:*`), invokeQualified);
}

function asNagString(value: unknown): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, unknown>;
  if (Array.isArray(intrinsic['Fn::Join'])) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(asNagString).join(separator);
  }
  if (typeof intrinsic.Ref === 'string') return `<${intrinsic.Ref}>`;
  if (Array.isArray(intrinsic['Fn::GetAtt'])) return `<${(intrinsic['Fn::GetAtt'] as string[]).join('.')}>`;
  throw new Error(`Cannot name ${JSON.stringify(value)} the way cdk-nag does`);
}
