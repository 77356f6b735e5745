import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { writeXlsx } from '../../lib/files/xlsx-writer';
import { importJobsSettled } from '../../lib/services/import-dispatch';
import { upsertStaff } from '../../lib/services/staff';
import { startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GBK bytes of a string (Node decodes GB18030 but has no encoder): the two-byte codes of the few characters used. */
function gbk(text: string): Buffer {
  const table: Record<string, number[]> = {
    姓: [0xd0, 0xd5],
    名: [0xc3, 0xfb],
    电: [0xb5, 0xe7],
    话: [0xbb, 0xb0],
    负: [0xb8, 0xba],
    责: [0xd4, 0xf0],
    人: [0xc8, 0xcb],
    张: [0xd5, 0xc5],
    三: [0xc8, 0xfd],
    李: [0xc0, 0xee],
    四: [0xcb, 0xc4],
    城: [0xb3, 0xc7],
    市: [0xca, 0xd0],
    上: [0xc9, 0xcf],
    海: [0xba, 0xa3],
  };
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (table[ch]) bytes.push(...table[ch]!);
    else throw new Error(`no GBK code for ${ch} in the test table`);
  }
  const buffer = Buffer.from(bytes);
  expect(new TextDecoder('gb18030').decode(buffer)).toBe(text);
  return buffer;
}

