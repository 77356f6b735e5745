import * as z from 'zod';
import { contactPersonInput, createCustomerInput, customer, listCustomersQuery, updateCustomerInput } from '../domain/customer';
import { interactionInput } from '../domain/interaction';
import { staffInput } from '../domain/staff';
import { routes } from './routes';

/**
 * Request and response schemas per route, for the OpenAPI document. Features
 * register theirs with `describeRoute`; the document is built from zod with
 * zod's own JSON Schema output, so it cannot drift from validation.
 */
interface RouteSchemas {
  body?: z.ZodType;
  query?: z.ZodObject;
  response?: z.ZodType;
  contentType?: string;
}

const described = new Map<string, RouteSchemas>();
export function describeRoute(key: string, schemas: RouteSchemas) {
  described.set(key, schemas);
}

describeRoute('POST /api/customers', { body: createCustomerInput, response: customer });
describeRoute('GET /api/customers', { query: listCustomersQuery });
describeRoute('GET /api/customers/{id}', { response: customer });
describeRoute('PATCH /api/customers/{id}', { body: updateCustomerInput, response: customer });
describeRoute('POST /api/customers/{id}/interactions', { body: interactionInput });
describeRoute('POST /api/customers/{id}/contacts', { body: contactPersonInput });
describeRoute('POST /api/customers/import', { contentType: 'text/csv' });
describeRoute('PUT /api/staff/{slackUserId}', { body: staffInput.omit({ slackUserId: true }) });

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      required: ['code', 'message'],
    },
  },
};

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes.filter((r) => r.path.startsWith('/api/'))) {
    const key = `${route.method} ${route.path}`;
    const s = described.get(key) ?? {};
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = s.query
      ? Object.entries(s.query.shape).map(([name, field]) => ({
          name,
          in: 'query',
          required: !(field as z.ZodType).safeParse(undefined).success,
          schema: jsonSchema(field as z.ZodType, 'input'),
        }))
      : [];
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      summary: route.summary,
      security: route.auth === 'apiKey' ? [{ apiKey: [] }] : [],
      parameters: [...params, ...queryParams],
      ...(s.body || s.contentType
        ? {
            requestBody: {
              required: true,
              content: { [s.contentType ?? 'application/json']: { schema: s.body ? jsonSchema(s.body, 'input') : { type: 'string' } } },
            },
          }
        : {}),
      responses: {
        '2XX': {
          description: 'Success',
          ...(s.response ? { content: { 'application/json': { schema: jsonSchema(s.response, 'output') } } } : {}),
        },
        '4XX': { description: 'Client error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'CareLoop API', version: '1.0.0', description: 'Customer-care CRM: customers, complaints, care tasks, surveys.' },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'npm run cli -- apikey create <name>' } } },
    paths,
  };
}
