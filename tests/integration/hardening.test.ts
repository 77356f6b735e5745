import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { increments, metric } from '../../lib/domain/metrics';
import { startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

/** Issue 13: regression tests for the defects the attack on the local stack found. */
describe('hardening regressions', () => {
  let app: TestApp;
  let customerId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const res = await app.api('/api/customers', { method: 'POST', json: { name: 'Hard Target', ownerId: 'U0AGENT', phones: ['13912348475'] } });
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
    const results = await Promise.all(times.map((at, i) => app.api(`/api/customers/${customerId}/interactions`, { method: 'POST', json: { kind: 'note', summary: `note ${i}`, at } })));
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
    for (const owner of owners) await app.ctx.store.transact(app.ctx.store.counters.incrementOps('2026-05-10', increments([metric.complaintOpened('major', 'delivery')], owner)));
    const json = (await (await app.api('/api/reports/monthly?month=2026-05')).json()) as { owners: Array<{ ownerId: string; opened: number }> };
    expect(json.owners.map((o) => o.ownerId).sort()).toEqual([...owners].sort());
    expect(json.owners.every((o) => o.opened === 1)).toBe(true);
    const csv = await (await app.api('/api/reports/monthly?month=2026-05', { headers: { accept: 'text/csv' } })).text();
    const rows = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    const ids = new Set(rows.filter((r) => r.section === 'owner').map((r) => r.owner_id));
    expect([...ids].sort()).toEqual([`'+1234`, `'=HYPERLINK("http://x")`, `'@SUM(A1)`, '100%.sure', 'ops.team.lead']);
  });

  it('#8 an erased imported customer can be imported again from the same file', async () => {
    const csv = 'name,phone,owner\nErased Person,13800001111,U0AGENT\n';
    const importCsv = async () => (await (await app.api('/api/customers/import', { method: 'POST', body: csv, headers: { 'content-type': 'text/csv' } })).json()) as { created: number; skipped: number; createdIds: string[] };
    const first = await importCsv();
    expect(first.created).toBe(1);
    expect((await app.api(`/api/customers/${first.createdIds[0]}`, { method: 'DELETE' })).status).toBe(204);
    const again = await importCsv();
    expect(again).toMatchObject({ created: 1, skipped: 0 });
  });
});
