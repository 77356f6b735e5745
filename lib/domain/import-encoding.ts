import { DomainError } from './errors';

/**
 * Text encodings a customer list arrives in: Excel on Chinese Windows saves
 * CSV as GBK (a subset of GB18030), "Unicode text" as UTF-16LE with a BOM,
 * everything else writes UTF-8 with or without a BOM. Decided from the bytes,
 * never from the file name.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

const strict = (encoding: TextEncoding) => new TextDecoder(encoding, { fatal: true, ignoreBOM: false });

/** A zip (every .xlsx) starts with PK\x03\x04; an OLE2 file (old .xls) with D0 CF 11 E0. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
const looksLikeOldExcel = (bytes: Uint8Array) =>
  bytes.length > 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;

/** UTF-16LE without a BOM: ASCII text has a zero in (nearly) every odd byte. */
function zeroOddBytes(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let zeros = 0;
  for (let i = 1; i < n; i += 2) if (bytes[i] === 0) zeros++;
  return n >= 4 && n % 2 === 0 && zeros / (n / 2) > 0.6;
}

/** Control bytes no text file holds: NUL, and C0 controls other than tab, CR, LF, form feed. */
function binaryAt(text: string): number {
  for (let i = 0; i < Math.min(text.length, 1 << 20); i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) return i;
  }
  return -1;
}

const binaryError = (at: number, code: number) =>
  new DomainError(
    'bad_request',
    `The file holds binary data (control character U+${code.toString(16).padStart(4, '0')} at position ${at + 1}); upload CSV text or .xlsx`,
    { field: 'file', reason: 'binary', at: at + 1 },
    'import.error.binary',
  );

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  if (looksLikeXlsx(bytes) || looksLikeOldExcel(bytes)) {
    throw new DomainError(
      'unsupported_media_type',
      'This file is a spreadsheet, not CSV text; upload it as .xlsx (Content-Type application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
      { field: 'file', reason: 'spreadsheet_sent_as_csv' },
      'import.error.spreadsheet_as_csv',
    );
  }
  let candidates: TextEncoding[];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) candidates = ['utf-8'];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) candidates = ['utf-16le'];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) candidates = ['utf-16be'];
  else if (zeroOddBytes(bytes)) candidates = ['utf-16le'];
  else if (bytes.includes(0)) throw binaryError(bytes.indexOf(0), 0);
  else candidates = ['utf-8', 'gb18030'];
  for (const encoding of candidates) {
    let text: string;
    try {
      text = strict(encoding).decode(bytes);
    } catch {
      continue;
    }
    const at = binaryAt(text);
    if (at >= 0) throw binaryError(at, text.charCodeAt(at));
    return { text, encoding };
  }
  throw new DomainError(
    'bad_request',
    'The file is not text in UTF-8, UTF-16 or GB18030/GBK; save it from Excel as "CSV UTF-8" or upload the .xlsx',
    { field: 'file', reason: 'encoding' },
    'import.error.encoding',
  );
}
