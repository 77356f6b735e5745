import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintCategories, complaintChannels, severities, transitionActions } from '../../lib/domain/complaint-schemas';
import { systemActor } from '../../lib/domain/staff';
import { openComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { startTestApp, type TestApp } from '../support/app';

/** Whatever a client sends to the complaint routes, the answer is never a 5xx. */
describe('complaint routes under fuzzed input', () => {
  let app: TestApp;
  let customerId: string;
  let complaintIds: string[];

  beforeAll(async () => {
    app = await startTestApp();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'UAGENT', name: 'Ana', role: 'agent' }, new Date());
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'UOTHER', name: 'Bo', role: 'agent' }, new Date());
    customerId = (await createCustomer(app.ctx, systemActor, { name: 'Fuzz Customer', ownerId: 'UAGENT' }, new Date())).id;
    const agent = { id: 'UAGENT', kind: 'staff' as const, role: 'agent' as const };
    complaintIds = await Promise.all(
      [0, 1, 2].map(
        async () =>
          (await openComplaint(app.ctx, agent, { customerId, channel: 'phone', category: 'other', description: 'fuzz' }, new Date())).id,
      ),
    );
  });
  afterAll(() => app.close());

  const status = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const res = await app.api(path, init);
    const text = await res.text();
    return { status: res.status, text };
  };
  const expectNo5xx = ({ status: s, text }: { status: number; text: string }) => {
    expect(s, text.slice(0, 400)).toBeLessThan(500);
    if (s < 400) return;
    // Ours name the problem in error.message; a path no route matches (an id of "." or "..", which URL
    // normalisation folds away) gets API Gateway's own {"message":"Not Found"}, as in AWS.
    const body = JSON.parse(text) as { error?: { message?: string }; message?: string };
    expect((body.error?.message ?? body.message)?.length, text.slice(0, 400)).toBeGreaterThan(0);
  };

  const isoish = fc.oneof(
    fc.date({ min: new Date('1970-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom(new Date(Date.now() + 3600_000).toISOString(), '2025-13-01T00:00:00Z', 'tomorrow', ''),
    fc.string(),
  );
  const text = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ minLength: 3990, maxLength: 4100 }),
    fc.constant(''),
    fc.integer(),
    fc.constant(null),
  );
  const staffish = fc.oneof(fc.constantFrom('UAGENT', 'UOTHER', 'UNOBODY', 'not-an-id', ''), fc.string());

  const transitionBody = fc.oneof(
    fc.anything(),
    fc.record(
      {
        action: fc.oneof(fc.constantFrom(...transitionActions), fc.string()),
        promisedReplyAt: isoish,
        solution: text,
        rootCause: text,
        compensation: text,
        replyToCustomer: text,
        summary: text,
        reason: text,
        text,
        note: text,
        assigneeId: staffish,
        extra: fc.anything(),
      },
      { requiredKeys: ['action'] },
    ),
  );

  it('answers random transitions with a 2xx or a 4xx, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...[0, 1, 2]),
        transitionBody,
        fc.oneof(fc.constantFrom('1', '2', '3', '"1"', 'W/"2"', '', 'abc', '-1', '99999999999999999999'), fc.string()),
        async (which, body, version) => {
          const headers: Record<string, string> = version ? { 'if-match': version.replace(/[\r\n]/g, '') } : {};
          expectNo5xx(await status(`/api/complaints/${complaintIds[which]}/transitions`, { method: 'POST', json: body, headers }));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('answers random complaint bodies with a 2xx or a 4xx', async () => {
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          customerId: fc.oneof(fc.constant(customerId), fc.string({ maxLength: 3000 })),
          channel: fc.oneof(fc.constantFrom(...complaintChannels), fc.string()),
          category: fc.oneof(fc.constantFrom(...complaintCategories), fc.string()),
          severity: fc.oneof(fc.constantFrom(...severities), fc.integer()),
          description: text,
          receiverId: staffish,
          confirmedWithCustomer: fc.anything(),
          resolvedAtIntake: fc.oneof(fc.anything(), fc.record({ solution: text, rootCause: text, replyToCustomer: text })),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.option(fc.string({ maxLength: 300 })), async (json, key) => {
        const headers: Record<string, string> = key ? { 'idempotency-key': encodeURIComponent(key) } : {};
        expectNo5xx(await status('/api/complaints', { method: 'POST', json, headers }));
      }),
      { numRuns: 100 },
    );
  });

  it('answers random list queries and ids with a 2xx or a 4xx', async () => {
    const query = fc.dictionary(
      fc.constantFrom(
        'status',
        'severity',
        'category',
        'assignee',
        'customerId',
        'overdue',
        'createdFrom',
        'createdTo',
        'limit',
        'cursor',
        'bogus',
      ),
      fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('active', 'open', 'true', '2025-06-01', '2025-06-01T00:00:00Z', '0', '1000', 'critical'),
        fc.string({ maxLength: 3000 }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.string({ maxLength: 3000 }), async (q, id) => {
        expectNo5xx(await status(`/api/complaints?${new URLSearchParams(q).toString()}`));
        expectNo5xx(await status(`/api/complaints/${encodeURIComponent(id) || 'x'}`));
        expectNo5xx(await status(`/api/corrective-actions?${new URLSearchParams(q).toString()}`));
      }),
      { numRuns: 80 },
    );
  });
});
