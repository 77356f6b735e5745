import { performance } from 'node:perf_hooks';
import { loadConfig } from '../lib/config';
import { rowFingerprint, rowToCustomerInput } from '../lib/domain/customer-csv';
import { decodeText } from '../lib/domain/import-encoding';
import { planImport, readCsv } from '../lib/domain/import-table';
import { systemActor } from '../lib/domain/staff';
import { readXlsx } from '../lib/files/xlsx';
import { writeXlsx } from '../lib/files/xlsx-writer';
import { outboxNotices } from '../lib/notify/outbox';
import { createContext } from '../lib/services/context';
import { customerBulkWrites, newCustomer } from '../lib/services/customers';
import { createStore } from '../lib/store';
import { createDb } from '../lib/store/db';
import { gbkEncoder } from '../tests/support/gbk';
import { isMain, round, writeResult } from './support';

/**
 * Where an import's CPU time goes on the Node side, without DynamoDB: decoding
 * and parsing the file, planning rows, and preparing each row's writes (the
 * customer record, its name keys with pinyin, claims and care schedule). What
 * is left of the end-to-end time in bench/import.ts is DynamoDB round trips.
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);

export async function profileImport(): Promise<Record<string, unknown>> {
  const config = loadConfig({ ...process.env, DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', LOG_LEVEL: 'ERROR' });
  const ctx = createContext({
    config,
    store: createStore(createDb({ tableName: 'profile', endpoint: 'http://127.0.0.1:9' })),
    notices: outboxNotices(),
  });
  const family = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const table = [
    ['姓名', '电话', '邮箱', '城市', '负责人', '生日', '购买金额', '标签'],
    ...Array.from({ length: ROWS }, (_, i) => [
      `${family[i % family.length]}客户${i}`,
      `139${String(i).padStart(8, '0')}`,
      `c${i}@example.com`,
      '上海',
      'U0BENCH1',
      '1980-05-06',
      String(i * 7),
      i % 3 ? '老客户' : '',
    ]),
  ];
  const csv = gbkEncoder()(`${table.map((r) => r.join(',')).join('\r\n')}\r\n`);
  const xlsx = await writeXlsx('客户', table);
  const time = async <T>(run: () => T | Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const out = await run();
    return [out, performance.now() - t0];
  };
  const [text, decodeMs] = await time(() => decodeText(csv).text);
  const [sheet, parseMs] = await time(() => readCsv(text));
  const [, xlsxMs] = await time(() => readXlsx(xlsx));
  const [plan, planMs] = await time(() => planImport(sheet, ROWS));
  const now = new Date();
  const cpuBefore = process.cpuUsage();
  const [, prepareMs] = await time(() => {
    for (const row of plan.rows) {
      const customer = newCustomer(ctx, systemActor, { ...rowToCustomerInput(row.record), ownerId: 'U0BENCH1' }, now);
      customerBulkWrites(ctx, customer, now, [{ key: 'import', value: rowFingerprint(row.record), importId: 'imp_x' }]);
    }
  });
  const prepareCpu = process.cpuUsage(cpuBefore);
  const perRow = (ms: number) => round((ms / ROWS) * 1000, 1);
  const figures = {
    rows: ROWS,
    gbk_decode_ms: round(decodeMs),
    csv_parse_ms: round(parseMs),
    xlsx_read_ms: round(xlsxMs),
    plan_ms: round(planMs),
    prepare_rows_ms: round(prepareMs),
    prepare_microseconds_per_row: perRow(prepareMs),
    // CPU time, not wall clock: comparable between runs on a machine shared with other work.
    prepare_cpu_microseconds_per_row: perRow((prepareCpu.user + prepareCpu.system) / 1000),
    machine_load_average: (await import('node:os')).loadavg().map((l) => round(l)),
  };
  console.log(JSON.stringify(figures));
  return figures;
}

if (isMain(import.meta.url)) {
  profileImport()
    .then((r) => writeResult('import-profile', r))
    .then(() => process.exit(0));
}
