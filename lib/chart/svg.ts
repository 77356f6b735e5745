/**
 * A few SVG primitives written as strings: the digest's charts are small and
 * fixed in shape, so a charting library (and a DOM) would weigh more than they
 * give. Coordinates are rounded to one decimal to keep the markup short.
 */
const r = (n: number) => Math.round(n * 10) / 10;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The font shipped with the chart (lib/chart/png.ts) covers every label, in both languages. */
export const FONT_FAMILY = 'WenQuanYi Micro Hei, sans-serif';

export const rect = (x: number, y: number, w: number, h: number, fill: string) =>
  `<rect x="${r(x)}" y="${r(y)}" width="${r(Math.max(0, w))}" height="${r(Math.max(0, h))}" fill="${fill}"/>`;

export const line = (x1: number, y1: number, x2: number, y2: number, stroke: string, width = 1, dash?: string) =>
  `<line x1="${r(x1)}" y1="${r(y1)}" x2="${r(x2)}" y2="${r(y2)}" stroke="${stroke}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;

export const polyline = (points: Array<[number, number]>, stroke: string, width = 2) =>
  `<polyline points="${points.map(([x, y]) => `${r(x)},${r(y)}`).join(' ')}" fill="none" stroke="${stroke}" stroke-width="${width}" stroke-linejoin="round"/>`;

export const circle = (x: number, y: number, radius: number, fill: string) =>
  `<circle cx="${r(x)}" cy="${r(y)}" r="${radius}" fill="${fill}"/>`;

export const text = (
  x: number,
  y: number,
  content: string,
  o: { size?: number; anchor?: 'start' | 'middle' | 'end'; fill?: string } = {},
) =>
  `<text x="${r(x)}" y="${r(y)}" font-family="${FONT_FAMILY}" font-size="${o.size ?? 11}" text-anchor="${o.anchor ?? 'start'}" fill="${o.fill ?? '#444'}">${escapeXml(content)}</text>`;

export const svgDocument = (width: number, height: number, body: string[]) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rect(0, 0, width, height, '#ffffff')}${body.join('')}</svg>`;

/** A round step (1, 2 or 5 × 10ⁿ) at or above `raw`, at least 1: axis ticks at whole numbers. */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].find((m) => m * magnitude >= raw)! * magnitude;
}
