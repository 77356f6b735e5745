import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AckContext } from '../services/context';
import { crmLookup, features } from './all-features';
import { registerCrmCommand } from './command';
import type { Kit } from './feature-module';
import { App, AwsLambdaReceiver } from './runtime/bolt';
import { slackApiUrl } from './runtime/client';
import { slackCredentials } from './runtime/credentials';
import { claimDelivery, currentDelivery, deliveryIdOf, releaseDelivery, withDelivery } from './runtime/dedupe';
import { hasValidSignature, header, parseSlackBody, rawBodyOf, withTextBody } from './runtime/receiver';
import { loadSession } from './runtime/session';
import { dispatchToWorker } from './runtime/worker-dispatch';

/**
 * The Slack endpoint (`POST /slack/events`): commands, interactivity and
 * events on one URL. Before Bolt: the signature (401 and nothing else when it
 * is wrong) and the do-once claim on the delivery (a retry is acknowledged and
 * dropped). Bolt then routes to the feature modules' listeners.
 */
type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export function createSlackApp(ctx: AckContext): { app: App; boltHandler: LambdaHandler } {
  // The signature is checked before Bolt sees the request (receiver.ts), both ways in time.
  const receiver = new AwsLambdaReceiver({ signingSecret: '', signatureVerification: false, logLevel: boltLogLevel(ctx) });
  const app = new App({
    receiver,
    // One workspace, one bot token: no auth.test round trip on every cold start.
    authorize: async () => ({ botToken: (await slackCredentials(ctx)).botToken }),
    clientOptions: { slackApiUrl: slackApiUrl(ctx) },
    convoStore: false,
    logLevel: boltLogLevel(ctx),
  });
  const kit: Kit = {
    ctx,
    session: (client, userId) => loadSession(ctx, client, userId),
    handOff: (job) => {
      const delivery = currentDelivery();
      return dispatchToWorker(ctx, {
        ...job,
        args: job.args ?? {},
        receivedAt: job.receivedAt ?? new Date().toISOString(),
        ...(delivery ? { delivery } : {}),
      });
    },
  };
  registerCrmCommand(
    app,
    kit,
    features.flatMap((f) => f.subcommands ?? []),
    crmLookup,
  );
  for (const feature of features) feature.register?.(app, kit);
  // Slack waits for an ack on every interaction; Bolt answers 404 to one no listener takes.
  // A closed modal needs nothing; a global shortcut this app does not declare is only logged.
  app.view({ type: 'view_closed' }, async ({ ack }) => ack());
  app.shortcut({ type: 'shortcut' }, async ({ ack, shortcut }) => {
    await ack();
    ctx.logger.warn('global shortcut not handled', { callbackId: shortcut.callback_id });
  });
  app.error(async (error) => {
    ctx.logger.error('slack listener failed', { error: error as Error });
  });
  return { app, boltHandler: receiver.toHandler() as LambdaHandler };
}

function boltLogLevel(ctx: AckContext) {
  return (ctx.config.logLevel === 'DEBUG' ? 'debug' : ctx.config.logLevel === 'INFO' ? 'info' : 'error') as never;
}

const apps = new WeakMap<AckContext, LambdaHandler>();

export async function handleSlackRequest(
  ctx: AckContext,
  event: APIGatewayProxyEventV2,
  context: Context,
): Promise<APIGatewayProxyStructuredResultV2> {
  const now = new Date();
  const secret = (await slackCredentials(ctx)).signingSecret;
  const rawBody = rawBodyOf(event);
  if (!secret) ctx.logger.error('SLACK_SIGNING_SECRET is not configured; every Slack request is refused');
  const body = parseSlackBody(rawBody, header(event, 'content-type'));
  // Slack's certificate check may come unsigned; like Bolt's Lambda receiver, answer it
  // before the signature check. It carries nothing and nothing is done for it.
  if (body?.ssl_check) return { statusCode: 200, body: '' };
  if (!secret || !hasValidSignature(secret, event, rawBody, now.getTime())) return { statusCode: 401, body: '' };
  if (!body) return { statusCode: 400, body: '' };

  const delivery = deliveryIdOf(body);
  const retryNum = header(event, 'x-slack-retry-num');
  // A retry is checked here; a first delivery is claimed by the worker job it hands off (dedupe.ts).
  const claimedNow = Boolean(delivery && retryNum);
  if (delivery && claimedNow && !(await claimDelivery(ctx, delivery, now))) {
    ctx.logger.info('repeated slack delivery ignored', { delivery, retryNum });
    return { statusCode: 200, body: '' };
  }
  let handler = apps.get(ctx);
  if (!handler) {
    handler = createSlackApp(ctx).boltHandler;
    apps.set(ctx, handler);
  }
  const scope = delivery ? { id: delivery, claimed: claimedNow } : undefined;
  const result = await withDelivery(scope, () => handler(withTextBody(event, rawBody), context));
  if (delivery && claimedNow && (result.statusCode ?? 200) >= 500) await releaseDelivery(ctx, delivery, now);
  return result;
}
