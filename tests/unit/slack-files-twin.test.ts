import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../lib/local/fake-slack';
import { checkView, refusalOf } from '../../lib/local/slack-limits';

/** The Slack twin refuses file calls as Slack's method reference pages say, with Slack's error names. */
describe('Slack twin: files', () => {
  it('checks the arguments of files.getUploadURLExternal, files.completeUploadExternal and files.info', () => {
    expect(refusalOf('files.getUploadURLExternal', { filename: 'a.csv' })?.error).toBe('invalid_arguments');
    expect(refusalOf('files.getUploadURLExternal', { filename: 'a.csv', length: '0' })?.error).toBe('missing_argument');
    expect(refusalOf('files.getUploadURLExternal', { filename: 'a.csv', length: '12' })).toBeUndefined();
    expect(refusalOf('files.completeUploadExternal', {})?.error).toBe('invalid_arguments');
    expect(refusalOf('files.completeUploadExternal', { files: [{ title: 'no id' }] })?.error).toBe('invalid_arguments');
    expect(refusalOf('files.completeUploadExternal', { files: [{ id: 'F1' }], channel_id: '#general' })?.error).toBe('channel_not_found');
    expect(refusalOf('files.completeUploadExternal', { files: [{ id: 'F1' }], channel_id: 'D0ABC' })).toBeUndefined();
    expect(refusalOf('files.info', {})?.error).toBe('invalid_arguments');
  });

  it('refuses a file_input with more than 10 files', () => {
    const view = (maxFiles: number) => ({
      type: 'modal',
      title: { type: 'plain_text', text: 'Import' },
      submit: { type: 'plain_text', text: 'Go' },
      blocks: [{ type: 'input', label: { type: 'plain_text', text: 'File' }, element: { type: 'file_input', max_files: maxFiles } }],
    });
    expect(checkView(view(1))).toEqual([]);
    expect(checkView(view(11)).join()).toContain('/view/blocks/0/element/max_files');
  });

  describe('stateful answers', () => {
    let fake: FakeSlack;
    const call = async (method: string, args: Record<string, unknown>) =>
      (await (
        await fetch(`${fake.url}/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' },
          body: JSON.stringify(args),
        })
      ).json()) as Record<string, unknown>;
    beforeAll(async () => {
      fake = await startFakeSlack({ botToken: 'xoxb-test' });
    });
    afterAll(() => fake.stop());

    it('answers file_not_found for a file never uploaded or unknown, and takes an upload once', async () => {
      const ticket = await call('files.getUploadURLExternal', { filename: 'r.csv', length: 3 });
      expect(await call('files.completeUploadExternal', { files: [{ id: ticket.file_id }] })).toMatchObject({
        ok: false,
        error: 'file_not_found',
      });
      expect(await call('files.info', { file: ticket.file_id })).toMatchObject({ ok: false, error: 'file_not_found' });
      expect((await fetch(String(ticket.upload_url), { method: 'POST', body: 'a,b' })).status).toBe(200);
      expect(await call('files.completeUploadExternal', { files: [{ id: ticket.file_id }], channel_id: 'D0ABC' })).toMatchObject({
        ok: true,
      });
      expect((await fetch(String(ticket.upload_url), { method: 'POST', body: 'again' })).status).toBe(404);
      expect(await call('files.info', { file: ticket.file_id })).toMatchObject({ ok: true, file: { name: 'r.csv', size: 3 } });
      expect(fake.file(String(ticket.file_id))?.channels).toEqual(['D0ABC']);
      expect(fake.refusals().map((c) => c.refusal?.error)).toEqual(['file_not_found', 'file_not_found']);
    });
  });
});
