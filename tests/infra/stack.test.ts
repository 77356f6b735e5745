import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiP99LatencyMs, apiServerErrorThreshold } from '../../infra/alarms';
import { discoverFunctionEntries } from '../../infra/app-function';
import { esmRequireBanner } from '../../infra/bundling';
import { createCareLoopApp } from '../../infra/careloop-app';
import { profileOf } from '../../infra/function-profiles';
import { outboxStreamRetry } from '../../infra/outbox-delivery';
import { apiThrottle } from '../../infra/public-api';
import { jobRetry, scheduledRetry } from '../../infra/recurring-jobs';
import type { CareLoopStack } from '../../infra/stack';
import { workerRetry } from '../../infra/stack';
import { functionOf, routeFunctionNames } from '../../lib/http/route-functions';
import { routeKey, routes } from '../../lib/http/routes';
import { scheduleExpression, schedules } from '../../lib/schedules';
import { jobOutcomeMetric, metricsNamespace, productMetric } from '../../lib/services/product-metrics';
import { indexNames, tableDefinition } from '../../lib/store/table';

/**
 * The synthesized template of the real app (real esbuild bundling of every
 * functions/*.ts), checked against the shared definitions it is built from.
 * Functions whose file does not exist yet are inline stubs, so this file can run
 * while they are being written; once they exist, they are bundled like the rest.
 */
const COMPANY_ZONE = 'Europe/Berlin';
const REGION = 'eu-central-1';
const required = [...new Set([...routeFunctionNames(routes), 'scheduled', 'slack-worker'])];
const present = discoverFunctionEntries();
const stubbed = required.filter((name) => !present[name]);

