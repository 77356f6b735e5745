import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions, repoRoot } from '../infra/bundling';
import { isMain, round, writeResult } from './support';

/**
 * Issue 18 item 5 figures: every function's minified bundle against its budget, and
 * its cold `import()` in a fresh node — as deployed (AWS SDK left to the runtime and
 * loaded from node_modules) and with the SDK clients bundled — each as a ratio of a
 * plain Bolt + SDK import (the packages straight from node_modules). Bundles are
 * written inside node_modules/.cache so the runtime-provided SDK resolves.
 */
const RUNS = 5;
const KB = 1024;
export const bundleBudgetsKb: Record<string, number> = { survey: 300, slack: 450 };
const DEFAULT_BUDGET_KB = 800;

/** What "plain Bolt + SDK" loads: the app framework and the clients a Slack handler uses. */
const plainBoltAndSdk = [
  '@slack/bolt',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-secrets-manager',
];

const env = { ...process.env, AWS_REGION: 'us-east-1', TABLE_NAME: 'bench', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/** Median milliseconds of `import(url)` in fresh node processes. */
function coldImportMs(urls: string[], runs = RUNS): number {
  const script = `const t = performance.now(); for (const u of ${JSON.stringify(urls)}) await import(u); process.stdout.write(String(performance.now() - t));`;
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env, cwd: repoRoot })),
  );
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export async function benchBundles(): Promise<Record<string, unknown>> {
  const cache = resolve(repoRoot, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'careloop-bench-bundles-'));
  try {
    const baselineEntry = join(dir, 'plain-bolt-sdk.mjs');
    writeFileSync(baselineEntry, plainBoltAndSdk.map((m) => `import ${JSON.stringify(m)};`).join('\n'));
    const baselineMs = coldImportMs([pathToFileURL(baselineEntry).href]);
    console.log(`plain Bolt + SDK (node_modules): ${round(baselineMs)} ms`);

    const functions: Record<string, Record<string, number | boolean>> = {};
    for (const name of readdirSync(join(repoRoot, 'functions'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))) {
      const deployed = join(dir, name, 'index.mjs');
      const withSdk = join(dir, `${name}-sdk`, 'index.mjs');
      const entry = join(repoRoot, `functions/${name}.ts`);
      await build(esbuildOptions(entry, deployed));
      await build({ ...esbuildOptions(entry, withSdk), external: [] });
      const kb = statSync(deployed).size / KB;
      const budgetKb = bundleBudgetsKb[name] ?? DEFAULT_BUDGET_KB;
      const deployedMs = coldImportMs([pathToFileURL(deployed).href]);
      const sdkBundledMs = coldImportMs([pathToFileURL(withSdk).href]);
      functions[name] = {
        minified_kb: round(kb),
        budget_kb: budgetKb,
        within_budget: kb <= budgetKb,
        sdk_bundled_kb: round(statSync(withSdk).size / KB),
        cold_import_ms: round(deployedMs),
        cold_import_sdk_bundled_ms: round(sdkBundledMs),
        ratio_vs_plain_bolt_sdk: round(deployedMs / baselineMs, 2),
        ratio_sdk_bundled_vs_plain_bolt_sdk: round(sdkBundledMs / baselineMs, 2),
      };
      const f = functions[name]!;
      console.log(
        `${name.padEnd(13)} ${String(f.minified_kb).padStart(7)} KB (budget ${budgetKb}: ${f.within_budget ? 'ok' : 'OVER'})  cold import ${f.cold_import_ms} ms = ${f.ratio_vs_plain_bolt_sdk}×  | SDK bundled: ${f.sdk_bundled_kb} KB, ${f.cold_import_sdk_bundled_ms} ms = ${f.ratio_sdk_bundled_vs_plain_bolt_sdk}×`,
      );
    }
    return { runs: RUNS, plain_bolt_sdk_cold_import_ms: round(baselineMs), slack_target_ratio: 0.4, functions };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  benchBundles()
    .then((r) => writeResult('bundles', r))
    .then(() => process.exit(0));
}
