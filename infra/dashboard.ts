import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Dashboard, GraphWidget, type IMetric, MathExpression, Metric, TextWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { Operation, type TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { jobOutcomeMetric, metricsNamespace, metricsService, type ProductMetric, productMetric } from '../lib/services/product-metrics';

const period = Duration.minutes(5);

export interface OpsDashboardProps {
  functions: Record<string, IFunction>;
  stage: HttpStage;
  table: TableV2;
  scheduleGroups: Record<string, IScheduleGroup>;
  failureQueues: Record<string, IQueue>;
  /** job names (lib/schedules.ts and the one-off `reminder`) for the per-job outcome graphs */
  jobs: string[];
}

/** The product's own figures (lib/services/product-metrics.ts), as the functions write them. */
export const productFigure = (name: ProductMetric | string, dimensions: Record<string, string> = {}) =>
  new Metric({
    namespace: metricsNamespace,
    metricName: name,
    dimensionsMap: { service: metricsService, ...dimensions },
    statistic: 'Sum',
    period,
  });

/**
 * One CloudWatch dashboard: the product's figures next to the health of what
 * runs them — Lambda, the HTTP API, DynamoDB, the scheduler and the failure queues.
 */
export class OpsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) => new GraphWidget({ title, left, right, width: 12, height: 6 });
    const perFunction = (metric: (fn: IFunction) => IMetric) => Object.values(props.functions).map(metric);
    const names = Object.keys(props.functions);
    const labelled = (fnMetric: (fn: IFunction) => Metric) => names.map((name) => fnMetric(props.functions[name]!).with({ label: name }));

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(1),
      widgets: [
        [
          new TextWidget({
            markdown:
              '# CareLoop\nProduct figures (namespace `CareLoop`), then the health of Lambda, the HTTP API, DynamoDB, the scheduler and the failure queues (runbook: infra/README.md).',
            width: 24,
            height: 2,
          }),
        ],
        [
          graph(
            'Complaints',
            [productFigure(productMetric.complaintsOpened), productFigure(productMetric.complaintsResolved)],
            [productFigure(productMetric.complaintsBreached), productFigure(productMetric.escalations)],
          ),
          graph(
            'Care tasks and surveys',
            [productFigure(productMetric.careTasksCreated), productFigure(productMetric.careTasksDone)],
            [productFigure(productMetric.surveysSent), productFigure(productMetric.surveysAnswered)],
          ),
        ],
        [
          graph(
            'Jobs: succeeded',
            props.jobs.map((job) => productFigure(jobOutcomeMetric.succeeded, { job }).with({ label: job })),
          ),
          graph(
            'Jobs: failed',
            props.jobs.map((job) => productFigure(jobOutcomeMetric.failed, { job }).with({ label: job })),
          ),
        ],
        [
          graph('Slack acknowledgements', [productFigure(productMetric.slackAcks)], [productFigure(productMetric.slackAcksOver2s)]),
          graph('Digests sent', [productFigure(productMetric.digestsSent)]),
        ],
        [
          graph(
            'Lambda invocations and errors',
            labelled((fn) => fn.metricInvocations({ period, statistic: 'Sum' })),
            labelled((fn) => fn.metricErrors({ period, statistic: 'Sum' })),
          ),
          graph(
            'Lambda p99 duration (ms) and throttles',
            labelled((fn) => fn.metricDuration({ period, statistic: 'p99' })),
            perFunction((fn) => fn.metricThrottles({ period, statistic: 'Sum' })),
          ),
        ],
        [
          graph(
            'HTTP API requests and errors',
            [props.stage.metricCount({ period, statistic: 'Sum' })],
            [props.stage.metricClientError({ period, statistic: 'Sum' }), props.stage.metricServerError({ period, statistic: 'Sum' })],
          ),
          graph('HTTP API latency (ms)', [
            props.stage.metricLatency({ period, statistic: 'p50' }),
            props.stage.metricLatency({ period, statistic: 'p99' }),
          ]),
        ],
        [
          graph(
            'DynamoDB capacity and throttles',
            [
              props.table.metricConsumedReadCapacityUnits({ period, statistic: 'Sum' }),
              props.table.metricConsumedWriteCapacityUnits({ period, statistic: 'Sum' }),
            ],
            [throttles(props.table)],
          ),
          graph(
            'Scheduler target errors and dead letters',
            Object.entries(props.scheduleGroups).map(([name, group]) =>
              group.metricTargetErrors({ period, label: `${name} target errors` }),
            ),
            Object.entries(props.scheduleGroups).map(([name, group]) => group.metricSentToDLQ({ period, label: `${name} dead-lettered` })),
          ),
        ],
        [
          graph(
            'Failure queues (messages waiting)',
            Object.entries(props.failureQueues).map(([name, q]) =>
              q.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: name }),
            ),
          ),
        ],
      ],
    });
  }
}

/** The operations lib/store issues (no Scan): an alarm's expression takes at most 10 metrics. */
const tableOperations = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
];

/** Throttled requests over every operation the app uses, as one series. */
export function throttles(table: TableV2): IMetric {
  const byOperation = table.metricThrottledRequestsForOperations({ period, operations: tableOperations });
  return byOperation instanceof MathExpression ? byOperation.with({ label: 'throttled requests' }) : byOperation;
}
