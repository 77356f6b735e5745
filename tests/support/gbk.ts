/**
 * GBK bytes of a string, as Excel on Chinese Windows saves a CSV. Node decodes
 * GB18030 but has no encoder, so the two-byte table is inverted once.
 */
export function gbkEncoder(): (text: string) => Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, [number, number]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && !codes.has(ch)) codes.set(ch, [hi, lo]);
    }
  }
  return (text) => {
    const out: number[] = [];
    for (const ch of text) {
      const c = ch.charCodeAt(0);
      if (c < 0x80) out.push(c);
      else {
        const code = codes.get(ch);
        if (!code) throw new Error(`no GBK code for ${ch}`);
        out.push(...code);
      }
    }
    return Buffer.from(out);
  };
}
