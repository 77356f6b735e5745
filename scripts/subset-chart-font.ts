/**
 * Builds lib/chart/fonts/chart-sans.ttf: WenQuanYi Micro Hei cut down to the glyphs
 * the digest chart can draw (printable ASCII for numbers, dates and English labels,
 * plus every character of the chart's catalogue strings in both languages), so
 * Lambda, which has no system fonts, draws the labels in the reader's language
 * without shipping the 5 MB original. Run again after changing a `digest.chart.*`
 * message:
 *
 *   npx tsx scripts/subset-chart-font.ts [path/to/wqy-microhei.ttc]
 *
 * The source font is Debian's fonts-wqy-microhei (Apache-2.0 or GPL-3+ with font
 * exception; see lib/chart/fonts/NOTICE). The characters kept are written beside it
 * (chart-sans.chars.txt) so a test can tell when a new chart string needs a rebuild.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import subsetFont from 'subset-font';
import { digest } from '../lib/i18n/digest';

const source = process.argv[2] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const outDir = new URL('../lib/chart/fonts/', import.meta.url);

/** What the chart can draw: every printable ASCII character and the chart's messages (the title, drawn by Slack, costs a few glyphs more). */
export function chartCharacters(): string {
  const chars = new Set<string>();
  for (let c = 0x20; c <= 0x7e; c++) chars.add(String.fromCharCode(c));
  for (const [key, text] of Object.entries(digest)) {
    if (!key.startsWith('digest.chart.')) continue;
    for (const ch of text['zh-CN'] + text.en) chars.add(ch);
  }
  // Typographic minus and dashes, should a label use them.
  for (const ch of '−–…') chars.add(ch);
  return [...chars].sort().join('');
}

/**
 * The first face of a TrueType collection as a standalone font (subset-font reads
 * sfnt/WOFF only): its table directory, with each table copied after it and the
 * offsets rewritten. In wqy-microhei.ttc face 0 is WenQuanYi Micro Hei, face 1 its
 * monospaced twin. A plain .ttf/.otf is returned as it is.
 */
export function firstFace(file: Buffer): Buffer {
  if (file.toString('latin1', 0, 4) !== 'ttcf') return file;
  const face = file.readUInt32BE(12);
  const numTables = file.readUInt16BE(face + 4);
  const directorySize = 12 + 16 * numTables;
  const header = Buffer.from(file.subarray(face, face + directorySize));
  const tables: Buffer[] = [];
  let offset = directorySize;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + 16 * i;
    const [start, length] = [header.readUInt32BE(record + 8), header.readUInt32BE(record + 12)];
    const padded = Buffer.alloc((length + 3) & ~3);
    file.copy(padded, 0, start, start + length);
    header.writeUInt32BE(offset, record + 8);
    tables.push(padded);
    offset += padded.length;
  }
  return Buffer.concat([header, ...tables]);
}

const chars = chartCharacters();
const font = await subsetFont(firstFace(readFileSync(source)), chars, { targetFormat: 'sfnt' });
writeFileSync(new URL('chart-sans.ttf', outDir), font);
writeFileSync(new URL('chart-sans.chars.txt', outDir), `${chars}\n`);
console.log(`lib/chart/fonts/chart-sans.ttf: ${font.length} bytes, ${[...chars].length} characters`);
