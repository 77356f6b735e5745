import { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, type IFunction, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { outboxStreamMatch } from '../lib/store/table';
import { deadLetterQueue } from './dead-letter-queue';

/**
 * How a stream batch is retried before its failing record goes to the queue. Retries
 * are cheap (each subscriber that already ran is skipped by its claim); bisecting
 * isolates the one record that keeps failing so the rest of its shard moves on.
 */
export const outboxStreamRetry = { retryAttempts: 8, maxRecordAge: Duration.hours(24), batchSize: 25 };

/**
 * Domain events reach their subscribers through the table's stream: the event
 * source mapping lets only inserted outbox items through (so the function is not
 * woken for every write), reports the failing record of a batch, bisects, and
 * after the retries parks the record's stream coordinates in an SQS queue
 * (infra/README.md, "Undelivered events").
 */
export class OutboxDelivery extends Construct {
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: { table: TableV2; subscriber: IFunction }) {
    super(scope, id);
    this.failures = deadLetterQueue(this, 'Failures');
    props.subscriber.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        ...outboxStreamRetry,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.failures),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: {
              NewImage: {
                pk: { S: FilterRule.beginsWith(outboxStreamMatch.pkPrefix) },
                sk: { S: FilterRule.isEqual(outboxStreamMatch.sk) },
              },
            },
          }),
        ],
      }),
    );
  }
}
