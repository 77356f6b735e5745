import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * Where events that could not be delivered wait to be inspected and replayed.
 * SQS-managed encryption rather than a KMS key: the scheduler and Lambda can
 * write to it without extra key grants, and the payloads hold ids, not PII.
 */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    // The longest SQS allows: time to notice the alarm and replay.
    retentionPeriod: Duration.days(14),
  });
}
