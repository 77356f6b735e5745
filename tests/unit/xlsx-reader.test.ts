import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/domain/errors';
import { readXlsx } from '../../lib/files/xlsx';
import { writeXlsx } from '../../lib/files/xlsx-writer';

/**
 * The .xlsx reader (read-excel-file) against workbooks written by exceljs, a tool
 * we did not write: shared strings, typed cells and the cases a person's
 * spreadsheet has (blank leading rows and columns, formulas, several sheets).
 */
async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  fill(book);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a rejection');
};

describe('readXlsx', () => {
  it('reads every cell as the text Excel shows: numbers, phones, dates, formulas, rich text, booleans', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('客户');
      sheet.addRow(['name', 'phone', 'birthday', 'met', 'score', 'total', 'note', 'vip']);
      const row = sheet.addRow([
        '  张三 ',
        13800138000,
        new Date(Date.UTC(1990, 4, 17)),
        new Date(Date.UTC(2026, 2, 1, 9, 30)),
        0.5,
        { formula: 'E2*2', result: 1 },
        { richText: [{ text: '老' }, { text: '客户', font: { bold: true } }] },
        true,
      ]);
      row.getCell(2).numFmt = '0';
      row.getCell(3).numFmt = 'yyyy-mm-dd';
      row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm';
    });
    const { rows, sheet } = await readXlsx(bytes);
    expect(sheet).toBe('客户');
    expect(rows).toEqual([
      { line: 1, cells: ['name', 'phone', 'birthday', 'met', 'score', 'total', 'note', 'vip'] },
      { line: 2, cells: ['张三', '13800138000', '1990-05-17', '2026-03-01T09:30:00Z', '0.5', '1', '老客户', 'true'] },
    ]);
  });

  it('keeps Excel line numbers across blank rows, leaves blank rows out and ends a row at its last filled cell', async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet('S');
      sheet.getCell('A3').value = 'name';
      sheet.getCell('B3').value = 'phone';
      sheet.getCell('A4').value = '李四';
      sheet.getCell('A6').value = '王五';
      sheet.getCell('B6').value = '139 0000 0000';
      sheet.getCell('D6').value = '   ';
    });
    expect((await readXlsx(bytes)).rows).toEqual([
      { line: 3, cells: ['name', 'phone'] },
      { line: 4, cells: ['李四'] },
      { line: 6, cells: ['王五', '139 0000 0000'] },
    ]);
  });

  it('reads the sheet named in the request, and names the sheets when it is missing', async () => {
    const bytes = await workbook((book) => {
      book.addWorksheet('Notes').addRow(['not customers']);
      book.addWorksheet('客户 & <VIP>').addRow(['name']);
    });
    expect(await readXlsx(bytes, '客户 & <VIP>')).toEqual({ sheet: '客户 & <VIP>', rows: [{ line: 1, cells: ['name'] }] });
    const error = await errorOf(readXlsx(bytes, 'Customers'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('validation_failed');
    expect(error.key).toBe('import.error.sheet');
    expect(error.params).toEqual({ sheet: 'Customers', sheets: 'Notes, 客户 & <VIP>' });
  });

  it('refuses a file that is not a workbook with a bad_request naming the file', async () => {
    for (const bytes of [Buffer.from('PK\u0003\u0004 not a zip'), Buffer.from('name,phone\n张三,1\n')]) {
      const error = await errorOf(readXlsx(bytes));
      expect(error.code).toBe('bad_request');
      expect(error.details).toEqual({ field: 'file', reason: 'malformed_xlsx' });
      expect(error.key).toBe('import.error.xlsx');
    }
  });

  it('reads a Buffer that is a view into a larger pooled buffer', async () => {
    const bytes = await workbook((book) => void book.addWorksheet('S').addRow(['x']));
    const pooled = Buffer.concat([Buffer.from('garbage before'), bytes, Buffer.from('after')]);
    const view = pooled.subarray(14, 14 + bytes.length);
    expect((await readXlsx(view)).rows).toEqual([{ line: 1, cells: ['x'] }]);
  });
});

describe('writeXlsx', () => {
  it('writes text cells exceljs reads back as text, formula-like text included', async () => {
    const bytes = await writeXlsx('customers', [
      ['name', 'phone'],
      ["'=CMD|1", '13800138000'],
      ['张三', ''],
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('customers')!;
    expect(sheet.getCell('A2').value).toBe("'=CMD|1");
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('B2').value).toBe('13800138000');
    expect(sheet.getCell('A3').value).toBe('张三');
    expect((await readXlsx(bytes)).rows.map((r) => r.cells)).toEqual([['name', 'phone'], ["'=CMD|1", '13800138000'], ['张三']]);
  });
});
