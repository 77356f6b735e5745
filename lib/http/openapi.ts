import * as z from 'zod';
import type { Config } from '../config';
import { MAX_ID_LENGTH } from '../domain/bounds';
import { complaintOperations } from './contract/complaints';
import { customerOperations } from './contract/customers';
import { exportOperations } from './contract/exports';
import { importOperations } from './contract/imports';
import { reportOperations } from './contract/reports';
import { staffOperations } from './contract/staff';
import { surveyOperations } from './contract/surveys';
import { systemOperations } from './contract/system';
import { taskOperations } from './contract/tasks';
import {
  type ConfiguredSchema,
  type ErrorStatus,
  errorBody,
  errorCodeOf,
  gatewayTooLarge,
  type Operation,
  type ResponseSpec,
} from './operation';
import { type ApiRouteKey, routeKey, routes } from './routes';

/**
 * One operation per REST route, typed by route key: a route without its
 * operation fails to compile. The document is built from the zod schemas the
 * handlers parse with (zod's own JSON Schema output), so it cannot drift from
 * validation; tests/support/contract.ts checks every response the
 * integration tests receive against it.
 */
export const operations: Record<ApiRouteKey, Operation> = {
  ...systemOperations,
  ...customerOperations,
  ...importOperations,
  ...exportOperations,
  ...staffOperations,
  ...taskOperations,
  ...complaintOperations,
  ...reportOperations,
  ...surveyOperations,
};

type Json = Record<string, unknown>;

function jsonSchema(schema: ConfiguredSchema, io: 'input' | 'output', config: Config): Json {
  const zod = typeof schema === 'function' ? schema(config) : schema;
  const { $schema: _ignored, ...rest } = z.toJSONSchema(zod, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const responseHeaders: Record<string, Json> = {
  ETag: { description: 'The version, quoted ("3"); send it back as If-Match', schema: { type: 'string', pattern: '^"\\d+"$' } },
  Location: { description: 'Where the created resource or the job status is', schema: { type: 'string' } },
  'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } },
  Vary: { description: 'accept: the body depends on the Accept header', schema: { type: 'string' } },
  'Cache-Control': { description: 'no-store: the body holds a secret link', schema: { type: 'string' } },
  'WWW-Authenticate': { description: 'Bearer', schema: { type: 'string' } },
};

const errorDescriptions: Record<ErrorStatus, string> = {
  400: 'Unreadable body, cursor or header',
  401: 'No API key, or not a valid one',
  403: 'The key lacks the scope, or its role may not do this',
  404: 'Not found',
  409: 'Conflict: a duplicate, a concurrent change or a state that does not allow it',
  412: 'If-Match does not match the current version',
  413: 'Body too large',
  415: 'Content-Type not accepted',
  422: 'Invalid fields: details.issues names each ({path, message})',
  428: 'If-Match is required',
  429: 'Too many requests',
  500: 'Our fault; it has been logged',
};

function responseObject(spec: ResponseSpec, config: Config): Json {
  const content: Json = {};
  if (spec.json) content['application/json'] = { schema: jsonSchema(spec.json, 'output', config) };
  for (const [type, kind] of Object.entries(spec.files ?? {})) {
    content[type] = { schema: kind === 'binary' ? { type: 'string', contentMediaType: type } : { type: 'string' } };
  }
  return {
    description: spec.description,
    ...(spec.headers?.length
      ? { headers: Object.fromEntries(spec.headers.map((h) => [h, { required: true, ...responseHeaders[h] }])) }
      : {}),
    ...(Object.keys(content).length ? { content } : {}),
  };
}

function queryParameters(query: z.ZodType | undefined, config: Config): Json[] {
  if (!query) return [];
  const schema = jsonSchema(query, 'input', config) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, field]) => {
    const { description, ...fieldSchema } = field;
    return {
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      ...(description ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

function headerParameters(op: Operation): Json[] {
  const out: Json[] = [];
  if (op.ifMatch) {
    out.push({
      name: 'If-Match',
      in: 'header',
      required: op.ifMatch === 'required',
      description: `The version you read (the ETag): a stale one is 412${op.ifMatch === 'required' ? ', none is 428' : ''}`,
      schema: { type: 'string', pattern: '^(W/)?"?\\d+"?$' },
    });
  }
  if (op.idempotencyKey) {
    out.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'A retry with the same key answers the first result (only the first 200 characters count)',
      schema: { type: 'string', minLength: 1 },
    });
  }
  if (op.accepts) {
    out.push({ name: 'Accept', in: 'header', required: false, schema: { type: 'string', enum: op.accepts } });
  }
  return out;
}

function requestBody(op: Operation, config: Config): Json {
  if (!op.body) return {};
  if ('json' in op.body) {
    return {
      requestBody: {
        required: !op.body.optional,
        content: { 'application/json': { schema: jsonSchema(op.body.json, 'input', config) } },
      },
    };
  }
  const content = Object.fromEntries(
    Object.keys(op.body.files).map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
  );
  const { description } = op.body;
  return { requestBody: { required: true, description: typeof description === 'function' ? description(config) : description, content } };
}

function operationObject(key: ApiRouteKey, summary: string, path: string, secured: boolean, config: Config): Json {
  const op = operations[key];
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
  }));
  const responses: Json = {};
  for (const [status, spec] of Object.entries(op.responses)) responses[status] = responseObject(spec, config);
  for (const status of op.errors) {
    const body = status === 413 ? z.union([errorBody(errorCodeOf[status]), gatewayTooLarge]) : errorBody(errorCodeOf[status]);
    responses[status] = {
      description: errorDescriptions[status],
      ...(status === 401 ? { headers: { 'WWW-Authenticate': { required: true, ...responseHeaders['WWW-Authenticate'] } } } : {}),
      content: { 'application/json': { schema: jsonSchema(body, 'output', config) } },
    };
  }
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary,
    ...(op.description ? { description: op.description } : {}),
    security: secured ? [{ apiKey: [] }] : [],
    parameters: [...pathParams, ...queryParameters(op.query, config), ...headerParameters(op)],
    ...requestBody(op, config),
    responses,
  };
}

/** The OpenAPI 3.1 document of the REST function, for the running configuration (its limits and base URL). */
export function openApiDocument(config: Config) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    if (route.fn !== 'api') continue;
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operationObject(
      routeKey(route),
      route.summary,
      route.path,
      route.auth === 'apiKey',
      config,
    );
  }
  const tags = [...new Set(Object.values(operations).map((op) => op.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'CareLoop API',
      version: '1.0.0',
      description:
        'Customer-care CRM: customers, complaints, care tasks, surveys. Errors are always {"error": {"code", "message", "details"}}.',
    },
    servers: [{ url: config.publicBaseUrl }],
    tags,
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'npm run cli -- apikey create <name>' } } },
    paths,
  };
}
