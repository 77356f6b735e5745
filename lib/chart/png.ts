export interface PngOptions {
  /** font files for text; system fonts are used as well where there are any (Lambda has none) */
  fontFiles: string[];
}

/**
 * SVG → PNG on the server with resvg (Rust, prebuilt per platform; no browser,
 * no canvas). Loaded on first use: it is a native module, and the REST API and
 * Slack functions that share lib/services must not fail to start without it.
 */
export async function svgToPng(svg: string, o: PngOptions): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, fontFiles: o.fontFiles, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return resvg.render().asPng();
}
