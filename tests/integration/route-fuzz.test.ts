import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionOf } from '../../lib/http/route-functions';
import { routeKey, routes } from '../../lib/http/routes';
import { lambdaContext } from '../../lib/local/api-gateway';
import { loadFunction } from '../../lib/local/functions';
import { exportJobsSettled } from '../../lib/services/export-dispatch';
import { importJobsSettled } from '../../lib/services/import-dispatch';
import { seedStaff, startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

/**
 * Issue 13 §3: every REST route, fuzzed in its path, query string, headers and
 * body, 1,000 cases each. No answer may be a 5xx, and a route whose cases were
 * all refused must leave the table exactly as it was. Cases go straight to the
 * API function as API Gateway payload-2.0 events (the gateway emulator has its
 * own tests), 25 at a time, so 33,000 cases fit in well under a minute.
 */
const CASES = 1_000;
const PARALLEL = 25;

const QUERY_NAMES = [
  'limit',
  'cursor',
  'q',
  'tier',
  'ownerId',
  'stage',
  'phone',
  'email',
  'include',
  'status',
  'severity',
  'category',
  'assigneeId',
  'customerId',
  'overdue',
  'createdFrom',
  'createdTo',
  'kind',
  'dueFrom',
  'dueTo',
  'month',
  'from',
  'to',
  'groupBy',
  'templateId',
  'zzz',
] as const;

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'true',
    '9999-12-31',
    '0000-01-01',
    '0001-02',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2026-02-30',
    '../..',
    '%',
    '%zz',
    '<!channel>',
    '=HYPERLINK("x")',
    'a.b.c',
    '\u0000',
    '张三',
    'U0AGENT',
  ),
  fc.integer().map(String),
  fc.nat(3_000).map((n) => 'x'.repeat(n)),
);

/** A real cursor with one character changed, cut, extended or re-signed with garbage. */
const tamper = (cursor: string) =>
  fc.oneof(
    fc
      .nat(cursor.length - 1)
      .chain((i) => fc.string({ minLength: 1, maxLength: 1 }).map((c) => cursor.slice(0, i) + c + cursor.slice(i + 1))),
    fc.nat(cursor.length).map((n) => cursor.slice(0, n)),
    fc.string({ maxLength: 20 }).map((s) => cursor + s),
    fc.string({ maxLength: 40 }).map((s) => `${cursor.split('.')[0]}.${s}`),
    fc.constant(Buffer.from(JSON.stringify({ s: 'CUST_ALL', k: { pk: 'x', sk: 'y' } })).toString('base64url')),
  );

const jsonBody = fc.oneof(
  fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
  fc
    .dictionary(
      fc.constantFrom(
        'name',
        'ownerId',
        'kind',
        'summary',
        'at',
        'role',
        'action',
        'customerId',
        'severity',
        'category',
        'description',
        'phones',
        'emails',
        'tier',
        'days',
        'status',
        'templateId',
        'questions',
        'channel',
        'zzz',
      ),
      fc.oneof(nastyString, fc.anything()),
    )
    .map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constantFrom('', '{', '[]', 'null', '{"name":"x",', 'name,phone\n"x'),
);

type Route = (typeof routes)[number];

/** The event API Gateway hands the function (decoded path parameters, query values, text body). */
async function invoke(
  route: Route,
  pathParameters: Record<string, string>,
  query: Record<string, string>,
  headers: Record<string, string>,
  body?: string,
) {
  const key = routeKey(route);
  const event = {
    version: '2.0',
    routeKey: key,
    rawPath: route.path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: {
      http: { method: route.method, path: route.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'fuzz' },
      routeKey: key,
      stage: '$default',
      requestId: 'fuzz',
      timeEpoch: Date.now(),
    },
    body: body || undefined,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  // The function API Gateway integrates the route with (lib/http/route-functions.ts).
  const name = functionOf(route);
  const handler = (await loadFunction(name))!;
  return (await handler(event, lambdaContext(name))) as APIGatewayProxyStructuredResultV2;
}

describe('every REST route under fuzzed input', () => {
  let app: TestApp;
  let realCursor: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    await seedStaff(app.ctx, ['U0AGENT', 'U1']);
    for (const name of ['Fuzz A', 'Fuzz B', 'Fuzz C']) {
      const res = await app.api('/api/customers', { method: 'POST', json: { name, ownerId: 'U0AGENT' } });
      ids.customer = ((await res.json()) as { id: string }).id;
    }
    realCursor = ((await (await app.api('/api/customers?limit=1')).json()) as { cursor: string }).cursor;
    expect(realCursor).toBeTruthy();
  });
  afterAll(() => app.close());

  const apiRoutes = routes.filter((r) => r.fn === 'api');

  const caseFor = (path: string) => {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    return fc
      .record({
        params: fc.tuple(...names.map(() => fc.oneof(nastyString, fc.constant(ids.customer!)))),
        query: fc.dictionary(fc.constantFrom(...QUERY_NAMES), fc.oneof(nastyString, tamper(realCursor)), { maxKeys: 4 }),
        body: jsonBody,
        contentType: fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/x-www-form-urlencoded', ''),
        ifMatch: fc.option(fc.constantFrom('1', '0', '-1', 'abc', '99999999999999999999', '"1"'), { nil: undefined }),
        idempotencyKey: fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('k'.repeat(500))), { nil: undefined }),
        accept: fc.constantFrom('application/json', 'text/csv', '*/*'),
      })
      .map((c) => ({ ...c, pathParameters: Object.fromEntries(names.map((n, i) => [n, c.params[i]!])) }));
  };

  for (const route of apiRoutes) {
    it(`${route.method} ${route.path}: ${CASES} fuzzed requests, no 5xx, refusals change nothing`, async () => {
      const cases = fc.sample(caseFor(route.path), { numRuns: CASES, seed: 13 });
      // Jobs accepted by an earlier route (imports, exports) finish in the background: let them land first.
      await Promise.all([importJobsSettled(), exportJobsSettled()]);
      const before = await tableSnapshot(app.ctx);
      const failures: string[] = [];
      let accepted = 0;
      for (let i = 0; i < cases.length; i += PARALLEL) {
        await Promise.all(
          cases.slice(i, i + PARALLEL).map(async (c) => {
            const headers: Record<string, string> = { accept: c.accept, authorization: `Bearer ${app.apiKey}` };
            if (c.contentType) headers['content-type'] = c.contentType;
            if (c.ifMatch) headers['if-match'] = c.ifMatch;
            if (c.idempotencyKey) headers['idempotency-key'] = c.idempotencyKey;
            const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
            const res = await invoke(route, c.pathParameters, c.query, headers, hasBody ? c.body : undefined);
            const text = res.body ?? '';
            const status = res.statusCode ?? 200;
            const shown = `${route.method} ${JSON.stringify(c.pathParameters).slice(0, 80)} ${JSON.stringify(c.query).slice(0, 120)} ${hasBody ? c.body.slice(0, 120) : ''}`;
            if (status >= 500) failures.push(`${status} ${shown} → ${text.slice(0, 200)}`);
            else if (status < 400) accepted += 1;
          }),
        );
      }
      expect(failures.slice(0, 5), `${failures.length} answers of 5xx`).toEqual([]);
      // Reads audited on success (export, restricted fields) and accepted writes may change the table; refusals never.
      if (accepted === 0) {
        await Promise.all([importJobsSettled(), exportJobsSettled()]);
        expect(await tableSnapshot(app.ctx)).toEqual(before);
      }
    });
  }
});
