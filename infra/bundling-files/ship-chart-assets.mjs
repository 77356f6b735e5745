// afterBundling hook of every function (infra/bundling.ts), run by plain node:
//   node ship-chart-assets.mjs <asset output dir>
// The digest chart (lib/chart/png.ts) renders with resvg's WebAssembly build and a
// subset CJK font. Neither is JavaScript, so esbuild leaves them out; this copies
// them next to index.mjs, under the names png.ts looks for first, in the bundles
// that contain the chart code. Both are platform-independent: any build host works.
import { copyFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outputDir = process.argv[2];
if (!outputDir) throw new Error('usage: node ship-chart-assets.mjs <asset output dir>');

// Names as in chartAssets of lib/chart/png.ts (plain node runs this: it cannot import TypeScript).
const wasm = { bundled: 'resvg.wasm', from: createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm') };
const font = { bundled: 'chart-sans.ttf', from: fileURLToPath(new URL('../../lib/chart/fonts/chart-sans.ttf', import.meta.url)) };

const bundle = readFileSync(join(outputDir, 'index.mjs'), 'utf8');
if (bundle.includes(wasm.bundled)) {
  for (const asset of [wasm, font]) copyFileSync(asset.from, join(outputDir, asset.bundled));
}
