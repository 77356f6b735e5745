import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type Code, LoggingFormat, Runtime, type Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lambdaBundling, repoRoot } from './bundling';
import type { FunctionProfile } from './function-profiles';

export const functionsDir = join(repoRoot, 'functions');
export const logRetention = RetentionDays.THREE_MONTHS;

/** Every functions/<name>.ts is a Lambda entry point, so a new file needs no infra change. */
export function discoverFunctionEntries(dir = functionsDir): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !file.endsWith('.test.ts'))
      .sort()
      .map((file) => [file.slice(0, -'.ts'.length), join(dir, file)]),
  );
}

export interface AppFunctionProps {
  name: string;
  /** The TypeScript entry to bundle; or `code` instead (test seam, see CareLoopStackProps.functionCode). */
  entry?: string;
  code?: Code;
  profile: FunctionProfile;
  environment: Record<string, string>;
  /** Only for a function that needs its own ARN before it exists (a scheduler target). */
  functionName?: string;
  tracing?: Tracing;
}

/**
 * One NodejsFunction with its own role and its own log group. The role starts
 * empty except for writing to that log group (instead of the AWS-managed basic
 * execution policy, which allows every log group); callers add what it needs.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);
    this.fn = new NodejsFunction(this, 'Function', {
      ...(props.code ? { code: props.code, handler: 'index.handler' } : { entry: props.entry, handler: 'handler' }),
      functionName: props.functionName,
      description: props.profile.description,
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.profile.memorySize,
      timeout: props.profile.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      bundling: lambdaBundling,
      tracing: props.tracing,
      environment: props.environment,
    });
  }
}
