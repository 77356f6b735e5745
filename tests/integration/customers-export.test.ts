import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../lib/domain/errors';
import { systemActor } from '../../lib/domain/staff';
import { readXlsx } from '../../lib/files/xlsx';
import { exportJobsSettled } from '../../lib/services/export-dispatch';
import { startExport } from '../../lib/services/export-jobs';
import { upsertStaff } from '../../lib/services/staff';
import { startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('customer export as a job', () => {
  let app: TestApp;
  const exportBook = async (body: unknown) => {
    const res = await app.api('/api/customers/export', { method: 'POST', json: body });
    const started = (await res.json()) as Json;
    expect(res.status, JSON.stringify(started)).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/exports/${started.id}`);
    await exportJobsSettled();
    const report = (await (await app.api(started.location)).json()) as Json;
    expect(report.status, JSON.stringify(report)).toBe('done');
    const file = await app.api(report.file);
    expect(file.status).toBe(200);
    return { report, file, bytes: Buffer.from(await file.arrayBuffer()) };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0EX1', name: 'Export One', role: 'agent' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0EX2', name: 'Export Two', role: 'agent' }, now);
    const create = async (body: Json) => expect((await app.api('/api/customers', { method: 'POST', json: body })).status).toBe(201);
    await create({ name: '=HYPERLINK("http://evil.example","点我")', ownerId: 'U0EX1', phones: ['13900000001'], tags: ['@vip'] });
    await create({
      name: '张三',
      ownerId: 'U0EX1',
      phones: ['13900000002'],
      emails: ['zs@example.com'],
      birthday: { month: 5, day: 6, year: 1990 },
    });
    await create({ name: 'Emily', ownerId: 'U0EX2', emails: ['emily@example.com'] });
  });
  afterAll(() => app.close());

  it('writes the whole book as CSV with a BOM, every formula-like cell neutralised', async () => {
    const { report, file, bytes } = await exportBook({});
    expect(report.rows).toBe(3);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toContain(`customers-${report.id}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    expect(text).toContain(`'@vip`);
    expect(text).toContain('张三');
    expect(text).toContain('1990-05-06');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFname,kind,company,title,phones,emails,city,region,address,industry,birthday,source,owner,stage,tags,purchase_count,purchase_amount,last_purchase_at,external_id,key_account,vip,locale,id,tier,created_at',
    );
  });

  it('applies the list filters and writes .xlsx on request', async () => {
    const { report, file, bytes } = await exportBook({ format: 'xlsx', ownerId: 'U0EX1' });
    expect(report.rows).toBe(2);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { rows } = await readXlsx(bytes);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.cells[0])).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    expect(rows.slice(1).every((r) => r.cells[12] === 'U0EX1')).toBe(true);
  });

  it('refuses bad filters and agents, writing nothing', async () => {
    const before = await tableSnapshot(app.ctx);
    const bad = await app.api('/api/customers/export', { method: 'POST', json: { format: 'pdf', tier: 'Z' } });
    expect(bad.status).toBe(422);
    const body = JSON.stringify(await bad.json());
    expect(body).toContain('format');
    expect(body).toContain('tier');
    await expect(startExport(app.ctx, { id: 'U0EX1', kind: 'staff', role: 'agent' }, {}, new Date())).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await tableSnapshot(app.ctx)).toEqual(before);
    expect((await app.api('/api/exports/exp_00000000000000000000000000')).status).toBe(404);
  });
});