type Resource = { Type: string; Properties: Record<string, any> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

let outdir: string;
let stack: CareLoopStack;
let template: Template;
let resources: Record<string, Resource>;

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const idOf = (construct: IConstruct) => stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
const arnOf = (construct: IConstruct) => ({ 'Fn::GetAtt': [idOf(construct), 'Arn'] });
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const statementsOf = (fnName: string): Statement[] => {
  const roleId = idOf(stack.functions[fnName]!.role!);
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
};
/** A bundled asset is staged as asset.<hash>/ next to the template; the function's S3 key is <hash>.zip. */
const bundleOf = (construct: IConstruct) => {
  const key = resources[idOf(construct)]!.Properties.Code.S3Key as string;
  return readFileSync(join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
};
const failureQueues = () => [
  stack.jobs.deadLetters,
  stack.reminders.deadLetters,
  stack.scheduledFailures,
  stack.slackWorkerDeadLetters,
  stack.importWorkerDeadLetters,
  stack.outbox.failures,
];
const actionsOf = (fnName: string) => statementsOf(fnName).flatMap((s) => list(s.Action));

// The synth bundles every function for real (SDK clients included): minutes on a busy 2-core host.
describe('CareLoop stack', { timeout: 240_000 }, () => {
  beforeAll(() => {
    if (stubbed.length) console.warn(`infra test: functions/${stubbed.join('.ts, functions/')}.ts missing, using inline stubs`);
    outdir = mkdtempSync(join(tmpdir(), 'careloop-cdk-'));
    const functionCode = Object.fromEntries(
      stubbed.map((name) => [name, Code.fromInline('exports.handler = async () => ({ statusCode: 200 });')]),
    );
    const built = createCareLoopApp({ outdir, functionCode, nagChecks: false, context: { companyTimeZone: COMPANY_ZONE, region: REGION } });
    stack = built.stack;
    const assembly = built.app.synth();
    template = Template.fromJSON(assembly.getStackByName(stack.stackName).template);
    resources = template.toJSON().Resources;
  });

  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  describe('functions', () => {
    it('has one function per functions/*.ts file', () => {
      expect(Object.keys(stack.functions).sort()).toEqual([...new Set([...Object.keys(present), ...stubbed])].sort());
    });

    it('runs every function on Node 22, arm64, JSON logs into its own log group with a retention', () => {
      for (const [name, fn] of Object.entries(stack.functions)) {
        const props = resources[idOf(fn)]!.Properties;
        expect(props.Runtime).toBe('nodejs22.x');
        expect(props.Architectures).toEqual(['arm64']);
        expect(props.LoggingConfig.LogFormat).toBe('JSON');
        const logGroup = resources[props.LoggingConfig.LogGroup.Ref]!;
        expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
        expect(logGroup.Properties.RetentionInDays).toBeGreaterThan(0);
        expect(props.Environment.Variables).toMatchObject({
          TABLE_NAME: { Ref: idOf(stack.data.table) },
          COMPANY_TIMEZONE: COMPANY_ZONE,
          POWERTOOLS_SERVICE_NAME: `careloop-${name}`,
          POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
          NODE_OPTIONS: '--enable-source-maps',
        });
      }
    });

    it('bundles each function with esbuild into a minified ESM index.mjs with a require shim', () => {
      for (const [name, fn] of Object.entries(stack.functions)) {
        if (stubbed.includes(name)) continue;
        const bundle = bundleOf(fn);
        expect(bundle.startsWith(esmRequireBanner), name).toBe(true);
        // Minified: one statement per line would mean it is not.
        expect(bundle.split('\n').length, name).toBeLessThan(bundle.length / 500);
        // The pinned SDK clients are inside (infra/bundling.ts): nothing is left to the runtime's copy.
        expect(bundle, name).not.toMatch(/(?:\bfrom|\bimport\()\s*"@aws-sdk\//);
      }
    });

    it('aliases express and Socket Mode to the stub in the Slack bundle', () => {
      if (stubbed.includes('slack')) return;
      const bundle = bundleOf(stack.functions.slack!);
      expect(bundle).toContain('are not bundled for Lambda: use AwsLambdaReceiver');
    });

    it('passes secrets by ARN, never by value', () => {
      for (const [name, fn] of Object.entries(stack.functions)) {
        const env = resources[idOf(fn)]!.Properties.Environment.Variables;
        expect(env.SLACK_BOT_TOKEN, name).toBeUndefined();
        expect(env.SLACK_SIGNING_SECRET, name).toBeUndefined();
        if (profileOf(name).readsSecrets) {
          expect(env.SECRETS_ARN, name).toEqual({ Ref: idOf(stack.secrets.secret) });
          expect(actionsOf(name), name).toContain('secretsmanager:GetSecretValue');
        }
      }
    });
  });

  describe('HTTP API', () => {
    it('has exactly one route per entry of lib/http/routes.ts', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    });

    it.each(routes.map((r) => [routeKey(r), functionOf(r)] as const))('%s → %s function', (key, fnName) => {
      const [, route] = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key)!;
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      expect(resources[integrationId]!.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: arnOf(stack.functions[fnName]!),
      });
    });

    it('splits the REST API by feature: the customer book in api-customers, every other REST route in api', () => {
      const integrated = (key: string) => {
        const [, route] = ofType('AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key)!;
        const uri = resources[route.Properties.Target['Fn::Join'][1][1].Ref as string]!.Properties.IntegrationUri;
        return Object.keys(stack.functions).find((name) => JSON.stringify(arnOf(stack.functions[name]!)) === JSON.stringify(uri));
      };
      const rest = routes.filter((r) => r.fn === 'api').map(routeKey);
      const customerBook = rest.filter((key) => /^\w+ \/api\/(customers|imports|exports)(\/|$)/.test(key));
      expect(customerBook.length).toBeGreaterThanOrEqual(15);
      for (const key of customerBook) expect(integrated(key), key).toBe('api-customers');
      for (const key of rest.filter((k) => !customerBook.includes(k))) expect(integrated(key), key).toBe('api');
      // One Lambda integration per function, shared by its routes.
      expect(ofType('AWS::ApiGatewayV2::Integration').length).toBe(routeFunctionNames(routes).length);
    });

    it('lets only the functions that start import and export jobs invoke the import worker', () => {
      const invokes = (name: string) =>
        statementsOf(name).some(
          (s) => list(s.Action).includes('lambda:InvokeFunction') && JSON.stringify(s.Resource).includes('import-worker'),
        );
      for (const starter of ['api-customers', 'slack-worker', 'scheduled', 'import-worker']) expect(invokes(starter), starter).toBe(true);
      expect(invokes('api')).toBe(false);
      expect(
        resources[idOf(stack.functions['api-customers']!)]!.Properties.Environment.Variables.IMPORT_WORKER_FUNCTION_NAME,
      ).toBeDefined();
      expect(resources[idOf(stack.functions.api!)]!.Properties.Environment.Variables.IMPORT_WORKER_FUNCTION_NAME).toBeUndefined();
    });

    it('throttles and access-logs the $default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: apiThrottle.rateLimit, ThrottlingBurstLimit: apiThrottle.burstLimit },
        AccessLogSettings: { DestinationArn: arnOf(stack.api.accessLogs), Format: Match.stringLikeRegexp('\\$context.requestId') },
      });
    });
  });

  describe('table', () => {
    it('is on-demand, deletion-protected, with PITR, KMS encryption by its own rotating key, TTL and the six GSIs', () => {
      const table = resources[idOf(stack.data.table)]!;
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        TimeToLiveSpecification: { AttributeName: tableDefinition.timeToLiveAttribute, Enabled: true },
        Replicas: [
          {
            Region: REGION,
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: { KMSMasterKeyId: arnOf(stack.data.key) },
          },
        ],
      });
      expect(table.Properties.GlobalSecondaryIndexes).toEqual(
        indexNames.map((name) => ({
          IndexName: name,
          KeySchema: [
            { AttributeName: `${name}pk`, KeyType: 'HASH' },
            { AttributeName: `${name}sk`, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      );
      expect(indexNames).toHaveLength(6);
      expect(resources[idOf(stack.data.key)]!.Properties.EnableKeyRotation).toBe(true);
    });
  });

  describe('IAM', () => {
    const allStatements = () =>
      ofType('AWS::IAM::Policy').flatMap(([id, p]) => (p.Properties.PolicyDocument.Statement as Statement[]).map((s) => ({ id, ...s })));

    it('never grants a "*" resource', () => {
      for (const s of allStatements()) expect(list(s.Resource), `${s.id}: ${JSON.stringify(s.Action)}`).not.toContain('*');
    });

    it('grants DynamoDB and KMS actions only on the table, its named indexes and its key, without wildcards', () => {
      const allowed = new Set([idOf(stack.data.table), idOf(stack.data.key)]);
      for (const s of allStatements()) {
        if (!list(s.Action).some((a) => /^(dynamodb|kms):/.test(a))) continue;
        for (const resource of list(s.Resource)) {
          const text = JSON.stringify(resource);
          expect(text, s.id).not.toContain('*');
          const referenced = [...text.matchAll(/"(?:Ref|Fn::GetAtt)":\s*\[?"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
          expect(referenced.length, text).toBeGreaterThan(0);
          for (const id of referenced) expect(allowed.has(id!), `${s.id} → ${text}`).toBe(true);
        }
        for (const action of list(s.Action)) expect(action, s.id).not.toMatch(/^dynamodb:(Scan|\*)|^kms:\*$/);
      }
    });

    it('gives each function only the table access its profile names', () => {
      // Erasing a customer (DELETE /api/customers/{id}) deletes in batches; the rest of the REST API never does.
      expect(actionsOf('api-customers')).toContain('dynamodb:BatchWriteItem');
      expect(actionsOf('api')).not.toContain('dynamodb:BatchWriteItem');
      expect(actionsOf('scheduled')).toContain('dynamodb:PutItem');
      expect(actionsOf('scheduled')).not.toContain('dynamodb:BatchWriteItem');
      for (const name of Object.keys(stack.functions)) {
        const actions = actionsOf(name);
        expect(actions, name).toContain('dynamodb:GetItem');
        expect(actions.includes('dynamodb:PutItem'), name).toBe(profileOf(name).tableAccess !== 'read');
        expect(actions.includes('kms:Encrypt'), name).toBe(profileOf(name).tableAccess !== 'read');
      }
    });

    it('lets only reminder-managing functions touch the reminders group and pass its role', () => {
      const groupPattern = stack.resolve(stack.reminders.scheduleArnPattern);
      for (const name of Object.keys(stack.functions)) {
        const statements = statementsOf(name);
        const scheduler = statements.filter((s) => list(s.Action).some((a) => a.startsWith('scheduler:')));
        const passRole = statements.filter((s) => list(s.Action).includes('iam:PassRole'));
        if (!profileOf(name).managesReminders) {
          expect([...scheduler, ...passRole], name).toEqual([]);
          continue;
        }
        expect(
          scheduler.map((s) => s.Resource),
          name,
        ).toEqual([groupPattern]);
        expect(list(scheduler[0]!.Action).sort()).toEqual([
          'scheduler:CreateSchedule',
          'scheduler:DeleteSchedule',
          'scheduler:GetSchedule',
          'scheduler:UpdateSchedule',
        ]);
        expect(passRole, name).toEqual([
          expect.objectContaining({
            Resource: arnOf(stack.reminders.invokeRole),
            Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
          }),
        ]);
        expect(resources[idOf(stack.functions[name]!)]!.Properties.Environment.Variables).toMatchObject({
          REMINDER_SCHEDULE_GROUP: stack.reminders.group.scheduleGroupName,
          REMINDER_ROLE_ARN: arnOf(stack.reminders.invokeRole),
          REMINDER_TARGET_ARN: expect.anything(),
          REMINDER_DEAD_LETTER_ARN: arnOf(stack.reminders.deadLetters),
        });
      }
    });

    it('lets the reminder role invoke the scheduled function (unqualified) and nothing else', () => {
      const scheduled = resources[idOf(stack.functions.scheduled!)]!.Properties;
      const targetArn = scheduled.Environment.Variables.REMINDER_TARGET_ARN;
      expect(JSON.stringify(targetArn)).toContain(`:function:${scheduled.FunctionName}"`);
      const roleId = idOf(stack.reminders.invokeRole);
      const [, policy] = ofType('AWS::IAM::Policy').find(([, p]) => p.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))!;
      expect(policy.Properties.PolicyDocument.Statement).toEqual([
        { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: targetArn },
        // dead-letter events are written with the schedule's role
        expect.objectContaining({
          Action: expect.arrayContaining(['sqs:SendMessage']),
          Effect: 'Allow',
          Resource: arnOf(stack.reminders.deadLetters),
        }),
      ]);
    });
  });

  describe('schedules', () => {
    it.each(schedules.map((s) => [s.name, s] as const))(
      '%s fires with its expression, zone, retries and dead-letter queue',
      (name, def) => {
        const [, schedule] = ofType('AWS::Scheduler::Schedule').find(([, r]) => JSON.parse(r.Properties.Target.Input).job === name)!;
        expect(schedule.Properties).toMatchObject({
          ScheduleExpression: scheduleExpression(def),
          ScheduleExpressionTimezone: def.timeZone === 'company' ? COMPANY_ZONE : 'UTC',
          FlexibleTimeWindow: { Mode: 'OFF' },
          State: 'ENABLED',
          Target: {
            Arn: arnOf(stack.functions.scheduled!),
            RetryPolicy: { MaximumRetryAttempts: jobRetry.retryAttempts, MaximumEventAgeInSeconds: jobRetry.maxEventAge.toSeconds() },
            DeadLetterConfig: { Arn: arnOf(stack.jobs.deadLetters) },
          },
        });
        expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ job: name, time: '<aws.scheduler.scheduled-time>' });
      },
    );

    it('has no schedule that lib/schedules.ts does not declare', () => {
      template.resourceCountIs('AWS::Scheduler::Schedule', schedules.length);
    });
  });

  describe('failure destinations', () => {
    it("parks a job that threw in functions/scheduled in its on-failure queue after Lambda's retries", () => {
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: idOf(stack.functions.scheduled!) },
        MaximumRetryAttempts: scheduledRetry.retryAttempts,
        MaximumEventAgeInSeconds: scheduledRetry.maxEventAge.toSeconds(),
        DestinationConfig: { OnFailure: { Destination: arnOf(stack.scheduledFailures) } },
      });
      expect(actionsOf('scheduled')).toContain('sqs:SendMessage');
    });

    it('gives every asynchronously invoked function an on-failure destination', () => {
      const configs = ofType('AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties);
      for (const name of ['scheduled', 'slack-worker']) {
        const config = configs.find((c) => c.FunctionName.Ref === idOf(stack.functions[name]!));
        expect(config?.DestinationConfig?.OnFailure?.Destination, name).toBeDefined();
      }
    });
  });

  describe('outbox delivery', () => {
    it("delivers domain events from the table's stream: inserted outbox items only, retried, bisected, failures parked and alarmed", () => {
      expect(resources[idOf(stack.data.table)]!.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_IMAGE' });
      const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
      expect(mappings).toHaveLength(1);
      const mapping = mappings[0]!;
      expect(mapping.FunctionName).toEqual({ Ref: idOf(stack.functions.events!) });
      expect(mapping.EventSourceArn).toEqual({ 'Fn::GetAtt': [idOf(stack.data.table), 'StreamArn'] });
      expect(mapping).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: outboxStreamRetry.retryAttempts,
        MaximumRecordAgeInSeconds: outboxStreamRetry.maxRecordAge.toSeconds(),
        DestinationConfig: { OnFailure: { Destination: arnOf(stack.outbox.failures) } },
      });
      const filters = mapping.FilterCriteria.Filters.map((f: { Pattern: string }) => JSON.parse(f.Pattern));
      expect(filters).toEqual([
        { eventName: ['INSERT'], dynamodb: { NewImage: { pk: { S: [{ prefix: 'OUTBOX#' }] }, sk: { S: ['EVENT'] } } } },
      ]);
      expect(actionsOf('events')).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'sqs:SendMessage']));
    });

    it('delivers by the stream only in AWS, and gives every function a generated cursor key', () => {
      for (const [name, fn] of Object.entries(stack.functions)) {
        const env = resources[idOf(fn)]!.Properties.Environment.Variables;
        expect(env.EVENT_DELIVERY, name).toBe('stream');
        expect(JSON.stringify(env.CURSOR_KEY), name).toContain(idOf(stack.cursorKey.secret));
        expect(JSON.stringify(env.CURSOR_KEY), name).toContain('resolve:secretsmanager');
      }
      expect(resources[idOf(stack.cursorKey.secret)]!.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64 });
    });
  });

  describe('Slack worker', () => {
    it('is invoked asynchronously by the Slack function, retried, then dead-lettered', () => {
      const worker = stack.functions['slack-worker']!;
      expect(resources[idOf(stack.functions.slack!)]!.Properties.Environment.Variables.WORKER_FUNCTION_NAME).toEqual({ Ref: idOf(worker) });
      expect(actionsOf('slack')).toContain('lambda:InvokeFunction');
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
        FunctionName: { Ref: idOf(worker) },
        MaximumRetryAttempts: workerRetry.retryAttempts,
        DestinationConfig: { OnFailure: { Destination: arnOf(stack.slackWorkerDeadLetters) } },
      });
    });
  });

  describe('operations', () => {
    it('encrypts the dead-letter queues and refuses plain HTTP to them', () => {
      for (const queue of failureQueues()) {
        expect(resources[idOf(queue)]!.Properties.SqsManagedSseEnabled).toBe(true);
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: idOf(queue) }],
          PolicyDocument: {
            Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
          },
        });
      }
    });

    it('alarms on errors, throttles and p99 duration of every function and on every dead-letter queue, to the encrypted topic', () => {
      const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
      for (const fn of Object.values(stack.functions)) {
        const mine = alarms.filter((a) => JSON.stringify(a.Dimensions ?? []).includes(`"${idOf(fn)}"`));
        expect(mine.map((a) => a.MetricName ?? '').sort(), fn.node.path).toEqual(['Duration', 'Errors', 'Throttles']);
        expect(mine.find((a) => a.MetricName === 'Duration')!.ExtendedStatistic).toBe('p99');
      }
      expect(
        ofType('AWS::SQS::Queue')
          .map(([id]) => id)
          .sort(),
      ).toEqual(failureQueues().map(idOf).sort());
      for (const queue of failureQueues()) {
        expect(
          alarms.some((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Dimensions).includes(idOf(queue))),
        ).toBe(true);
      }
      for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: idOf(stack.alarms.topic) }]);
      expect(resources[idOf(stack.alarms.topic)]!.Properties.KmsMasterKeyId).toBeDefined();
    });

    it('alarms on API 5xx and p99 latency, DynamoDB throttles and Scheduler target errors of both schedule groups', () => {
      const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
      const apiId = idOf(stack.api.httpApi);
      const api = alarms.filter((a) => a.Namespace === 'AWS/ApiGateway' && JSON.stringify(a.Dimensions).includes(apiId));
      expect(api.find((a) => a.MetricName === '5xx')).toMatchObject({ Statistic: 'Sum', Threshold: apiServerErrorThreshold });
      expect(api.find((a) => a.MetricName === 'Latency')).toMatchObject({ ExtendedStatistic: 'p99', Threshold: apiP99LatencyMs });
      const throttles = alarms.find((a) => (a.Metrics ?? []).some((m: any) => m.MetricStat?.Metric?.MetricName === 'ThrottledRequests'))!;
      expect(
        throttles.Metrics.filter((m: any) => m.MetricStat).every((m: any) =>
          JSON.stringify(m.MetricStat.Metric.Dimensions).includes(idOf(stack.data.table)),
        ),
      ).toBe(true);
      const scheduler = alarms.filter((a) => a.Namespace === 'AWS/Scheduler' && a.MetricName === 'TargetErrorCount');
      expect(scheduler.map((a) => JSON.stringify(a.Dimensions)).sort()).toEqual(
        [
          JSON.stringify([{ Name: 'ScheduleGroup', Value: 'default' }]),
          JSON.stringify([{ Name: 'ScheduleGroup', Value: stack.resolve(stack.reminders.group.scheduleGroupName) }]),
        ].sort(),
      );
    });

    it('has a dashboard with the product figures, job outcomes per job, and Lambda, API, DynamoDB, Scheduler and queue health', () => {
      const dashboards = ofType('AWS::CloudWatch::Dashboard');
      expect(dashboards).toHaveLength(1);
      // The body is a Fn::Join of JSON text and references: references become REF:<logical id>, then it parses.
      const [, parts] = dashboards[0]![1].Properties.DashboardBody['Fn::Join'] as [string, unknown[]];
      const text = parts.map((p: any) => (typeof p === 'string' ? p : `REF:${p.Ref ?? p['Fn::GetAtt']?.[0]}`)).join('');
      const widgets = JSON.parse(text).widgets as Array<{ properties: { metrics?: unknown[][] } }>;
      const series = widgets.flatMap((w) => w.properties.metrics ?? []).map((m) => m.filter((x) => typeof x === 'string').join(' '));
      for (const figure of Object.values(productMetric)) expect(series, figure).toContain(`${metricsNamespace} ${figure} service careloop`);
      for (const job of [...schedules.map((s) => s.name), 'reminder']) {
        for (const outcome of Object.values(jobOutcomeMetric)) {
          expect(
            series.some(
              (m) => m.startsWith(`${metricsNamespace} ${outcome} `) && m.includes('service careloop') && m.includes(`job ${job}`),
            ),
            `${outcome} ${job}`,
          ).toBe(true);
        }
      }
      const body = series.join('\n');
      for (const fn of Object.values(stack.functions)) expect(body).toContain(`AWS/Lambda Errors FunctionName REF:${idOf(fn)}`);
      for (const needle of [
        'AWS/ApiGateway 5xx',
        'AWS/ApiGateway Latency',
        'AWS/DynamoDB ConsumedReadCapacityUnits',
        'AWS/Scheduler TargetErrorCount',
      ])
        expect(body, needle).toContain(needle);
      expect(text).toContain('ThrottledRequests');
      for (const queue of failureQueues()) expect(body).toContain(`ApproximateNumberOfMessagesVisible QueueName REF:${idOf(queue)}`);
    });

    it('outputs what the deploy steps need', () => {
      for (const name of ['ApiUrl', 'TableName', 'SlackEventsUrl', 'SecretsArn']) template.hasOutput(name, {});
      expect(JSON.stringify(template.toJSON().Outputs.SlackEventsUrl.Value)).toContain('/slack/events');
    });
  });
});
