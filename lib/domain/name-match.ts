import { editDistance } from './ask/edit-distance';
import { simplifyHan } from './han-fold';
import { pinyinSyllables } from './name-keys';
import { reversedKey, searchPrefix } from './name-search';
import { expansionsOf, isInitialCharacters } from './org-abbreviations';
import { orgCore } from './org-name';

/**
 * Fuzzy name resolution (pure): what to look up for a name as typed, and how well each name
 * found fits it. The service (lib/services/name-resolution.ts) runs the lookups on the name
 * keys of lib/store and asks `rankNames` which customers fit; the parser uses the same ranking
 * against names it is given.
 *
 * How a name may be written, and how sure a fit is (`score`, 0..1):
 * - exactly, in traditional or simplified characters, any case or width — 1
 * - an organization without its city or legal form (腾讯 for 深圳市腾讯计算机系统有限公司), or by a
 *   well-known short name (工行 for 中国工商银行, org-abbreviations.ts) — 0.9
 * - full pinyin with or without spaces (Zhang San, zhangsan) — 0.9
 * - characters of the same sound (李明化 for 李明华, 张威 for 张伟) — 0.85
 * - one typo in a Latin name or pinyin of five letters or more (Globx), two in ten or more — 0.8
 * - surname and a title (王总, 李经理, 张先生, 陈姐, 老王): a person of that surname — 0.8
 * - initials (lmh), the given name alone, the first part of a name, two typos, an organization's
 *   short name by the general rule (华技 for 华为技术) — 0.5–0.65
 * Only fits of 0.8 or more that are the single best are taken as the customer ("按“李明华”查询");
 * anything weaker is offered as "did you mean". Nothing is ever picked for a name that fits no
 * rule: a customer that does not exist is reported, not replaced by the nearest stranger.
 */
export type NameFit =
  | 'exact'
  | 'alias'
  | 'core'
  | 'pinyin'
  | 'sound'
  | 'typo'
  | 'title'
  | 'initials'
  | 'given'
  | 'prefix'
  | 'typo2'
  | 'abbrev';

export const FIT_SCORE: Record<NameFit, number> = {
  exact: 1,
  alias: 0.9,
  core: 0.9,
  pinyin: 0.9,
  sound: 0.85,
  typo: 0.8,
  title: 0.8,
  initials: 0.6,
  given: 0.6,
  prefix: 0.55,
  typo2: 0.5,
  abbrev: 0.6,
};

/** A fit this good, alone at the top, is answered without asking. */
export const CERTAIN = 0.8;

