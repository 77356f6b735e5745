import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { discoverFunctionEntries } from '../infra/app-function';
import { bundleBudgetKb, overBudgetCeilingsKb } from '../infra/bundle-budgets';
import { budgetEsbuildOptions, esbuildOptions, repoRoot } from '../infra/bundling';
import { isMain, round, writeResult } from './support';

/**
 * Issue 18 item 5 figures, per function in functions/:
 * - size: the minified bundle without the AWS SDK against its budget
 *   (infra/bundle-budgets.ts says what a budget counts), and the deployed bundle
 *   with the pinned SDK clients inside;
 * - cold import: `import()` of the bundle in a fresh node, median of RUNS, as
 *   deployed (SDK bundled) and with the SDK left to the runtime (loaded file by
 *   file from node_modules, as Lambda's copy would be): the measurement behind
 *   bundling the SDK. Each as a ratio of a plain Bolt + SDK import from
 *   node_modules, taken in the same run, since on a shared host only ratios travel.
 * CPU milliseconds are printed beside wall milliseconds: they move less when
 * other work shares the cores. Bundles are written inside node_modules/.cache so
 * the runtime-provided SDK resolves.
 */
const RUNS = Number(process.env.BENCH_BUNDLE_RUNS ?? 5);
const KB = 1024;
const SLACK_TARGET_RATIO = 0.4;

/** What "plain Bolt + SDK" loads: the app framework and the clients a Slack handler uses. */
const plainBoltAndSdk = [
  '@slack/bolt',
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-secrets-manager',
];

const env = { ...process.env, AWS_REGION: 'us-east-1', TABLE_NAME: 'bench', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

interface ColdImport {
  wallMs: number;
  cpuMs: number;
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median wall and CPU milliseconds of `import(file)` in fresh node processes. */
function coldImport(file: string, runs = RUNS): ColdImport {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const u = process.cpuUsage(c); process.stdout.write(JSON.stringify([performance.now() - t, (u.user + u.system) / 1000]));`;
  const samples = Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env, cwd: repoRoot });
    return JSON.parse(out) as [number, number];
  });
  return { wallMs: median(samples.map((s) => s[0])), cpuMs: median(samples.map((s) => s[1])) };
}

export async function benchBundles(): Promise<Record<string, unknown>> {
  const cache = resolve(repoRoot, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'careloop-bench-bundles-'));
  try {
    const baselineEntry = join(dir, 'plain-bolt-sdk.mjs');
    writeFileSync(baselineEntry, plainBoltAndSdk.map((m) => `import ${JSON.stringify(m)};`).join('\n'));
    const baseline = coldImport(baselineEntry);
    console.log(`plain Bolt + SDK (node_modules): ${round(baseline.wallMs)} ms wall, ${round(baseline.cpuMs)} ms CPU`);
    const ratio = (c: ColdImport) => round(c.wallMs / baseline.wallMs, 2);
    const cpuRatio = (c: ColdImport) => round(c.cpuMs / baseline.cpuMs, 2);

    const functions: Record<string, Record<string, number | boolean | null>> = {};
    for (const [name, entry] of Object.entries(discoverFunctionEntries())) {
      const budgeted = join(dir, name, 'index.mjs');
      const deployed = join(dir, `${name}-deployed`, 'index.mjs');
      await build(budgetEsbuildOptions(entry, budgeted));
      await build(esbuildOptions(entry, deployed));
      const kb = statSync(budgeted).size / KB;
      const budgetKb = bundleBudgetKb(name);
      const asDeployed = coldImport(deployed);
      const runtimeSdk = coldImport(budgeted);
      const f = {
        kb_without_sdk: round(kb),
        budget_kb: budgetKb,
        within_budget: kb <= budgetKb,
        ceiling_kb: overBudgetCeilingsKb[name] ?? null,
        deployed_kb: round(statSync(deployed).size / KB),
        cold_import_ms: round(asDeployed.wallMs),
        cold_import_cpu_ms: round(asDeployed.cpuMs),
        ratio_vs_plain_bolt_sdk: ratio(asDeployed),
        cpu_ratio_vs_plain_bolt_sdk: cpuRatio(asDeployed),
        runtime_sdk_cold_import_ms: round(runtimeSdk.wallMs),
        runtime_sdk_ratio_vs_plain_bolt_sdk: ratio(runtimeSdk),
        runtime_sdk_cold_import_cpu_ms: round(runtimeSdk.cpuMs),
        runtime_sdk_cpu_ratio_vs_plain_bolt_sdk: cpuRatio(runtimeSdk),
      };
      functions[name] = f;
      console.log(
        `${name.padEnd(13)} ${String(f.kb_without_sdk).padStart(7)} KB without SDK (budget ${budgetKb}: ${f.within_budget ? 'ok' : 'OVER'}), ${f.deployed_kb} KB deployed | cold import ${f.cold_import_ms} ms = ${f.ratio_vs_plain_bolt_sdk}× (CPU ${f.cpu_ratio_vs_plain_bolt_sdk}×) | SDK from the runtime: ${f.runtime_sdk_cold_import_ms} ms = ${f.runtime_sdk_ratio_vs_plain_bolt_sdk}× (CPU ${f.runtime_sdk_cpu_ratio_vs_plain_bolt_sdk}×)`,
      );
    }
    const slack = functions.slack;
    if (slack)
      console.log(
        `slack cold import: ${slack.ratio_vs_plain_bolt_sdk}× plain Bolt + SDK (target ≤ ${SLACK_TARGET_RATIO}×: ${Number(slack.ratio_vs_plain_bolt_sdk) <= SLACK_TARGET_RATIO ? 'ok' : 'OVER'})`,
      );
    return {
      runs: RUNS,
      budgets_count: 'minified index.mjs without the AWS SDK (infra/bundle-budgets.ts); deployed_kb adds the pinned SDK clients',
      plain_bolt_sdk_cold_import_ms: round(baseline.wallMs),
      plain_bolt_sdk_cold_import_cpu_ms: round(baseline.cpuMs),
      slack_target_ratio: SLACK_TARGET_RATIO,
      slack_within_target: slack ? Number(slack.ratio_vs_plain_bolt_sdk) <= SLACK_TARGET_RATIO : null,
      functions,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  benchBundles()
    .then((r) => writeResult('bundles', r))
    .then(() => process.exit(0));
}
