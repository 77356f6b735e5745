import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions, modulesUnusedInLambda, repoRoot } from '../../infra/bundling';

/**
 * The bundling decisions of infra/bundling.ts, checked by building with the same
 * esbuild options the functions get: Bolt without Express / Socket Mode still
 * serves a signed slash command, and the digest chart renders from a bundle alone.
 */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'careloop-bundling-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Lambda bundling', { timeout: 60_000 }, () => {
  it('runs Bolt with AwsLambdaReceiver without express, Socket Mode or raw-body in the bundle', async () => {
    const outfile = join(dir, 'bolt', 'index.mjs');
    const { entryPoints: _entry, ...options } = esbuildOptions('', outfile);
    const result = await build({
      ...options,
      metafile: true,
      stdin: { contents: "export { App, AwsLambdaReceiver } from '@slack/bolt';", resolveDir: repoRoot, loader: 'ts' },
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('@slack/bolt'))).toBe(true);
    for (const name of modulesUnusedInLambda) expect(inputs.filter((path) => path.includes(`node_modules/${name}/`))).toEqual([]);

    const { App, AwsLambdaReceiver } = await import(pathToFileURL(outfile).href);
    const receiver = new AwsLambdaReceiver({ signingSecret: 'test-secret' });
    const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'U1' }) });
    app.command('/crm', async ({ ack }: { ack: (text: string) => Promise<void> }) => ack('pong'));
    const handler = await receiver.start();
    const body = new URLSearchParams({
      command: '/crm',
      text: 'ping',
      team_id: 'T1',
      user_id: 'U2',
      channel_id: 'C1',
      trigger_id: 't',
      response_url: 'https://hooks.slack.invalid/x',
    }).toString();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', 'test-secret').update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const response = await handler(
      {
        body,
        isBase64Encoded: false,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signature,
        },
      },
      {},
      () => {},
    );
    expect(response).toMatchObject({ statusCode: 200, body: 'pong' });
  });

  describe('digest chart assets', () => {
    const shipChartAssets = (out: string) =>
      execFileSync(process.execPath, [join(repoRoot, 'infra/bundling-files/ship-chart-assets.mjs'), out]);

    it('ships the WebAssembly renderer and the chart font next to the scheduled bundle', async () => {
      const outfile = join(dir, 'scheduled', 'index.mjs');
      await build(esbuildOptions(join(repoRoot, 'functions/scheduled.ts'), outfile));
      shipChartAssets(dirname(outfile));
      expect(readFileSync(join(dirname(outfile), 'resvg.wasm')).subarray(0, 4)).toEqual(Buffer.from([0x00, 0x61, 0x73, 0x6d]));
      expect(readFileSync(join(dirname(outfile), 'chart-sans.ttf'))).toEqual(
        readFileSync(join(repoRoot, 'lib/chart/fonts/chart-sans.ttf')),
      );
    });

    it('adds nothing to a bundle without charts', () => {
      const out = join(dir, 'no-chart');
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'index.mjs'), 'export const handler = async () => ({});');
      shipChartAssets(out);
      expect(readdirSync(out)).toEqual(['index.mjs']);
    });

    it('renders a chart with Chinese labels in a fresh Node process that loads only the bundle directory', async () => {
      // The scheduled function's chart code, built with its options and hook; only the
      // entry differs (it exports the renderer rather than the handler, whose AWS SDK
      // imports Lambda provides), so the child can call it without DynamoDB or Slack.
      const out = join(dir, 'chart');
      const { entryPoints: _entry, ...options } = esbuildOptions('', join(out, 'index.mjs'));
      await build({
        ...options,
        stdin: {
          contents:
            "export { renderDigestChart } from './lib/chart/digest'; export { digestChartLabels } from './lib/slack/blocks/digest';",
          resolveDir: repoRoot,
          loader: 'ts',
        },
      });
      shipChartAssets(out);
      const render = (bundleDir: string) => {
        const script = `
          const { renderDigestChart, digestChartLabels } = await import(${JSON.stringify(pathToFileURL(join(bundleDir, 'index.mjs')).href)});
          const series = [{ day: '2026-11-23', opened: 4, resolved: 2, nps: 20 }, { day: '2026-11-24', opened: 1, resolved: 3, nps: -10 }];
          const size = { width: 640, height: 320, fontFiles: [] };
          const zh = digestChartLabels('zh-CN');
          // The same labels, character for character (so the same layout), as ideographic spaces and as a
          // character the subset font does not hold: nothing can draw the latter, so it must look blank.
          const each = (ch) => Object.fromEntries(Object.entries(zh).map(([k, v]) => [k, [...v].map(() => ch).join('')]));
          const blank = each('\\u3000');
          const missing = each('龘');
          const out = {};
          for (const [name, labels] of Object.entries({ zh, blank, missing })) out[name] = (await renderDigestChart(series, { ...size, labels })).toString('base64');
          process.stdout.write(JSON.stringify(out));`;
        // cwd and module paths in a temporary directory: nothing of the repository can be found.
        const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          cwd: bundleDir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        return Object.fromEntries(
          Object.entries(JSON.parse(stdout) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
        );
      };
      const png = render(out);
      expect(png.zh!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.missing).toEqual(png.blank);
      expect(png.zh).not.toEqual(png.blank);

      // Without the shipped font the chart fails (and the digest goes out without it) rather than silently drawing no text.
      rmSync(join(out, 'chart-sans.ttf'));
      expect(() => render(out)).toThrow(/chart-sans\.ttf/);
    });
  });
});
