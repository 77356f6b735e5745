import type { DynamoDBStreamEvent } from 'aws-lambda';
import { appContext } from '../lib/services/context';
import { deliverStreamBatch } from '../lib/services/event-stream';
import { lambdaEntry } from '../lib/services/lambda-entry';
import '../lib/services/subscribers';

/** The table's stream (outbox items only) → each event's subscribers, once per subscriber (lib/services/events.ts). */
export const handler = lambdaEntry(async (event: DynamoDBStreamEvent) => deliverStreamBatch(appContext(), event, () => new Date()));
