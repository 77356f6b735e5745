import { ArnFormat, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { routeFunctionNames } from '../lib/http/route-functions';
import { routes } from '../lib/http/routes';
import { schedules } from '../lib/schedules';
import { metricsNamespace } from '../lib/services/product-metrics';
import { Alarms } from './alarms';
import { AppFunction, discoverFunctionEntries } from './app-function';
import { OpsDashboard } from './dashboard';
import { DataStore } from './data';
import { deadLetterQueue } from './dead-letter-queue';
import { profileOf } from './function-profiles';
import { addNagSuppressions } from './nag-suppressions';
import { OutboxDelivery } from './outbox-delivery';
import { PublicApi } from './public-api';
import { RecurringJobs, scheduledRetry } from './recurring-jobs';
import { Reminders } from './reminders';
import { AppSecrets, CursorKey } from './secrets';

export interface CareLoopStackProps extends StackProps {
  /** IANA zone of the company: care and survey jobs fire at local times, and COMPANY_TIMEZONE. */
  companyTimeZone: string;
  /**
   * Test seam: functions whose code is given instead of bundled (e.g. an inline
   * stub for a file that does not exist yet). Added to, or replacing, functions/*.ts.
   */
  functionCode?: Record<string, Code>;
  /** Base of survey links; default the API's own URL (set it when a custom domain fronts the API). */
  publicBaseUrl?: string;
  /** Subscribed to the alarm topic when given. */
  alarmEmail?: string;
  /**
   * Sender of survey emails (an SES-verified address, e.g. care@example.com):
   * set → EMAIL_FROM_ADDRESS and ses:SendEmail on that address and its domain only.
   */
  emailFrom?: string;
  /** X-Ray active tracing on every function (context `tracing=true`); off by default (cost, and nothing reads traces yet). */
  tracing?: boolean;
}

/** Functions the stack wires by name: the scheduler's target, the Slack endpoint and its async worker. */
const SCHEDULED = 'scheduled';
const SLACK = 'slack';
const SLACK_WORKER = 'slack-worker';
const IMPORT_WORKER = 'import-worker';
const EVENTS = 'events';
/** The REST function that starts import and export jobs (lib/http/route-functions.ts). */
const API_CUSTOMERS = 'api-customers';
/** Slack's worker retries what failed before it goes to the dead-letter queue (handlers are idempotent). */
export const workerRetry = { retryAttempts: 2, maxEventAge: Duration.hours(1) };

/**
 * CareLoop in one stack: the table, the functions in functions/, the HTTP API
 * of lib/http/routes.ts, the schedules of lib/schedules.ts, secrets, alarms.
 * Account-agnostic and without lookups, so it synthesizes offline without credentials.
 */
export class CareLoopStack extends Stack {
  readonly functions: Record<string, NodejsFunction> = {};
  readonly data: DataStore;
  readonly api: PublicApi;
  readonly secrets: AppSecrets;
  readonly jobs: RecurringJobs;
  readonly reminders: Reminders;
  readonly alarms: Alarms;
  readonly slackWorkerDeadLetters: Queue;
  /** Jobs and reminders that threw in functions/scheduled after Lambda's retries (its on-failure destination). */
  readonly scheduledFailures: Queue;
  readonly dashboard: OpsDashboard;
  readonly tracing: boolean;
  readonly importWorkerDeadLetters: Queue;
  /** Stream records of outbox items whose subscribers kept failing (functions/events after its retries). */
  readonly outbox: OutboxDelivery;
  readonly cursorKey: CursorKey;

  constructor(scope: Construct, id: string, props: CareLoopStackProps) {
    super(scope, id, props);
    this.tracing = props.tracing ?? false;
    const entries = discoverFunctionEntries();
    const names = [...new Set([...Object.keys(entries), ...Object.keys(props.functionCode ?? {})])].sort();
    requireFunctions(names, [...routeFunctionNames(routes), SCHEDULED, SLACK_WORKER, IMPORT_WORKER, EVENTS]);

    this.data = new DataStore(this, 'Data');
    this.secrets = new AppSecrets(this, 'Secrets');
    this.cursorKey = new CursorKey(this, 'CursorKey');
    this.alarms = new Alarms(this, 'Alarms', { email: props.alarmEmail });
    this.api = new PublicApi(this, 'Api');
    // The scheduled function is the reminders' target and needs its own ARN in its
    // environment: a GetAtt of itself would be a cycle, so it gets a known name.
    const scheduledName = `${this.stackName}-${SCHEDULED}`;
    // The import worker hands over to a fresh invocation of itself: a known name, as for the scheduler's target.
    const importWorkerName = `${this.stackName}-${IMPORT_WORKER}`;
    const importWorkerArn = this.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: importWorkerName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    this.reminders = new Reminders(this, 'Reminders', {
      targetArn: this.formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: scheduledName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    });

    const common = {
      TABLE_NAME: this.data.table.tableName,
      COMPANY_TIMEZONE: props.companyTimeZone,
      PUBLIC_BASE_URL: props.publicBaseUrl ?? this.api.baseUrl,
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
      LOG_LEVEL: 'INFO',
      // Stack traces through the bundles' source maps, back to the TypeScript.
      NODE_OPTIONS: '--enable-source-maps',
      // Follow-ups are delivered by the table's stream only (functions/events.ts), never by the request.
      EVENT_DELIVERY: 'stream',
      // A dynamic reference, resolved by CloudFormation at deploy: the key is in neither the template nor cdk.out.
      CURSOR_KEY: this.cursorKey.value,
    };
    for (const name of names) {
      const profile = profileOf(name);
      const appFunction = new AppFunction(this, `Fn-${name}`, {
        name,
        entry: entries[name],
        code: props.functionCode?.[name],
        profile,
        // One service name per function in the logs; the product metrics keep one `service` of their own.
        environment: { ...common, POWERTOOLS_SERVICE_NAME: `careloop-${name}` },
        tracing: props.tracing ? Tracing.ACTIVE : undefined,
        functionName: name === SCHEDULED ? scheduledName : name === IMPORT_WORKER ? importWorkerName : undefined,
      });
      const fn = appFunction.fn;
      this.data.grantAccess(fn, profile.tableAccess);
      if (profile.readsSecrets) {
        this.secrets.secret.grantRead(fn);
        fn.addEnvironment('SECRETS_ARN', this.secrets.secret.secretArn);
      }
      if (profile.managesReminders) {
        for (const [key, value] of Object.entries(this.reminders.grantManage(fn))) fn.addEnvironment(key, value);
      }
      if (profile.readsSecrets && props.emailFrom) this.allowEmail(fn, props.emailFrom);
      this.alarms.watchFunction(name, fn, profile.timeout);
      this.functions[name] = fn;
    }
    const fn = (name: string) => this.functions[name]!;

    this.api.addRoutes(routes, fn);
    this.jobs = new RecurringJobs(this, 'Jobs', { target: fn(SCHEDULED), companyTimeZone: props.companyTimeZone });
    this.alarms.watchDeadLetters('scheduler-dead-letters', this.jobs.deadLetters);
    this.alarms.watchDeadLetters('reminder-dead-letters', this.reminders.deadLetters);
    // The scheduler invokes asynchronously: its retries and queue cover delivery only. A job
    // that throws is retried by Lambda, then parked here with its event, instead of vanishing.
    this.scheduledFailures = deadLetterQueue(this, 'ScheduledFailures');
    fn(SCHEDULED).configureAsyncInvoke({ onFailure: new SqsDestination(this.scheduledFailures), ...scheduledRetry });
    this.alarms.watchDeadLetters('scheduled-failures', this.scheduledFailures);

    // Slack endpoint → worker: async invoke, retried, then parked in the worker's own queue.
    this.slackWorkerDeadLetters = deadLetterQueue(this, 'SlackWorkerDeadLetters');
    fn(SLACK_WORKER).configureAsyncInvoke({ onFailure: new SqsDestination(this.slackWorkerDeadLetters), ...workerRetry });
    fn(SLACK_WORKER).grantInvoke(fn(SLACK));
    fn(SLACK).addEnvironment('WORKER_FUNCTION_NAME', fn(SLACK_WORKER).functionName);
    this.alarms.watchDeadLetters('slack-worker-dead-letters', this.slackWorkerDeadLetters);

    // Imports and exports: the API's customer function starts the worker, the sweep (scheduled) resumes it, the worker hands over to itself.
    // Async invokes are retried by Lambda (a crash resumes at the checkpoint), then parked in a queue.
    this.importWorkerDeadLetters = deadLetterQueue(this, 'ImportWorkerDeadLetters');
    fn(IMPORT_WORKER).configureAsyncInvoke({ onFailure: new SqsDestination(this.importWorkerDeadLetters), ...workerRetry });
    // slack-worker starts the imports of files dropped in Slack: without the name it would run them in-process.
    for (const starter of [API_CUSTOMERS, SLACK_WORKER, SCHEDULED, IMPORT_WORKER]) {
      fn(starter).addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [importWorkerArn] }));
      fn(starter).addEnvironment('IMPORT_WORKER_FUNCTION_NAME', importWorkerName);
    }
    this.alarms.watchDeadLetters('import-worker-dead-letters', this.importWorkerDeadLetters);

    // Domain events: the table's stream → functions/events, retried, bisected, then parked (infra/README.md).
    this.outbox = new OutboxDelivery(this, 'Outbox', { table: this.data.table, subscriber: fn(EVENTS) });
    this.alarms.watchDeadLetters('outbox-failures', this.outbox.failures);

    this.alarms.watchApi(this.api.stage);
    this.alarms.watchTable(this.data.table);
    const scheduleGroups = { jobs: ScheduleGroup.fromDefaultScheduleGroup(this, 'DefaultScheduleGroup'), reminders: this.reminders.group };
    for (const [name, group] of Object.entries(scheduleGroups)) this.alarms.watchScheduleGroup(`scheduler-${name}`, group);
    this.dashboard = new OpsDashboard(this, 'Dashboard', {
      functions: this.functions,
      stage: this.api.stage,
      table: this.data.table,
      scheduleGroups,
      failureQueues: {
        'Jobs/DeadLetters': this.jobs.deadLetters,
        'Reminders/DeadLetters': this.reminders.deadLetters,
        ScheduledFailures: this.scheduledFailures,
        SlackWorkerDeadLetters: this.slackWorkerDeadLetters,
        ImportWorkerDeadLetters: this.importWorkerDeadLetters,
        'Outbox/Failures': this.outbox.failures,
      },
      jobs: [...schedules.map((s) => s.name), 'reminder'],
    });

    addNagSuppressions(this);

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'SlackEventsUrl', { value: `${this.api.baseUrl}/slack/events`, description: 'Request URL for the Slack app' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'SecretsArn', { value: this.secrets.secret.secretArn, description: 'Put Slack credentials here' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn, description: 'Subscribe to receive alarms' });
  }

  private allowEmail(fn: NodejsFunction, from: string): void {
    const address = from.match(/<([^>]+)>/)?.[1] ?? from.trim();
    const domain = address.split('@')[1];
    if (!domain) throw new Error(`emailFrom "${from}" is not an email address`);
    fn.addEnvironment('EMAIL_FROM_ADDRESS', from);
    const identity = (name: string) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [identity(address), identity(domain)] }));
  }
}

function requireFunctions(present: string[], needed: string[]): void {
  const missing = [...new Set(needed)].filter((name) => !present.includes(name));
  if (missing.length)
    throw new Error(
      `CareLoop needs functions/${missing.join('.ts, functions/')}.ts (routes, schedules and the Slack worker point at them)`,
    );
}
