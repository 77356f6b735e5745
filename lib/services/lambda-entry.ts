import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { AckContext } from './context';
import { flushMetrics, metrics } from './product-metrics';

/**
 * What every function in functions/ wraps its handler in: the Lambda context on
 * every log line (request id, cold start, function name and version — what
 * Powertools' injectLambdaContext adds, applied to the logger of the app context
 * current at invocation, so the local stack and tests keep theirs), a ColdStart
 * metric, and the invocation's product metrics flushed at the end, failed or not.
 * `contextOf` is the function's context (appContext; the Slack endpoint passes
 * its narrow ackContext, so its bundle never builds the full store).
 */
export const lambdaObservability = (contextOf: () => AckContext): middy.MiddlewareObj<unknown, unknown, Error, Context> => ({
  before: (request) => {
    // Direct calls (tests, the local stack's in-process invokes) may come without a context.
    if (!request.context?.awsRequestId) return;
    contextOf().logger.addContext(request.context);
    metrics.captureColdStartMetric(request.context.functionName);
  },
  after: () => flushMetrics(),
  onError: () => flushMetrics(),
});

export function lambdaEntry<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  contextOf: () => AckContext,
): (event: E, context?: Context) => Promise<R> {
  const wrapped = middy<E, R, Error, Context>(handler).use(lambdaObservability(contextOf) as middy.MiddlewareObj<E, R, Error, Context>);
  return (event, context) => wrapped(event, context as Context);
}
