import { fileURLToPath } from 'node:url';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place: NodejsFunction (esbuild CLI) uses
 * `lambdaBundling`, the benchmark and the bundling tests use `esbuildOptions`, which
 * says the same thing through the esbuild API so their figures are the deployed ones.
 */

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Lambda's Node 22 runtime ships AWS SDK v3, but the functions bundle the clients they
 * use, at the versions package-lock.json pins: the runtime's copy changes under a
 * deployed function, and loading it file by file from disk made cold imports slower
 * than parsing the bundled clients (bench/bundles.ts measures both, infra/README.md
 * has the figures). The size budgets (infra/bundle-budgets.ts) are taken with the SDK
 * left out, as `runtimeProvidedModules`, so they count our code and chosen libraries.
 */
export const runtimeProvidedModules = ['@aws-sdk/*'];

/**
 * Bolt requires these at load time for receivers a Lambda never builds (Express,
 * Socket Mode, raw-body, which drags in iconv-lite's code pages, for HTTPReceiver, and the OAuth installer).
 * Marking them external would make the require fail at runtime (they are not in the
 * zip), so they are aliased to a stub that loads fine and throws only if one of those
 * receivers is used. Saves ≈1.4 MB of the slack bundle (bolt alone: 2.1 MB → 0.7 MB).
 */
export const modulesUnusedInLambda = ['express', '@slack/socket-mode', 'raw-body', '@slack/oauth'];
export const unusedModuleStub = fileURLToPath(new URL('./bundling-files/unused-module.cjs', import.meta.url));

/**
 * The digest chart's WebAssembly renderer and font, copied next to the bundles that
 * draw charts (lib/chart/png.ts finds them there). Nothing native: any build host.
 */
export const shipChartAssets = fileURLToPath(new URL('./bundling-files/ship-chart-assets.mjs', import.meta.url));

/** ESM output, but CJS dependencies still call require(): give them one. */
export const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

export const nodeTarget = 'node22';

export const lambdaBundling: BundlingOptions = {
  // Local esbuild only: no Docker on CI runners or laptops, and the result is the same.
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: nodeTarget,
  minify: true,
  // Stack traces point at the TypeScript; mappings only, the sources are in git.
  sourceMap: true,
  sourcesContent: false,
  // Prefer packages' ESM builds so esbuild can drop what is not imported.
  mainFields: ['module', 'main'],
  banner: esmRequireBanner,
  // Pinned SDK clients in the bundle; the CLI build then marks nothing external.
  bundleAwsSDK: true,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => [`node "${shipChartAssets}" "${outputDir}"`],
  },
  esbuildArgs: { '--alias': modulesUnusedInLambda.map((name) => `${name}=${unusedModuleStub}`) },
};

/** The same bundle through the esbuild API (index.mjs only: no source map; run shipChartAssets on its directory for the chart's files). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return { ...budgetEsbuildOptions(entry, outfile), external: [] };
}

/** The bundle a size budget counts: as deployed, but with the AWS SDK left out (infra/bundle-budgets.ts). */
export function budgetEsbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: nodeTarget,
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: esmRequireBanner },
    external: runtimeProvidedModules,
    alias: Object.fromEntries(modulesUnusedInLambda.map((name) => [name, unusedModuleStub])),
    absWorkingDir: repoRoot,
    logLevel: 'silent',
  };
}
