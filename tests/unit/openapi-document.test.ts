import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { openApiDocument } from '../../lib/http/openapi';
import { routes } from '../../lib/http/routes';

type Json = Record<string, any>;
const config = loadConfig({ CARELOOP_CARE: JSON.stringify({ snoozeMaxDays: 21 }) });
const doc = openApiDocument(config) as Json;
const op = (method: string, path: string): Json => doc.paths[path][method.toLowerCase()];
const requestSchema = (method: string, path: string) => op(method, path).requestBody.content['application/json'].schema;
const param = (method: string, path: string, name: string) => op(method, path).parameters.find((p: Json) => p.name === name);

const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);
/** What the document calls a valid body, judged by a JSON Schema validator as a generated client would. */
const documentAccepts = (method: string, path: string, body: unknown) => ajv.validate(requestSchema(method, path), body);

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document for a real validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('gives every operation an operationId, a tag, a summary, a success and its errors in the one error shape', () => {
    const ids = new Set<string>();
    for (const route of routes.filter((r) => r.fn === 'api')) {
      const o = op(route.method, route.path);
      const name = `${route.method} ${route.path}`;
      expect(o.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(o.operationId), `${name}: duplicate operationId`).toBe(false);
      ids.add(o.operationId);
      expect(o.tags, name).toHaveLength(1);
      expect(o.summary, name).toBe(route.summary);
      const statuses = Object.keys(o.responses);
      expect(
        statuses.some((s) => s.startsWith('2')),
        name,
      ).toBe(true);
      expect(statuses, name).toContain('500');
      if (route.auth === 'apiKey') expect(statuses, name).toEqual(expect.arrayContaining(['401', '403']));
      for (const status of statuses.filter((s) => Number(s) >= 400 && s !== '503')) {
        const schema = o.responses[status].content['application/json'].schema;
        const errorShape = status === '413' ? schema.anyOf[0] : schema;
        expect(errorShape.properties.error.required, `${name} ${status}`).toEqual(['code', 'message']);
      }
      if (route.path.includes('{')) expect(statuses, name).toContain('404');
    }
    expect(doc.tags.map((t: Json) => t.name)).toContain('Complaints');
  });

  it('documents the headers: If-Match, ETag, Idempotency-Key, Location, Accept', () => {
    expect(param('PATCH', '/api/customers/{id}', 'If-Match').required).toBe(true);
    expect(op('PATCH', '/api/customers/{id}').responses).toHaveProperty(['428']);
    expect(param('PATCH', '/api/tasks/{id}', 'If-Match').required).toBe(false);
    expect(param('POST', '/api/complaints/{id}/transitions', 'If-Match').required).toBe(true);
    expect(param('POST', '/api/complaints', 'Idempotency-Key')).toBeDefined();
    expect(op('GET', '/api/customers/{id}').responses['200'].headers.ETag.required).toBe(true);
    expect(op('POST', '/api/customers').responses['201'].headers).toHaveProperty(['Location']);
    expect(op('POST', '/api/customers/import').responses['202'].headers).toHaveProperty(['Location']);
    expect(param('GET', '/api/reports/monthly', 'Accept').schema.enum).toContain('text/csv');
  });

  it('documents the files: the CSV/xlsx upload, the export file, rejected.csv and the report CSV', () => {
    const upload = op('POST', '/api/customers/import').requestBody.content;
    expect(Object.keys(upload)).toEqual(
      expect.arrayContaining(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']),
    );
    expect(Object.keys(op('GET', '/api/exports/{id}/file').responses['200'].content)).toEqual([
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(op('GET', '/api/imports/{id}/rejected.csv').responses['200'].content).toHaveProperty(['text/csv']);
    expect(Object.keys(op('GET', '/api/reports/monthly').responses['200'].content)).toEqual(['application/json', 'text/csv']);
  });

  it('documents ?include=restricted, paging and cursors', () => {
    expect(param('GET', '/api/customers/{id}', 'include').schema.enum).toEqual(['restricted']);
    expect(param('GET', '/api/customers/{id}/interactions', 'limit').schema).toMatchObject({ minimum: 1, maximum: 100 });
    expect(param('GET', '/api/customers/{id}/interactions', 'cursor')).toBeDefined();
    expect(op('GET', '/api/customers/{id}/interactions').responses['200'].content['application/json'].schema.properties).toHaveProperty([
      'cursor',
    ]);
    expect(param('GET', '/api/reports/monthly', 'month').required).toBe(true);
  });

  it('calls valid only what the handlers accept (the mismatches the old document had)', () => {
    const complaint = { customerId: 'cus_1', channel: 'phone', category: 'billing', description: 'wrong invoice' };
    expect(documentAccepts('POST', '/api/complaints', complaint)).toBe(false);
    expect(documentAccepts('POST', '/api/complaints', { ...complaint, receiverId: 'U0AGENT' })).toBe(true);

    const snooze = (days: number) => documentAccepts('PATCH', '/api/tasks/{id}', { action: 'snooze', days });
    expect(snooze(21)).toBe(true);
    expect(snooze(22)).toBe(false);

    const phones = requestSchema('POST', '/api/customers').properties.phones;
    expect(phones.items.description).toMatch(/E\.164/);
    const acknowledge = op('POST', '/api/complaints/{id}/transitions').description as string;
    expect(acknowledge).toMatch(/promisedReplyAt must be in the future and within 365 days/);
    expect(documentAccepts('POST', '/api/complaints/{id}/transitions', { action: 'acknowledge', promisedReplyAt: 'tomorrow' })).toBe(false);
  });
});
