import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { throttles } from './dashboard';

const period = Duration.minutes(5);
/** p99 duration alarm at this share of the timeout: slow enough to be near a timeout. */
export const durationAlarmShare = 0.8;
/** API alarms: this many 5xx answers in 5 minutes, or a p99 latency above this. */
export const apiServerErrorThreshold = 5;
export const apiP99LatencyMs = 3000;

/**
 * Alarms on every function and dead-letter queue, published to one encrypted
 * SNS topic. The topic's key is its own: CloudWatch must be allowed to use it,
 * which the AWS-managed SNS key does not allow.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: { email?: string } = {}) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      description: 'CareLoop alarm topic encryption',
      enableKeyRotation: true,
      // Protects alarm notifications in flight only; nothing to keep once the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'], // in a key policy, "*" means this key
      }),
    );
    this.topic = new Topic(this, 'Topic', { displayName: 'CareLoop alarms', masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  watchFunction(name: string, fn: IFunction, timeout: Duration): void {
    this.alarm(`${name}-errors`, fn.metricErrors({ period, statistic: 'Sum' }), 1, `${name}: invocations failed`);
    this.alarm(`${name}-throttles`, fn.metricThrottles({ period, statistic: 'Sum' }), 1, `${name}: invocations throttled`);
    this.alarm(
      `${name}-p99-duration`,
      fn.metricDuration({ period, statistic: 'p99' }),
      Math.round(timeout.toMilliseconds() * durationAlarmShare),
      `${name}: p99 duration above ${durationAlarmShare * 100}% of the ${timeout.toSeconds()} s timeout`,
    );
  }

  /** The HTTP API as clients see it: server errors (the functions' or the gateway's) and slow answers. */
  watchApi(stage: HttpStage): void {
    this.alarm(
      'api-5xx',
      stage.metricServerError({ period, statistic: 'Sum' }),
      apiServerErrorThreshold,
      `HTTP API: ${apiServerErrorThreshold} or more 5xx answers in 5 minutes`,
    );
    this.alarm(
      'api-p99-latency',
      stage.metricLatency({ period, statistic: 'p99' }),
      apiP99LatencyMs,
      `HTTP API: p99 latency above ${apiP99LatencyMs} ms`,
    );
  }

  /** On-demand tables throttle too (a hot partition, a sudden doubling of traffic). */
  watchTable(table: TableV2): void {
    this.alarm('dynamodb-throttles', throttles(table), 1, 'DynamoDB: requests throttled');
  }

  /** The scheduler could not invoke its target (the function missing, throttled, or refusing the role). */
  watchScheduleGroup(name: string, group: IScheduleGroup): void {
    this.alarm(
      `${name}-target-errors`,
      group.metricTargetErrors({ period, statistic: 'Sum' }),
      1,
      `Scheduler (${name}): target invocations failed`,
    );
  }

  watchDeadLetters(name: string, queue: IQueue): void {
    this.alarm(
      `${name}-depth`,
      queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      1,
      `${name}: undelivered events waiting (inspect and replay)`,
    );
  }

  private alarm(id: string, metric: IMetric, threshold: number, description: string): void {
    new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not an incident.
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    }).addAlarmAction(this.action);
  }
}
