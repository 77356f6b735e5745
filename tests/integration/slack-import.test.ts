import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { writeXlsx } from '../../lib/files/xlsx-writer';
import type { FakeCall, FakeFileObject } from '../../lib/local/fake-slack';
import { state, viewSubmissionPayload } from '../../lib/local/slack-payloads';
import { importJobsSettled } from '../../lib/services/import-dispatch';
import { upsertStaff } from '../../lib/services/staff';
import { IMPORT_FILE_BLOCK, IMPORT_MODAL } from '../../lib/slack/imports';
import { gbkEncoder } from '../support/gbk';
import { type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

/**
 * Customer import through Slack, end to end: signed events and modal
 * submissions to the real handler, the file served by the strict Slack twin
 * only to the bot token, the import job on DynamoDB Local, one message updated
 * in place, and the rejected rows uploaded back the way files.uploadV2 does.
 */
/**
 * 1,200 rows in `npm test` (two chunks and two rejected rows, in seconds); the
 * production size runs with SLACK_IMPORT_TEST_ROWS=10000 (docs/import.md), and
 * bench/import.ts measures 10,000 rows through the same worker.
 */
const ROWS = Number(process.env.SLACK_IMPORT_TEST_ROWS ?? 1_200);
const OWNERS = 5;
/** every 1000th row names an owner who is not staff */
const badRow = (i: number) => i % 1000 === 7;
const INVALID = Array.from({ length: ROWS }, (_, i) => i).filter(badRow).length;
/** the worker writes 250-row chunks and reports after each; a smaller file has fewer steps */
const CHUNKS = Math.ceil(ROWS / 250);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function customerTable(rows: number, phonePrefix: string): string[][] {
  const cities = ['上海', '北京', '广州', '深圳'];
  return [
    ['姓名', '电话', '邮箱', '城市', '负责人', '颜色'],
    ...Array.from({ length: rows }, (_, i) => [
      `客户${phonePrefix}${i}`,
      `${phonePrefix}${String(i).padStart(8, '0')}`,
      `c${phonePrefix}${i}@example.com`,
      cities[i % cities.length]!,
      badRow(i) ? 'U_NOBODY' : `U0OWN${i % OWNERS}`,
      i % 2 ? '红' : '',
    ]),
  ];
}
const toCsv = (table: string[][]) => `${table.map((r) => r.join(',')).join('\r\n')}\r\n`;

describe('customer import from Slack', () => {
  let app: SlackTestApp;
  const gbk = gbkEncoder();

  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0MGRZH', name: '王经理', role: 'manager', locale: 'zh-CN' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0MGREN', name: 'Mary Major', role: 'manager', locale: 'en' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0AGENT', name: 'Andy Agent', role: 'agent', locale: 'en' }, now);
    for (let i = 0; i < OWNERS; i++)
      await upsertStaff(app.ctx, systemActor, { slackUserId: `U0OWN${i}`, name: `Owner ${i}`, role: 'agent' }, now);
  });
  afterAll(() => app?.close());

  /** The user drops a file into their DM with the bot: Slack's `message` event, subtype file_share. */
  const dropFile = async (userId: string, file: FakeFileObject, opts: { eventId?: string; headers?: Record<string, string> } = {}) => {
    const res = await app.event(
      {
        type: 'message',
        subtype: 'file_share',
        channel: `D${userId.slice(1)}`,
        channel_type: 'im',
        user: userId,
        text: '',
        files: [file],
        ts: `${Date.now() / 1000}`,
      },
      opts,
    );
    expect(res.status).toBe(200);
  };
  const finished = async () => {
    await app.settled();
    await importJobsSettled();
  };
  const callsSince = (seq: number, method: string) => app.fake.calls(method).filter((c) => c.seq > seq);
  const mark = () => app.fake.calls().at(-1)?.seq ?? 0;

  /** The one message of an import: posted once, then updated in place; and the file uploaded beside it. */
  const importMessages = (since: number, channel: string) => {
    const posted = callsSince(since, 'chat.postMessage').filter(
      (c) => c.args.channel === channel || c.args.channel === `U${channel.slice(1)}`,
    );
    expect(posted).toHaveLength(1);
    const ts = posted[0]!.response!.ts as string;
    const updates = callsSince(since, 'chat.update').filter((c) => c.args.ts === ts);
    return { posted: posted[0]!, ts, updates, summary: textOf(updates.at(-1)?.args as never) };
  };
  const progressOf = (update: FakeCall) =>
    Number(
      /(\d+) \/ \d+|(\d+) of \d+/
        .exec(textOf(update.args as never))
        ?.slice(1)
        .find(Boolean),
    );
  const rejectedUpload = (since: number) => {
    const complete = callsSince(since, 'files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    const id = (complete[0]!.args.files as Array<{ id: string }>)[0]!.id;
    const stored = app.fake.file(id)!;
    return { args: complete[0]!.args, name: stored.object.name, text: new TextDecoder().decode(stored.bytes) };
  };

  it('a 10,000-row GBK CSV dropped into a DM: progress in one message, the summary, the rejected rows as a file', async () => {
    const since = mark();
    const file = app.fake.addFile({ name: '客户名单.csv', bytes: gbk(toCsv(customerTable(ROWS, '139'))), user: 'U0MGRZH' });
    await dropFile('U0MGRZH', file);
    await finished();

    // The bot read the file as Slack allows: files.info, then the download with its token.
    expect(callsSince(since, 'files.info').map((c) => c.args.file)).toEqual([file.id]);
    expect(callsSince(since, 'file_download').map((c) => c.args)).toEqual([{ fileId: file.id, authorized: true }]);

    const { posted, updates, summary } = importMessages(since, 'D0MGRZH');
    expect(textOf(posted.args as never)).toContain('客户名单.csv');
    const progress = updates.slice(0, -1).map(progressOf);
    expect(progress.length).toBeGreaterThanOrEqual(Math.min(5, CHUNKS - 1));
    expect(progress.length).toBeLessThanOrEqual(10); // once per tenth, not once per chunk
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
    expect(textOf(updates[0]!.args as never)).toMatch(/▓*░+ \d+%/);
    expect(summary).toContain(`新建 ${ROWS - INVALID} 位客户`);
    expect(summary).toContain(`${INVALID} 行无效`);
    expect(summary).toContain('颜色'); // the unknown column, reported once
    expect(summary).toContain('100%');

    const rejected = rejectedUpload(since);
    expect(rejected.args.channel_id).toBe('D0MGRZH');
    expect(rejected.name).toBe('rejected-客户名单.csv');
    const lines = rejected.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('姓名,电话,邮箱,城市,负责人,颜色,line,column,reason');
    expect(lines).toHaveLength(INVALID + 1);
    expect(lines.slice(1).every((l) => l.includes('U_NOBODY'))).toBe(true);
    expect(lines[1]).toMatch(/^客户1397,13900000007,.*,9,E \(负责人\),/);

    const found = await app.api(`/api/customers?phone=139${String(ROWS - 1).padStart(8, '0')}`);
    expect(((await found.json()) as { items: unknown[] }).items).toHaveLength(1);
  }, 1_800_000);

  it('a 10,000-row .xlsx picked in the /crm import modal: the same flow, in English', async () => {
    const opened = mark();
    const { res } = await app.command('U0MGREN', 'import', { triggerId: '123.456.modal' });
    expect(res.status).toBe(200);
    const view = (await app.fake.waitFor((c) => c.method === 'views.open' && c.seq > opened)).args.view as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(view.callback_id).toBe(IMPORT_MODAL);
    expect(view.blocks[0].element).toMatchObject({ type: 'file_input', max_files: 1 });

    const since = mark();
    const bytes = await writeXlsx('客户', customerTable(ROWS, '136'));
    const file = app.fake.addFile({ name: 'customers.xlsx', bytes, user: 'U0MGREN', mimetype: XLSX_TYPE });
    const submitted = await app.interact(
      viewSubmissionPayload({
        userId: 'U0MGREN',
        callbackId: IMPORT_MODAL,
        values: { [IMPORT_FILE_BLOCK]: { type: 'file_input', action_id: 'file', files: [file] } },
      }),
    );
    expect(submitted.status).toBe(200);
    await finished();

    const { updates, summary } = importMessages(since, 'D0MGREN');
    expect(updates.length).toBeGreaterThanOrEqual(Math.min(6, CHUNKS));
    expect(summary).toContain(`${ROWS - INVALID} new customers`);
    expect(summary).toContain(`${INVALID} invalid`);
    const rejected = rejectedUpload(since);
    expect(rejected.name).toBe('rejected-customers.csv');
    expect(rejected.text.trim().split('\r\n')).toHaveLength(INVALID + 1);
  }, 1_800_000);

  it('a modal submitted without a file is answered with the field error and starts nothing', async () => {
    const since = mark();
    const res = await app.interact(
      viewSubmissionPayload({
        userId: 'U0MGREN',
        callbackId: IMPORT_MODAL,
        values: { [IMPORT_FILE_BLOCK]: { ...state.text(null), type: 'file_input', action_id: 'file', files: [] } },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_action: 'errors', errors: { [IMPORT_FILE_BLOCK]: 'Choose a CSV or .xlsx file.' } });
    await finished();
    expect(callsSince(since, 'files.info')).toHaveLength(0);
  });

  it('an agent is refused politely, in the DM and at /crm import, and nothing is downloaded', async () => {
    const since = mark();
    const file = app.fake.addFile({ name: 'mine.csv', bytes: Buffer.from('name,owner\nZed,U0OWN1\n'), user: 'U0AGENT' });
    await dropFile('U0AGENT', file);
    await finished();
    const replies = callsSince(since, 'chat.postMessage').filter((c) => c.args.channel === 'D0AGENT');
    expect(replies.map((c) => c.args.text)).toEqual([
      'Sorry, only managers and admins can import customers. Please pass the file to your manager.',
    ]);
    expect(callsSince(since, 'files.info')).toHaveLength(0);
    expect(callsSince(since, 'file_download')).toHaveLength(0);

    const { res } = await app.command('U0AGENT', 'import');
    expect(((await res.json()) as { text: string }).text).toContain('only managers and admins can import');
    expect(callsSince(since, 'views.open')).toHaveLength(0);
  });

  it('a retried delivery of the same event, and the same file delivered again, import once', async () => {
    const since = mark();
    const csv = 'name,phone,owner\nRetry One,13700000001,U0OWN1\nRetry Two,13700000002,U0OWN2\n';
    const file = app.fake.addFile({ name: 'retry.csv', bytes: Buffer.from(csv), user: 'U0MGREN' });
    await dropFile('U0MGREN', file, { eventId: 'EvRETRY0001' });
    // Slack did not see the 200 in time and sends the same event again, then a second event for the same file.
    await dropFile('U0MGREN', file, {
      eventId: 'EvRETRY0001',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await dropFile('U0MGREN', file, { eventId: 'EvRETRY0002' });
    await finished();
    expect(callsSince(since, 'file_download')).toHaveLength(1);
    const { summary } = importMessages(since, 'D0MGREN');
    expect(summary).toContain('2 new customers');
    const found = await app.api('/api/customers?phone=13700000001');
    expect(((await found.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('the twin serves a shared file only to the bot token: anyone else gets the sign-in page', async () => {
    const file = app.fake.addFile({ name: 'secret.csv', bytes: Buffer.from('name\nA\n'), user: 'U0MGREN' });
    const anonymous = await fetch(file.url_private_download);
    expect(anonymous.headers.get('content-type')).toContain('text/html');
    const wrong = await fetch(file.url_private_download, { headers: { authorization: 'Bearer xoxb-someone-else' } });
    expect(await wrong.text()).toContain('Sign in');
    const bot = await fetch(file.url_private_download, { headers: { authorization: 'Bearer xoxb-test' } });
    expect(await bot.text()).toBe('name\nA\n');
  });
});
