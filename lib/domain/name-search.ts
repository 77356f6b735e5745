/**
 * Matching a typed query against the name keys (name-keys.ts computes those,
 * with the pinyin dictionary this file stays free of).
 */
/** Lower-case, accents stripped, inner whitespace folded: "  José  Núñez" → "jose nunez". */
export function foldLatin(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** How a search query is matched against the keys above. */
export function searchPrefix(query: string): string {
  return foldLatin(query).replace(/\s+/g, '');
}

/** Marks a reversed key: found by its end, so a typo in the first half of a word still finds it. */
export const REVERSED_KEY = '~';

export const reversedKey = (key: string) => `${REVERSED_KEY}${[...key].reverse().join('')}`;