const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;
const LATIN_KEY = /^[a-z0-9'&.-]+$/;

// A surname then a form of address: 王总, 李经理, 张先生, 陈姐; or 老王 / 小李.
const TITLES =
  '总经理|副总|总监|经理|主管|主任|总|董|先生|女士|小姐|太太|夫人|老师|老板|师傅|医生|律师|工|姐|哥|阿姨|叔|处长|科长|局长|部长|厂长|院长|校长|会计';
const TITLE_AFTER = new RegExp(`^(\\p{Script=Han})(?:${TITLES})$`, 'u');
const TITLE_BEFORE = /^[老小阿](\p{Script=Han})$/u;

/** The surname a "王总" / "老王" form refers to, or undefined for any other name. */
export function surnameOfTitle(typed: string): string | undefined {
  const t = simplifyHan(typed.trim());
  return TITLE_AFTER.exec(t)?.[1] ?? TITLE_BEFORE.exec(t)?.[1];
}

export interface TypedName {
  raw: string;
  /** simplified, folded, no spaces: "李明華" → "李明华", "Zhang San" → "zhangsan" */
  whole: string;
  core: string;
  /** pinyin of a Han name: how it sounds */
  sound?: string;
  surname?: string;
  /** what a well-known short name stands for: 工行 → 工商银行 */
  aliases?: string[];
  latin: boolean;
}

export function typedName(raw: string): TypedName {
  const simplified = simplifyHan(raw.trim());
  const whole = searchPrefix(simplified);
  const surname = surnameOfTitle(simplified);
  const sound = HAN.test(simplified) ? pinyinSyllables(simplified).join('') : undefined;
  const aliases = expansionsOf(whole)?.map(searchPrefix);
  return {
    raw,
    whole,
    core: searchPrefix(orgCore(simplified)),
    ...(sound ? { sound } : {}),
    ...(surname ? { surname } : {}),
    ...(aliases ? { aliases } : {}),
    latin: LATIN_KEY.test(whole),
  };
}

/** Typos allowed grow with length: none under four letters, where every edit is another name. */
export const allowedTypos = (length: number) => (length >= 6 ? 2 : length >= 4 ? 1 : 0);

/**
 * The key prefixes to Query for a typed name, in two rounds: first as typed, its core, its
 * sound and a surname; then, only when those found nothing certain, the first half forwards
 * and the last half backwards for typo tolerance (a single typo leaves one half intact). Each
 * prefix is one Query on the name keys; no Scan.
 */
export function lookupPrefixes(t: TypedName): string[] {
  const out = new Set<string>();
  if (t.surname) out.add(t.surname);
  if (t.whole.length >= 1) out.add(t.whole);
  if (t.core && t.core !== t.whole) out.add(t.core);
  // a title fits by surname only (fitOf): how "王总" sounds finds no one the ranking would take
  if (t.sound && t.sound.length >= 4 && !t.surname) out.add(t.sound);
  for (const alias of t.aliases ?? []) out.add(alias);
  return [...out];
}

export function typoPrefixes(t: TypedName): string[] {
  const spelled = t.latin ? t.whole : t.sound;
  // a short name by its initial characters (华技) is found from its first character
  const initial = mayBeShortOrgName(t) ? [[...t.whole][0]!] : [];
  if (!spelled || allowedTypos(spelled.length) === 0) return initial;
  const half = Math.ceil(spelled.length / 2);
  return [spelled.slice(0, half), reversedKey(spelled).slice(0, half + 1), ...initial];
}

const mayBeShortOrgName = (t: TypedName) => !t.surname && !t.aliases && ALL_HAN.test(t.whole) && [...t.whole].length <= 3;

interface NameForms {
  whole: string;
  core: string;
  sound?: string;
  coreSound?: string;
  initials?: string;
  given?: string;
  words: string[];
  person: boolean;
}

const formCache = new Map<string, NameForms>();

function formsOf(name: string): NameForms {
  let f = formCache.get(name);
  if (f) return f;
  const simplified = simplifyHan(name);
  const core = orgCore(simplified);
  const syllables = pinyinSyllables(simplified);
  const han = [...simplified].filter((c) => HAN.test(c)).join('');
  f = {
    whole: searchPrefix(simplified),
    core: searchPrefix(core),
    words:
      searchPrefix(simplified) === simplified.toLowerCase()
        ? []
        : simplified
            .toLowerCase()
            .split(/[\s\-·.,()]+/)
            .filter((w) => w.length >= 2)
            .map(searchPrefix),
    person: ALL_HAN.test(simplified) && han.length >= 2 && han.length <= 4 && core === simplified,
    ...(syllables.length
      ? {
          sound: syllables.join(''),
          coreSound: pinyinSyllables(core).join(''),
          initials: syllables.map((s) => s[0]).join(''),
          given: han.slice(1),
        }
      : {}),
  };
  if (formCache.size > 50_000) formCache.clear();
  formCache.set(name, f);
  return f;
}

/** How a name fits what was typed, or undefined when it does not. */
export function fitOf(t: TypedName, name: string): NameFit | undefined {
  const n = formsOf(name);
  if (!t.whole) return undefined;
  if (n.whole === t.whole) return 'exact';
  if (t.aliases && !n.person && t.aliases.some((a) => n.whole.startsWith(a) || n.core.startsWith(a))) return 'alias';
  if (t.surname) return n.person && n.whole.startsWith(t.surname) ? 'title' : undefined;
  if (n.core === t.whole || n.core === t.core || n.whole === t.core) return 'core';
  if (t.latin && (n.sound === t.whole || n.coreSound === t.whole)) return 'pinyin';
  if (t.sound && n.sound === t.sound && t.whole.length === n.whole.length && ALL_HAN.test(t.whole)) return 'sound';
  // an organization by the start of its name: 腾讯 → 腾讯计算机系统, huawei → huaweijishu
  const long = (q: string) => (t.latin ? q.length >= 4 : [...q].length >= 2);
  const orgStart = (s: string | undefined) => Boolean(s) && !n.person && [t.whole, t.core].some((q) => long(q) && s!.startsWith(q));
  if (orgStart(n.core) || orgStart(n.coreSound) || n.words.includes(t.whole)) return 'core';
  const spelled = t.latin ? t.whole : t.sound;
  const typos = spelled ? allowedTypos(spelled.length) : 0;
  if (spelled && typos > 0) {
    const targets = [n.whole, n.core, n.sound, n.coreSound, ...n.words].filter((x): x is string => Boolean(x) && LATIN_KEY.test(x!));
    const best = Math.min(...targets.map((x) => editDistance(spelled, x, typos)));
    // one typo in four letters is as likely another name: offered, not taken; two in a long name are still that name
    if ((best === 1 && spelled.length >= 5) || (best === 2 && spelled.length >= 10)) return 'typo';
    if (best <= typos) return 'typo2';
  }
  if (n.initials && n.initials === t.whole && t.whole.length >= 2) return 'initials';
  if (!n.person && mayBeShortOrgName(t) && isInitialCharacters(t.whole, n.core)) return 'abbrev';
  if (n.given && n.given === t.whole) return 'given';
  if (
    (t.latin ? t.whole.length >= 3 : [...t.whole].length >= 2) &&
    (n.whole.startsWith(t.whole) || n.core.startsWith(t.whole) || (n.sound?.startsWith(t.whole) ?? false))
  )
    return 'prefix';
  return undefined;
}

export interface RankedName<T> {
  item: T;
  name: string;
  fit: NameFit;
  score: number;
}

export type Resolution<T> =
  | { kind: 'one'; match: RankedName<T> }
  | { kind: 'choose'; candidates: RankedName<T>[]; more: boolean }
  | { kind: 'none' };

/**
 * Which of the names found fit what was typed, best first, and what to do: take the one, offer
 * up to `max` to choose from, or say none fits. Same name twice (one customer found by two keys) counts once.
 */
export function rankNames<T>(typed: string, found: Array<{ name: string; item: T; id: string }>, max = 5): Resolution<T> {
  const t = typedName(typed);
  const best = new Map<string, RankedName<T>>();
  for (const f of found) {
    const fit = fitOf(t, f.name);
    if (!fit) continue;
    const score = FIT_SCORE[fit];
    const seen = best.get(f.id);
    if (!seen || seen.score < score) best.set(f.id, { item: f.item, name: f.name, fit, score });
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.name.localeCompare(b.name));
  const top = ranked[0];
  if (!top) return { kind: 'none' };
  const tied = ranked.filter((r) => r.score === top.score);
  if (top.score >= CERTAIN && tied.length === 1) return { kind: 'one', match: top };
  const offered = top.score >= CERTAIN ? tied : ranked;
  return { kind: 'choose', candidates: offered.slice(0, max), more: offered.length > max };
}
