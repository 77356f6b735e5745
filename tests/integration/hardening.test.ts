import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
