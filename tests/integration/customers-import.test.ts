import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('customer CSV import', () => {
  let app: TestApp;
  const importCsv = async (csv: string | Buffer, type = 'text/csv') => {
    const res = await app.api('/api/customers/import', { method: 'POST', headers: { 'content-type': type }, body: typeof csv === 'string' ? csv : new Uint8Array(csv) });
    return { status: res.status, body: (await res.json()) as Json };
  };
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const csv = [
    '姓名,电话,Email,City,Owner,Birthday,Purchase Amount,Purchase Count,External ID',
    '张三,13800138000,zs@example.com,上海,U0AG1,1990-05-06,"120,000",15,ERP-1',
    'Emily Johnson,+1 415 555 2671,emily@example.com,Shanghai,U0AG2,03-14,,,ERP-2',
    ',13800138001,,北京,U0AG1,,,,ERP-3',
    '李四,12345,,北京,U0AG1,,,,ERP-4',
    '王五,13800138002,bad-email,北京,U0AG1,02-30,,,ERP-5',
    '赵六,13800138000,,广州,U0AG1,,,,ERP-6',
  ].join('\n');

  it('writes the valid rows and reports every invalid row with its line and reason', async () => {
    const { status, body } = await importCsv(csv);
    expect(status).toBe(201);
    expect(body).toMatchObject({ rows: 6, created: 2, skipped: 0 });
    expect(body.invalid.map((r: Json) => r.line)).toEqual([4, 5, 6, 7]);
    expect(body.invalid[0].field).toBe('name');
    expect(body.invalid[1].reason).toMatch(/phone/);
    expect(body.invalid[3].reason).toMatch(/already belongs/);
    const zs = (await (await app.api('/api/customers?q=zs')).json()) as Json;
    expect(zs.items.map((i: Json) => i.name)).toContain('张三');
    const full = (await (await app.api(`/api/customers/${body.createdIds[0]}`)).json()) as Json;
    expect(['A', 'C']).toContain(full.tier);
  });

  it('creates nothing when the same file is imported again', async () => {
    const before = await tableSnapshot(app.ctx);
    const { status, body } = await importCsv(csv);
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 0, skipped: 2 });
    expect(body.invalid).toHaveLength(4);
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('refuses malformed CSV with the line (400) and writes nothing', async () => {
    const before = await tableSnapshot(app.ctx);
    const { status, body } = await importCsv('name,phone\n"unclosed,13800000000\nx,y');
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/CSV/);
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('refuses other content types (415) and more than 10,000 rows (413)', async () => {
    expect((await importCsv('name\nx', 'application/json')).status).toBe(415);
    const big = ['name,owner', ...Array.from({ length: 10_001 }, (_, i) => `N${i},U1`)].join('\n');
    expect((await importCsv(big)).status).toBe(413);
  });
});
