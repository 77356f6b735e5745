import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { outboxItemFromStreamImage } from '../store';
import type { AppContext } from './context';
import { type DomainEvent, deliverEvent } from './events';

/** What an outbox record must carry; anything else is logged and skipped (retrying it would never help). */
const outboxRecord = z.object({
  id: z.string().min(1),
  event: z.looseObject({ type: z.string().min(1), at: z.string().min(1) }),
});

/**
 * A batch of the table's stream, already filtered by the event source mapping to
 * inserted outbox items (infra/events.ts). Records of a shard are in commit
 * order: at the first one whose delivery fails, that record is reported and the
 * rest are left, so Lambda retries from it (bisecting, then the on-failure queue).
 */
export async function deliverStreamBatch(ctx: AppContext, batch: DynamoDBStreamEvent, now: () => Date): Promise<DynamoDBBatchResponse> {
  for (const record of batch.Records) {
    const sequence = record.dynamodb?.SequenceNumber;
    const image = record.dynamodb?.NewImage;
    const parsed = image ? outboxRecord.safeParse(outboxItemFromStreamImage(image)) : undefined;
    if (!parsed?.success) {
      ctx.logger.error('outbox stream: not an outbox record, skipped', { eventName: record.eventName, sequence });
      continue;
    }
    try {
      await deliverEvent(ctx, parsed.data.id, parsed.data.event as unknown as DomainEvent, now());
    } catch {
      // deliverEvent has logged the subscriber and its error.
      return { batchItemFailures: sequence ? [{ itemIdentifier: sequence }] : [] };
    }
  }
  return { batchItemFailures: [] };
}
