import * as z from 'zod';
import type { Operations } from '../operation';

const health = z.object({ ok: z.boolean(), checks: z.object({ dynamodb: z.enum(['ok', 'unreachable']) }) });

/** Health and the document itself: public, no key. */
export const systemOperations = {
  'GET /healthz': {
    operationId: 'readiness',
    tag: 'System',
    responses: {
      200: { description: 'The function runs and DynamoDB answers', json: health },
      503: { description: 'DynamoDB does not answer', json: health },
    },
    errors: [500],
  },
  'GET /livez': {
    operationId: 'liveness',
    tag: 'System',
    responses: { 200: { description: 'The function runs', json: z.object({ ok: z.literal(true) }) } },
    errors: [500],
  },
  'GET /api/openapi.json': {
    operationId: 'openApiDocument',
    tag: 'System',
    responses: { 200: { description: 'This document (OpenAPI 3.1)', json: z.object({ openapi: z.string() }).loose() } },
    errors: [500],
  },
} satisfies Operations;
