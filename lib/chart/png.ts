import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

export interface PngOptions {
  /** more font files for text, beside the chart font that ships with the code (Lambda has no system fonts) */
  fontFiles: string[];
}

/**
 * Where the renderer and the chart font are at run time. In a Lambda bundle the
 * afterBundling hook (infra/bundling-files/ship-chart-assets.mjs) copies them next
 * to index.mjs under these names; from the sources (tsx, vitest) the font sits in
 * lib/chart/fonts/ and the WebAssembly in the package.
 */
export const chartAssets = {
  wasm: { bundled: 'resvg.wasm', module: '@resvg/resvg-wasm/index_bg.wasm' },
  font: { bundled: 'chart-sans.ttf', source: './fonts/chart-sans.ttf' },
} as const;

/** The chart font's family name (WenQuanYi Micro Hei, subset by scripts/subset-chart-font.ts). */
export const CHART_FONT_FAMILY = 'WenQuanYi Micro Hei';

const besideBundle = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

function wasmPath(): string {
  const bundled = besideBundle(chartAssets.wasm.bundled);
  return existsSync(bundled) ? bundled : createRequire(import.meta.url).resolve(chartAssets.wasm.module);
}

function fontPath(): string {
  const bundled = besideBundle(chartAssets.font.bundled);
  return existsSync(bundled) ? bundled : fileURLToPath(new URL(chartAssets.font.source, import.meta.url));
}

let ready: Promise<Uint8Array> | undefined;

/** Compiles the renderer and reads the font once per process, on the first chart. */
function renderer(): Promise<Uint8Array> {
  ready ??= (async () => {
    await initWasm(readFileSync(wasmPath()));
    return readFileSync(fontPath());
  })();
  ready.catch(() => {
    ready = undefined;
  });
  return ready;
}

/**
 * SVG → PNG with resvg's WebAssembly build: the same code on every platform, so a
 * bundle built on x64 renders on Lambda's arm64, and no browser or canvas. Text is
 * drawn with the shipped chart font only (WebAssembly cannot read system fonts).
 */
export async function svgToPng(svg: string, o: PngOptions): Promise<Buffer> {
  const chartFont = await renderer();
  const resvg = new Resvg(svg, {
    font: {
      fontBuffers: [chartFont, ...o.fontFiles.map((file) => readFileSync(file))],
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    background: '#ffffff',
  });
  const image = resvg.render();
  try {
    return Buffer.from(image.asPng());
  } finally {
    image.free();
    resvg.free();
  }
}
