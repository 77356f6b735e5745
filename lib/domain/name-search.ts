import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/** Lower-case, accents stripped, inner whitespace folded: "  José  Núñez" → "jose nunez". */
export function foldLatin(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The keys under which a name can be found by prefix: the whole name, each word,
 * and for Chinese names the characters, full pinyin ("zhangsan") and initials
 * ("zs"), so staff can type whichever their keyboard makes easiest.
 */
export function nameSearchKeys(name: string): string[] {
  const folded = foldLatin(name);
  const keys = new Set<string>();
  const add = (k: string) => {
    const key = k.replace(/\s+/g, '');
    if (key) keys.add(key.slice(0, 60));
  };
  add(folded);
  for (const word of folded.split(/[\s\-·.,()]+/)) add(word);
  if (HAN.test(name)) {
    const han = [...name].filter((c) => HAN.test(c)).join('');
    const syllables = pinyin(han, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
    add(han);
    add(han.slice(1)); // given name, e.g. 三 of 张三 or 小明 of 王小明
    add(syllables.join(''));
    add(syllables.map((s) => s[0]).join(''));
    // surnames with the given name first in pinyin ("sanzhang") are not a convention in China: skip
  }
  return [...keys];
}

/** How a search query is matched against the keys above. */
export function searchPrefix(query: string): string {
  return foldLatin(query).replace(/\s+/g, '');
}
