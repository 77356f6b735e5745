import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope } from '../../lib/domain/api-scopes';
import { increments, metric } from '../../lib/domain/metrics';
import type { Role } from '../../lib/domain/staff';
import { generateApiKey, hashApiKey } from '../../lib/http/auth';
import { routeKey, routes } from '../../lib/http/routes';
import { routeScopes } from '../../lib/http/scopes';
import { outboxNotices } from '../../lib/notify/outbox';
import { findCustomers } from '../../lib/services/customer-lookup';
import { importJobsSettled } from '../../lib/services/import-dispatch';
import { seedStaff, startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

/** Issue 13: regression tests for the defects the attack on the local stack found. */
describe('hardening regressions', () => {
  let app: TestApp;
  let customerId: string;

  beforeAll(async () => {
    app = await startTestApp();
    await seedStaff(app.ctx, ['U0AGENT', 'U1']);
    const res = await app.api('/api/customers', {
      method: 'POST',
      json: { name: 'Hard Target', ownerId: 'U0AGENT', phones: ['13912348475'] },
    });
    customerId = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => app.close());

  it('#1 refuses months outside 2000–2100 instead of freezing', async () => {
    for (const month of ['0001-02', '0000-01', '0001-01', '1999-12', '2101-01']) {
      const res = await app.api(`/api/reports/monthly?month=${month}`);
      expect(res.status, month).toBe(422);
      expect(JSON.stringify(await res.json())).toContain('month');
    }
    expect((await app.api('/api/reports/monthly?month=2000-01')).status).toBe(200);
  });

  it('#4 twenty simultaneous notes on one customer all land; the latest time wins', async () => {
    const base = Date.parse('2026-03-01T00:00:00Z');
    const times = Array.from({ length: 20 }, (_, i) => new Date(base + ((i * 7) % 20) * 60_000).toISOString());
    const results = await Promise.all(
      times.map((at, i) =>
        app.api(`/api/customers/${customerId}/interactions`, { method: 'POST', json: { kind: 'note', summary: `note ${i}`, at } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(times.map(() => 201));
    const customer = (await (await app.api(`/api/customers/${customerId}`)).json()) as { lastInteractionAt: string };
    expect(customer.lastInteractionAt).toBe(times.slice().sort().at(-1));
    const timeline = (await (await app.api(`/api/customers/${customerId}/interactions?limit=100`)).json()) as { items: unknown[] };
    expect(timeline.items).toHaveLength(20);
  });

  it('#5 refuses a contact in the future (or before 2000), changing nothing', async () => {
    const before = await tableSnapshot(app.ctx);
    for (const at of ['2099-01-01T00:00:00Z', new Date(Date.now() + 3_600_000).toISOString(), '1970-01-01T00:00:00Z']) {
      const res = await app.api(`/api/customers/${customerId}/interactions`, { method: 'POST', json: { kind: 'call', summary: 'x', at } });
      expect(res.status, at).toBe(422);
      expect(JSON.stringify(await res.json())).toContain('"at"');
    }
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('#6 PUT staff without a role keeps the role', async () => {
    const put = (body: unknown) => app.api('/api/staff/U0MGR6', { method: 'PUT', json: body });
    expect((await put({ name: 'Mei', role: 'manager' })).status).toBe(200);
    const res = await put({ name: 'Mei Li', locale: 'en' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Mei Li', role: 'manager', locale: 'en' });
    expect((await app.ctx.store.staff.get('U0MGR6'))?.role).toBe('manager');
  });

  it('#7 report CSV keeps owner ids as text and reports ids with dots whole', async () => {
    const owners = ['=HYPERLINK("http://x")', '@SUM(A1)', '+1234', 'ops.team.lead', '100%.sure'];
    for (const owner of owners)
      await app.ctx.store.transact(
        app.ctx.store.counters.incrementOps('2026-05-10', increments([metric.complaintOpened('major', 'delivery')], owner)),
      );
    const json = (await (await app.api('/api/reports/monthly?month=2026-05')).json()) as {
      owners: Array<{ ownerId: string; opened: number }>;
    };
    expect(json.owners.map((o) => o.ownerId).sort()).toEqual([...owners].sort());
    expect(json.owners.every((o) => o.opened === 1)).toBe(true);
    const csv = await (await app.api('/api/reports/monthly?month=2026-05', { headers: { accept: 'text/csv' } })).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const ids = new Set(rows.filter((r) => r.section === 'owner').map((r) => r.owner_id));
    expect([...ids].sort()).toEqual([`'+1234`, `'=HYPERLINK("http://x")`, `'@SUM(A1)`, '100%.sure', 'ops.team.lead']);
  });

  it('#8 an erased imported customer can be imported again from the same file', async () => {
    const csv = 'name,phone,owner\nErased Person,13800001111,U0AGENT\n';
    const importCsv = async () => {
      const started = await app.api('/api/customers/import', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: string };
      await importJobsSettled();
      return (await (await app.api(`/api/imports/${id}`)).json()) as { created: number; skipped: number };
    };
    expect(await importCsv()).toMatchObject({ created: 1, skipped: 0 });
    const found = (await (await app.api('/api/customers?phone=13800001111')).json()) as { items: Array<{ id: string }> };
    expect((await app.api(`/api/customers/${found.items[0]!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await importCsv()).toMatchObject({ created: 1, skipped: 0 });
  });

  const keyWith = async (name: string, scopes: ApiScope[], role?: Role) => {
    const key = generateApiKey();
    await app.ctx.store.apiKeys.put({
      hash: hashApiKey(key),
      name,
      prefix: key.slice(0, 8),
      createdAt: new Date().toISOString(),
      scopes,
      ...(role ? { role } : {}),
    });
    return (path: string, init: RequestInit & { json?: unknown } = {}) =>
      app.api(path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${key}` } });
  };

  it('#10 every API-key route needs a scope; a least-privilege key reads customers only, as an agent', async () => {
    for (const r of routes.filter((x) => x.auth === 'apiKey')) expect(routeScopes[routeKey(r)], routeKey(r)).toBeDefined();
    const reader = await keyWith('crm-reader', ['customers:read']);
    const customer = (await (await reader(`/api/customers/${customerId}`)).json()) as { phones: string[] };
    expect(customer.phones).toEqual(['+86139****8475']);
    const before = await tableSnapshot(app.ctx);
    for (const [method, path, body] of [
      ['GET', `/api/customers/${customerId}/export`],
      ['PUT', '/api/staff/U0EVIL1', { name: 'Evil', role: 'admin' }],
      ['POST', '/api/customers', { name: 'x', ownerId: 'U1' }],
      ['GET', '/api/reports/monthly?month=2026-01'],
      ['DELETE', `/api/customers/${customerId}`],
    ] as const) {
      const res = await reader(path, { method, ...(body ? { json: body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.stringify(await res.json())).toContain('scope');
    }
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('#10 audit entries name the key that acted', async () => {
    const writer = await keyWith('erp-sync', ['customers:write', 'customers:read'], 'agent');
    const res = await writer('/api/customers', { method: 'POST', json: { name: 'Via Key', ownerId: 'U0AGENT' } });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const audit = await app.ctx.store.audit.forRecord('customer', id, 10);
    expect(audit.items.map((a) => (a as { actor: string }).actor)).toContain('apikey:erp-sync');
  });

  it('#11 tampered cursors, over-long ids and far dates are 4xx, never 500', async () => {
    for (const name of ['Cursor A', 'Cursor B']) await app.api('/api/customers', { method: 'POST', json: { name, ownerId: 'U0AGENT' } });
    const { cursor } = (await (await app.api('/api/customers?limit=1')).json()) as { cursor: string };
    expect((await app.api(`/api/customers?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
    const [payload, mac] = cursor.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify({ s: 'CUST_ALL', k: { pk: 'CUST#x', sk: 'PROFILE', gsi4pk: 'CUST_ALL', gsi4sk: 'a' } }),
    ).toString('base64url');
    for (const bad of [`${payload}x.${mac}`, `${payload}.${mac.slice(1)}`, forged, `${forged}.${mac}`, payload]) {
      const res = await app.api(`/api/customers?limit=1&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
    }
    const longId = 'c'.repeat(2100);
    for (const path of [
      `/api/customers/${longId}`,
      `/api/complaints/${longId}`,
      `/api/tasks/${longId}`,
      `/api/customers?ownerId=${longId}`,
    ]) {
      const res = await app.api(path);
      expect(res.status, path.slice(0, 40)).toBe(422);
    }
    for (const q of ['createdFrom=9999-12-31', 'createdTo=0001-01-01', 'createdFrom=9999-12-31T00:00:00Z']) {
      const res = await app.api(`/api/complaints?${q}`);
      expect(res.status, q).toBe(422);
      expect(JSON.stringify(await res.json())).toContain(q.split('=')[0]);
    }
    expect((await app.api('/api/tasks?dueFrom=9999-01-01')).status).toBe(422);
  });

  it('#14 a refused reveal is audited; the outbox log masks e-mail addresses', async () => {
    const agent = await keyWith('agent-key', ['customers:read'], 'agent');
    const res = await agent(`/api/customers/${customerId}?include=restricted`);
    expect(res.status).toBe(403);
    const audit = await app.ctx.store.audit.forRecord('customer', customerId, 50);
    expect(audit.items).toContainEqual(expect.objectContaining({ action: 'customer.restricted_read_refused', actor: 'apikey:agent-key' }));
    const lines: string[] = [];
    await outboxNotices((l) => lines.push(l)).send(
      { email: 'li.lei@example.com' },
      { kind: 'survey-invitation', locale: 'en', company: 'CareLoop', greeting: 'Dear Mr Li', link: 'https://x/s/t', expiryDays: 7 },
    );
    expect(lines.join('\n')).not.toContain('li.lei@example.com');
    expect(lines.join('\n')).toContain('l***@example.com');
  });

  it('#3 phone lookups by an agent are limited per hour, and repeated misses are audited', async () => {
    const agent = { id: 'U0GUESS1', kind: 'staff', role: 'agent' } as const;
    const now = new Date('2026-06-01T10:15:00Z');
    const guesses = Array.from({ length: 30 }, (_, i) => `1391234${String(8400 + i).padStart(4, '0')}`);
    for (const g of guesses) await findCustomers(app.ctx, agent, g, 5, now);
    await expect(findCustomers(app.ctx, agent, '13912348475', 5, now)).rejects.toMatchObject({
      code: 'rate_limited',
      key: 'error.lookup_limit',
    });
    // The next hour starts afresh; supervisors are not limited.
    expect(await findCustomers(app.ctx, agent, '13912348475', 5, new Date('2026-06-01T11:00:00Z'))).toHaveLength(1);
    expect(await findCustomers(app.ctx, { id: 'U0SUPER9', kind: 'staff', role: 'supervisor' }, '13912348475', 5, now)).toHaveLength(1);
    const audit = await app.ctx.store.audit.forRecord('staff', 'U0GUESS1', 50);
    expect(audit.items.filter((a) => a.action === 'customer.lookup_misses')).toHaveLength(6);
  });
});
