import type { TestProject } from 'vitest/node';
import { type RunningDynamo, startDynamoLocal } from '../../lib/local/dynamo';

let dynamo: RunningDynamo | undefined;

/** One in-memory DynamoDB Local for the whole run, unless DYNAMODB_ENDPOINT names one. */
export async function setup(project: TestProject) {
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    dynamo = await startDynamoLocal();
    endpoint = dynamo.endpoint;
  }
  project.provide('dynamoEndpoint', endpoint);
}

export async function teardown() {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
