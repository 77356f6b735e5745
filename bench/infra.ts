import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../infra/bundling';
import { createCareLoopApp } from '../infra/careloop-app';
import { chartAssets } from '../lib/chart/png';
import { isMain, round, writeResult } from './support';

/**
 * Issue 8 figures: how long `npm run synth` takes (CLI, esbuild bundling of every
 * function, cdk-nag validation), how much of that is bundling, and how big each
 * function's bundle is — minified index.mjs as deployed, and gzipped as a rough
 * stand-in for the zip Lambda loads.
 */
export async function benchInfra(): Promise<Record<string, unknown>> {
  const outdir = mkdtempSync(join(tmpdir(), 'careloop-bench-cdk-'));
  try {
    const started = performance.now();
    execFileSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', outdir], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
    });
    const cliSynthSeconds = (performance.now() - started) / 1000;

    const withoutBundling = performance.now();
    createCareLoopApp({ bundling: false, outdir: join(outdir, 'no-bundling') }).app.synth();
    const inProcessSynthWithoutBundlingSeconds = (performance.now() - withoutBundling) / 1000;

    return {
      cli_synth_seconds: round(cliSynthSeconds, 2),
      in_process_synth_without_bundling_seconds: round(inProcessSynthWithoutBundlingSeconds, 2),
      bundles: bundleSizes(outdir),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

type Resource = { Type: string; Properties: { Code?: { S3Key?: string } }; Metadata?: Record<string, string> };

/** Each function's staged asset (asset.<hash>/, the hash being its S3 key) measured as deployed. */
function bundleSizes(outdir: string): Record<string, Record<string, number | boolean>> {
  const template = JSON.parse(readFileSync(join(outdir, 'CareLoop.template.json'), 'utf8')) as { Resources: Record<string, Resource> };
  const sizes: Record<string, Record<string, number | boolean>> = {};
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function' || !resource.Properties.Code?.S3Key) continue;
    // CareLoop/Fn-<name>/Function/Resource
    const name = resource.Metadata?.['aws:cdk:path']?.split('/')[1]?.replace(/^Fn-/, '') ?? '?';
    const asset = join(outdir, `asset.${resource.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(asset, 'index.mjs'));
    sizes[name] = {
      minified_bytes: bundle.length,
      gzip_bytes: gzipSync(bundle, { level: 9 }).length,
      source_map_bytes: statSync(join(asset, 'index.mjs.map')).size,
      ships_chart_assets: existsSync(join(asset, chartAssets.wasm.bundled)),
    };
  }
  return sizes;
}

if (isMain(import.meta.url)) {
  benchInfra()
    .then((r) => writeResult('infra', r))
    .then(() => process.exit(0));
}
