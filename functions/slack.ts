import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { appContext } from '../lib/services/context';
import { handleSlackRequest } from '../lib/slack/app';

/** POST /slack/events: Slack commands, interactivity and events (lib/slack/app.ts). */
export const handler = (event: APIGatewayProxyEventV2, context: Context) => handleSlackRequest(appContext(), event, context);
