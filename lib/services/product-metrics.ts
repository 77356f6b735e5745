import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * The product's own figures as CloudWatch metrics (Embedded Metric Format: JSON
 * log lines CloudWatch turns into metrics, no API call on the request path).
 * One namespace and one `service` dimension for the whole product, whichever
 * function counted, so the dashboard and alarms read one series per figure.
 * The daily counters of lib/domain/metrics.ts feed the digests; these feed
 * operations, and are counted only after the change they count has committed.
 */
export const metricsNamespace = 'CareLoop';
export const metricsService = 'careloop';

export const productMetric = {
  complaintsOpened: 'ComplaintsOpened',
  complaintsResolved: 'ComplaintsResolved',
  /** a complaint's SLA clock passed its deadline (the supervisor's escalation goes out) */
  complaintsBreached: 'ComplaintsBreached',
  /** escalation notices sent by the SLA sweep (supervisor, then managers) */
  escalations: 'Escalations',
  careTasksCreated: 'CareTasksCreated',
  careTasksDone: 'CareTasksDone',
  surveysSent: 'SurveysSent',
  surveysAnswered: 'SurveysAnswered',
  digestsSent: 'DigestsSent',
  slackAcks: 'SlackAcks',
  /** Slack gives up after 3 s; over 2 s is the warning sign */
  slackAcksOver2s: 'SlackAcksOver2s',
} as const;
export type ProductMetric = (typeof productMetric)[keyof typeof productMetric];

/** Per job (dimension `job`): how each scheduled run ended. */
export const jobOutcomeMetric = { succeeded: 'JobSucceeded', failed: 'JobFailed' } as const;

export const metrics = new Metrics({ namespace: metricsNamespace, serviceName: metricsService });

export function countMetric(name: ProductMetric, value = 1): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

export function countJobOutcome(job: string, outcome: keyof typeof jobOutcomeMetric): void {
  // Its own EMF record, so the `job` dimension does not attach to the product figures.
  const single = metrics.singleMetric();
  single.addDimension('job', job);
  single.addMetric(jobOutcomeMetric[outcome], MetricUnit.Count, 1);
}

/** Writes what was counted during the invocation (nothing when nothing was). */
export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
