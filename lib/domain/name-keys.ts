import { pinyin } from 'pinyin-pro';
import { simplifyHan } from './han-fold';
import { memoize } from './memo';
import { foldLatin, reversedKey } from './name-search';
import { orgCore } from './org-name';

const HAN = /\p{Script=Han}/u;

/** What a customer's name is indexed under: search keys and the alphabetical sort key. */
export interface NameIndex {
  keys: string[];
  sortName: string;
}

export type NameIndexer = (name: string) => NameIndex;

/** Reversed keys only for words long enough to allow a typo (see name-match.ts). */
const MIN_TYPO_LENGTH = 4;

/** Toneless pinyin syllables of the Han characters in a text ("李明华" → li, ming, hua). */
export function pinyinSyllables(text: string): string[] {
  const han = [...text].filter((c) => HAN.test(c)).join('');
  return han ? [...hanSyllables(han)] : [];
}

// Names repeat (a surname and given name shared by many rows of an import): pinyin-pro runs once per distinct text.
const hanSyllables = /* @__PURE__ */ memoize(
  (han: string): string[] => pinyin(han, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase()),
  (han) => han,
);

/**
 * The keys under which a name can be found by prefix: the whole name, each word,
 * and for Chinese names the characters, full pinyin ("zhangsan"), initials ("zs")
 * and the given name in characters and pinyin, so staff can type whichever their
 * keyboard makes easiest. Traditional names are also indexed simplified, an
 * organization also without its city and legal form (腾讯 for 深圳市腾讯…有限公司),
 * and long words and full pinyin also reversed, for typo-tolerant lookups.
 */
export function nameSearchKeys(name: string): string[] {
  const keys = new Set<string>();
  const add = (k: string) => {
    const key = k.replace(/\s+/g, '');
    if (key) keys.add(key.slice(0, 60));
  };
  const addReversed = (k: string) => {
    const key = k.replace(/\s+/g, '');
    if (key.length >= MIN_TYPO_LENGTH && /^[a-z0-9'&.-]+$/.test(key)) add(reversedKey(key));
  };
  const simplified = simplifyHan(name);
  const forms = new Set([name, simplified, orgCore(simplified)]);
  for (const form of forms) {
    const folded = foldLatin(form);
    add(folded);
    if (/\s/.test(folded)) addReversed(folded); // "Emily Jonhson": the whole name from its end, not every Johnson
    for (const word of folded.split(/[\s\-·.,()]+/)) {
      add(word);
      addReversed(word);
    }
    if (HAN.test(form)) {
      const han = [...form].filter((c) => HAN.test(c)).join('');
      const syllables = pinyinSyllables(han);
      add(han);
      add(syllables.join(''));
      if (form === name || han.length <= 4) {
        add(han.slice(1)); // given name, e.g. 三 of 张三 or 小明 of 王小明
        if (han.length <= 4) add(syllables.slice(1).join(''));
      }
      add(syllables.map((s) => s[0]).join(''));
      addReversed(syllables.join(''));
      // surnames with the given name first in pinyin ("sanzhang") are not a convention in China: skip
    }
  }
  return [...keys];
}

/** Alphabetical sort key: pinyin for Chinese names, folded Latin otherwise. */
export const sortName = /* @__PURE__ */ memoize(
  (name: string): string =>
    foldLatin(pinyin(name, { toneType: 'none', nonZh: 'consecutive' }))
      .replace(/\s+/g, '')
      .slice(0, 60),
  (name) => name,
);

/** Needs the pinyin dictionary (≈450 KB): only code that writes customers loads this file. */
export const nameIndex: NameIndexer = (name) => ({ keys: nameSearchKeys(name), sortName: sortName(name) });
