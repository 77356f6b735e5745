import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { appContext } from '../lib/services/context';
import { lambdaEntry } from '../lib/services/lambda-entry';
import { handleSurveyRequest } from '../lib/survey-page/handler';

/** Survey pages: GET|POST /s/{token} (lib/http/routes.ts) → lib/survey-page. */
export const handler = lambdaEntry(
  async (event: APIGatewayProxyEventV2) => handleSurveyRequest(appContext(), event, new Date()),
  appContext,
);
