import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ackContext } from '../lib/services/context';
import { lambdaEntry } from '../lib/services/lambda-entry';
import { countMetric, productMetric } from '../lib/services/product-metrics';
import { handleSlackRequest } from '../lib/slack/app';

/** Slack gives up after 3 s: an ack slower than this is counted as a warning sign. */
const SLOW_ACK_MS = 2000;

/** POST /slack/events: Slack commands, interactivity and events (lib/slack/app.ts). */
export const handler = lambdaEntry(async (event: APIGatewayProxyEventV2, context: Context) => {
  const started = performance.now();
  try {
    return await handleSlackRequest(ackContext(), event, context);
  } finally {
    countMetric(productMetric.slackAcks);
    if (performance.now() - started > SLOW_ACK_MS) countMetric(productMetric.slackAcksOver2s);
  }
}, ackContext);
