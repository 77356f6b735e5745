import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { appContext } from '../lib/services/context';
import { handleSurveyRequest } from '../lib/survey-page/handler';
import '../lib/services/subscribers';

/** Survey pages: GET|POST /s/{token} (lib/http/routes.ts) → lib/survey-page. */
export const handler = async (event: APIGatewayProxyEventV2) => handleSurveyRequest(appContext(), event, new Date());
