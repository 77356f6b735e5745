import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { budgetEsbuildOptions } from '../../infra/bundling';

/**
 * Slack wants an answer within 3 s, cold starts included, so the endpoint's bundle
 * stays small (≤ 700 KB without the AWS SDK here; its budget is in infra/bundle-budgets.ts): it must not reach the libraries
 * only writers need — the pinyin dictionary (name keys), the lunar calendar (care
 * rules) and full phone metadata — nor Express or Socket Mode.
 */
describe('Slack endpoint bundle', { timeout: 60_000 }, () => {
  it('leaves writer-only libraries out and stays within 700 KB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'careloop-slack-size-'));
    try {
      const result = await build({ ...budgetEsbuildOptions(resolve('functions/slack.ts'), join(dir, 'index.mjs')), metafile: true });
      const inputs = Object.keys(result.metafile!.inputs);
      for (const pkg of ['pinyin-pro', 'tyme4ts', 'libphonenumber-js', 'express', '@slack/socket-mode']) {
        expect(
          inputs.filter((f) => f.includes(`node_modules/${pkg}/`)),
          pkg,
        ).toEqual([]);
      }
      // the worker is its own function: its jobs are registered by the local stack, never imported by the endpoint
      expect(inputs.filter((f) => /lib\/slack\/(jobs\/|runtime\/worker\.ts)/.test(f))).toEqual([]);
      const bytes = Object.values(result.metafile!.outputs)[0]!.bytes;
      expect(bytes).toBeLessThanOrEqual(700 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
