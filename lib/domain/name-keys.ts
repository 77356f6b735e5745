import { pinyin } from 'pinyin-pro';
import { foldLatin } from './name-search';

const HAN = /\p{Script=Han}/u;

/** What a customer's name is indexed under: search keys and the alphabetical sort key. */
export interface NameIndex {
  keys: string[];
  sortName: string;
}

export type NameIndexer = (name: string) => NameIndex;

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

/** Alphabetical sort key: pinyin for Chinese names, folded Latin otherwise. */
export function sortName(name: string): string {
  return foldLatin(pinyin(name, { toneType: 'none', nonZh: 'consecutive' })).replace(/\s+/g, '').slice(0, 60);
}

/** Needs the pinyin dictionary (≈450 KB): only code that writes customers loads this file. */
export const nameIndex: NameIndexer = (name) => ({ keys: nameSearchKeys(name), sortName: sortName(name) });
