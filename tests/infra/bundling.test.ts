import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions, modulesUnusedInLambda, nativeModuleBinary, repoRoot } from '../../infra/bundling';

/**
 * The bundling decisions of infra/bundling.ts, checked by building with the same
 * esbuild options the functions get: Bolt without Express / Socket Mode still
 * serves a signed slash command, and native modules are shipped next to bundles.
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
    const body = new URLSearchParams({ command: '/crm', text: 'ping', team_id: 'T1', user_id: 'U2', channel_id: 'C1', trigger_id: 't', response_url: 'https://hooks.slack.invalid/x' }).toString();
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', 'test-secret').update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const response = await handler(
      { body, isBase64Encoded: false, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } },
      {},
      () => {},
    );
    expect(response).toMatchObject({ statusCode: 200, body: 'pong' });
  });

  describe('native modules', () => {
    const ship = (bundle: string) => {
      const out = join(dir, `asset-${Math.random().toString(36).slice(2)}`);
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'index.mjs'), bundle);
      const stderr = execFileSync(process.execPath, [join(repoRoot, 'infra/bundling-files/ship-native-modules.mjs'), out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { out, stderr };
    };
    const [[module, binary]] = Object.entries(nativeModuleBinary) as [[string, string]];

    it('copies a native module, and its arm64 binary when installed, next to a bundle that imports it', () => {
      const { out } = ship(`const m=await import("${module}");`);
      expect(existsSync(join(out, 'node_modules', module, 'package.json'))).toBe(true);
      expect(existsSync(join(out, 'node_modules', binary))).toBe(existsSync(join(repoRoot, 'node_modules', binary)));
    });

    it('adds nothing to a bundle that does not import it', () => {
      const { out } = ship('export const handler = async () => ({});');
      expect(existsSync(join(out, 'node_modules'))).toBe(false);
    });
  });
});
