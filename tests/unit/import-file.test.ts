import { describe, expect, it } from 'vitest';
import { decodeText } from '../../lib/domain/import-encoding';
import { planImport, readCsv } from '../../lib/domain/import-table';
import { neutraliseCell, toSafeCsv } from '../../lib/domain/spreadsheet-cell';
import type { Staff } from '../../lib/domain/staff';
import { staffDirectory } from '../../lib/domain/staff-reference';

describe('import file decoding', () => {
  it('detects the encoding from the bytes', () => {
    expect(decodeText(Buffer.from('name\n张三\n')).encoding).toBe('utf-8');
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('name\n张三\n')]))).toEqual({
      text: 'name\n张三\n',
      encoding: 'utf-8',
    });
    expect(decodeText(Buffer.from([0x6e, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd]))).toEqual({ text: 'n\n张三', encoding: 'gb18030' });
    expect(decodeText(Buffer.from('name,phone\nab,12\n', 'utf16le'))).toEqual({ text: 'name,phone\nab,12\n', encoding: 'utf-16le' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('名字\n', 'utf16le')])).text).toBe('名字\n');
  });

  it('refuses binary data, spreadsheets sent as CSV and unknown encodings', () => {
    expect(() => decodeText(Buffer.from([0x61, 0x00, 0x62, 0x63, 0x64]))).toThrow(/binary/);
    expect(() => decodeText(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toThrow(/spreadsheet/);
    expect(() => decodeText(Buffer.from([0x61, 0x0a, 0xff, 0xff, 0x80]))).toThrow(/not text in UTF-8, UTF-16 or GB18030/);
  });
});

describe('import plan', () => {
  const plan = (csv: string, max = 10) => planImport(readCsv(csv), max);

  it('maps English and Chinese headers, warns once per unknown column, marks cell-count mismatches', () => {
    const p = plan('姓名,Phone,Colour\n张三,138,red\n李四,139\n王五,137,x,y\n');
    expect(p.columns.map((c) => c.field)).toEqual(['name', 'phones', undefined]);
    expect(p.warnings).toHaveLength(1);
    expect(p.rows[0]).toMatchObject({ line: 2, record: { name: '张三', phones: '138' } });
    expect(p.rows[0]!.problem).toBeUndefined();
    expect(p.rows[1]!.problem).toMatchObject({ line: 3, column: 'C (Colour)' });
    expect(p.rows[2]!.problem).toMatchObject({ line: 4, column: 'D' });
  });

  it('takes the apostrophe our own CSVs add off formula-like text', () => {
    expect(plan("name,phone\n'=x,'+8613800138000\n").rows[0]!.record).toEqual({ name: '=x', phones: '+8613800138000' });
  });

  it('refuses empty files, header only, duplicated or missing columns and too many rows', () => {
    expect(() => plan('')).toThrow(/empty/);
    expect(() => plan('name,phone\n')).toThrow(/no customer rows/);
    expect(() => plan('name,客户名称\nx,y')).toThrow(/column B \(客户名称\): duplicates column A \(name\)/);
    expect(() => plan('phone\n1')).toThrow(/no name column/);
    expect(() => plan('name,\nx,y')).toThrow(/header is empty/);
    expect(() => plan('name\na\nb\nc', 2)).toThrow(/3 customer rows; at most 2/);
    expect(() => readCsv('name\n"open\n')).toThrow(/at line/);
  });
});

describe('spreadsheet cells', () => {
  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const bad of ['=1+1', '+86 138', '-2', '@SUM(A1)', '\t=1', '\r=1']) expect(neutraliseCell(bad)).toBe(`'${bad}`);
    expect(neutraliseCell('张三')).toBe('张三');
    expect(neutraliseCell(-2)).toBe(-2);
    expect(toSafeCsv([['a', '=b']])).toBe("\uFEFFa,'=b\r\n");
  });
});

describe('staff references', () => {
  const member = (slackUserId: string, name: string, email?: string): Staff => ({
    slackUserId,
    name,
    role: 'agent',
    email,
    createdAt: '',
    updatedAt: '',
    version: 1,
  });
  const dir = staffDirectory([member('U0A1', '王小明', 'wang@example.com'), member('U0A2', 'Li Lei'), member('U0A3', 'Li Lei')]);
  it('resolves an id, an e-mail or a name to exactly one staff member', () => {
    expect(dir.resolve('U0A1')).toMatchObject({ staff: { slackUserId: 'U0A1' } });
    expect(dir.resolve('WANG@example.com')).toMatchObject({ staff: { slackUserId: 'U0A1' } });
    expect(dir.resolve(' 王小明 ')).toMatchObject({ staff: { slackUserId: 'U0A1' } });
    expect(dir.resolve('Li Lei')).toMatchObject({ reason: expect.stringMatching(/names 2 staff members/) });
    expect(dir.resolve('U_NOBODY')).toMatchObject({ reason: expect.stringMatching(/not in the staff directory/) });
  });
});
