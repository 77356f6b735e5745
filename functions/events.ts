import type { DynamoDBStreamEvent } from 'aws-lambda';
import { appContext } from '../lib/services/context';
import { deliverStreamBatch } from '../lib/services/event-stream';
import { lambdaEntry } from '../lib/services/lambda-entry';
// Subscribers send notices (follow-up tasks, survey links, low-score alerts): through the real channels, not the log.
import '../lib/notify/install-channels';
import '../lib/services/subscribers';

/** The table's stream (outbox items only) → each event's subscribers, once per subscriber (lib/services/events.ts). */
export const handler = lambdaEntry(
  async (event: DynamoDBStreamEvent) => deliverStreamBatch(appContext(), event, () => new Date()),
  appContext,
);