describe('customer import as a job', () => {
  let app: TestApp;
  const upload = async (body: string | Buffer, type = 'text/csv', query = '') => {
    const res = await app.api(`/api/customers/import${query}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as Json };
  };
  /** Upload, wait for the in-process worker, read the report. */
  const importFile = async (body: string | Buffer, type = 'text/csv', query = '') => {
    const started = await upload(body, type, query);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.location).toBe(`/api/imports/${started.body.id}`);
    await importJobsSettled();
    const report = (await (await app.api(started.location!)).json()) as Json;
    return { started: started.body, report };
  };
  const customerItems = async () =>
    (await tableSnapshot(app.ctx)).filter((i) => !i.includes('IMPORT#') && !i.includes('AUDIT#import#') && !i.includes('AUDIT_DAY'));

  beforeAll(async () => {
    app = await startTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AG1', name: '王小明', role: 'agent', email: 'wang@example.com' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AG2', name: 'Emily Stone', role: 'agent' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AG3', name: 'Li Lei', role: 'agent' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AG4', name: 'Li Lei', role: 'agent' }, now);
  });
  afterAll(() => app.close());

  const csv = [
    '姓名,电话,Email,City,Owner,Birthday,Purchase Amount,Purchase Count,External ID,Favourite Colour',
    '张三,13800138000,zs@example.com,上海,wang@example.com,1990-05-06,"120,000",15,ERP-1,red',
    'Emily Johnson,+1 415 555 2671,emily@example.com,Shanghai,Emily Stone,03-14,,,ERP-2,',
    ',13800138001,,北京,U0AG1,,,,ERP-3,blue',
    '李四,12345,,北京,U0AG1,,,,ERP-4,',
    '王五,13800138002,bad-email,北京,U0AG1,02-30,,,ERP-5,',
    '赵六,13800138000,,广州,U0AG1,,,,ERP-6,',
    '孙七,13800138003,,广州,U_NOBODY,,,,ERP-7,',
    '周八,13800138004,,广州,不存在的人,02-30,,,ERP-8,',
    '吴九,13800138005,,广州,Li Lei,,,,ERP-9,',
    '郑十,13800138006,,广州,U0AG1,,,,ERP-10,,extra',
    '钱一,13800138007,,广州',
  ].join('\n');

  it('answers 202 at once, then reports created, invalid rows with line, column and reason, and one warning per unknown column', async () => {
    const { started, report } = await importFile(csv, 'text/csv', '?fileName=erp.csv');
    expect(started).toMatchObject({ status: 'queued', rows: 11, format: 'csv', encoding: 'utf-8' });
    expect(started.warnings).toEqual([{ column: 'J (Favourite Colour)', reason: expect.stringMatching(/maps to no customer field/) }]);
    expect(report).toMatchObject({
      status: 'done',
      rows: 11,
      rowsDone: 11,
      created: 2,
      skipped: 0,
      invalid: 9,
      fileName: 'erp.csv',
      attempts: 1,
    });
    expect(report.seconds).toBeGreaterThanOrEqual(0);
    const byLine = Object.fromEntries(report.invalidRows.map((r: Json) => [r.line, r]));
    expect(Object.keys(byLine).map(Number)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(byLine[4]).toMatchObject({ column: 'A (姓名)', reason: expect.stringMatching(/name/) });
    expect(byLine[5]).toMatchObject({ column: 'B (电话)', reason: expect.stringMatching(/phone/) });
    expect(byLine[6].column).toBe('C (Email)');
    expect(byLine[7]).toMatchObject({ column: 'B (电话)', reason: expect.stringMatching(/line 2/) });
    expect(byLine[8]).toMatchObject({ column: 'E (Owner)', reason: expect.stringMatching(/U_NOBODY.*not in the staff directory/) });
    // every problem of the row at once, not one per upload: the unknown owner and the impossible birthday
    expect(byLine[9]).toMatchObject({ column: 'E (Owner)', reason: expect.stringMatching(/不存在的人.*; birthday/) });
    expect(byLine[10]).toMatchObject({ column: 'E (Owner)', reason: expect.stringMatching(/names 2 staff members/) });
    expect(byLine[11]).toMatchObject({ column: 'K', reason: expect.stringMatching(/11 cells but the header has 10/) });
    expect(byLine[12]).toMatchObject({ column: 'E (Owner)', reason: expect.stringMatching(/4 cells/) });
    const zs = (await (await app.api('/api/customers?phone=13800138000')).json()) as Json;
    expect(zs.items[0]).toMatchObject({ name: '张三', ownerId: 'U0AG1' });
    const emily = (await (await app.api('/api/customers?email=emily@example.com')).json()) as Json;
    expect(emily.items[0].ownerId).toBe('U0AG2');

    const rejected = await app.api(`/api/imports/${report.id}/rejected.csv`);
    expect(rejected.headers.get('content-type')).toMatch(/text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await rejected.arrayBuffer());
    expect(text.startsWith('\uFEFF姓名,电话,Email')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/,line,column,reason$/);
    // A phone that starts with + is neutralised for spreadsheets, and the apostrophe comes off again on re-upload.
    expect(text).not.toMatch(/,=/);
  });

  it('creates nothing when the same file is imported again, and nothing when two uploads run at once', async () => {
    const before = await customerItems();
    const { report } = await importFile(csv);
    expect(report).toMatchObject({ status: 'done', created: 0, skipped: 2, invalid: 9 });
    const [a, b] = await Promise.all([upload(csv), upload(csv)]);
    expect([a.status, b.status]).toEqual([202, 202]);
    await importJobsSettled();
    expect(await customerItems()).toEqual(before);
  });

  it('reads GBK, UTF-16LE and UTF-8 with a BOM from the bytes, whatever the content type says', async () => {
    const gbkFile = gbk('姓名,电话,负责人,城市\r\n李四,13900139000,U0AG1,上海\r\n');
    const g = await importFile(gbkFile, 'application/octet-stream');
    expect(g.started.encoding).toBe('gb18030');
    expect(g.report).toMatchObject({ status: 'done', created: 1 });
    const found = (await (await app.api('/api/customers?phone=13900139000')).json()) as Json;
    expect(found.items[0]).toMatchObject({ name: '李四', address: { city: '上海' } });

    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${'name\tphone\towner\n'.replace(/\t/g, ',')}Utf Sixteen,13900139001,U0AG2\n`, 'utf16le'),
    ]);
    const u = await importFile(utf16);
    expect(u.started.encoding).toBe('utf-16le');
    expect(u.report.created).toBe(1);

    const bom = await importFile(`\uFEFFname,phone,owner\nBom Person,13900139002,U0AG2\n`);
    expect(bom.started.encoding).toBe('utf-8');
    expect(bom.report.created).toBe(1);
  });

  it('imports an .xlsx (first sheet, or the one named) and names a missing sheet', async () => {
    const xlsx = await writeXlsx('客户', [
      ['客户名称', '手机', '负责人', '生日'],
      ['表格客户', '13900139010', 'U0AG1', '1988-02-03'],
      ['=HYPERLINK("http://x")', '13900139011', 'U0AG1', ''],
    ]);
    const x = await importFile(xlsx, XLSX, `?sheet=${encodeURIComponent('客户')}`);
    expect(x.started).toMatchObject({ format: 'xlsx', sheet: '客户', rows: 2 });
    expect(x.report).toMatchObject({ status: 'done', created: 2 });
    const missing = await upload(xlsx, XLSX, '?sheet=Sheet9');
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toMatch(/no sheet "Sheet9".*客户/);
  });

  it('refuses a bad file with a clear error and writes nothing', async () => {
    const before = await tableSnapshot(app.ctx);
    const cases: Array<[string | Buffer, number, RegExp, string?]> = [
      ['name,phone\n"unclosed,13800000000\nx,y', 400, /CSV could not be read at line/],
      [Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x00]), 400, /binary/],
      [Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xff, 0x80, 0x81, 0xff]), 400, /not text in UTF-8, UTF-16 or GB18030/],
      ['', 422, /empty/],
      ['\n\n', 422, /empty/],
      ['name,phone,owner\n', 422, /header but no customer rows/],
      ['name,姓名,phone\nx,y,z', 422, /column B \(姓名\): duplicates column A \(name\)/],
      ['phone,owner\n1,2', 422, /no name column/],
      [['name,owner', ...Array.from({ length: 10_001 }, (_, i) => `N${i},U0AG1`)].join('\n'), 413, /10001 customer rows; at most 10000/],
      ['name\nx', 415, /Content-Type/, 'application/json'],
      [Buffer.alloc(5 * 1024 * 1024, 0x61), 413, /limit/],
      ['name\nx', 422, /owner.*not in the staff directory/, 'text/csv?owner'],
    ];
    for (const [body, status, message, type] of cases) {
      const [contentType, flag] = (type ?? 'text/csv').split('?');
      const res = await upload(body, contentType, flag === 'owner' ? '?owner=U_NOBODY' : '');
      expect(res.status, String(message)).toBe(status);
      expect(res.body.error.message).toMatch(message);
    }
    // A PK zip header that is not a workbook.
    const notXlsx = await upload(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 1)]), XLSX);
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.message).toMatch(/\.xlsx file could not be read/);
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('answers 413 for a body larger than API Gateway takes (10 MB) and 404 for an unknown import', async () => {
    const res = await app.api('/api/customers/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: new Uint8Array(11 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect((await app.api('/api/imports/imp_00000000000000000000000000')).status).toBe(404);
  });
});
