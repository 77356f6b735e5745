import { simplifyHan } from '../han-fold';
import { pinyinSyllables } from '../name-keys';
import { FIT_SCORE, rankNames } from '../name-match';
import { searchPrefix } from '../name-search';
import { editDistance } from './edit-distance';

export { editDistance };

import type { Span, Utterance } from './utterance';

/**
 * The customer a question is about. Three sources, most certain first: a name the caller knows
 * appearing verbatim, a quoted span, and the residue — what no rule explained. With
 * `knownCustomerNames` the residue is also matched fuzzily: typos ("Acmee"), pinyin ("zhangsan")
 * and initials ("zs"), always to a single name; an ambiguous match keeps the raw text so the
 * service's name search can offer a pick list instead of the parser guessing.
 */

export type NameEvidence = 'known' | 'quoted' | 'looks' | 'residue';

export interface FoundName {
  name: string;
  evidence: NameEvidence;
}

const LATIN_WORD = /[a-z0-9]/;
const HAN = /\p{Script=Han}/u;

/** Longest known name written out in the question, claimed so no rule reads into it. */
export function claimKnownName(u: Utterance, known: readonly string[]): FoundName | undefined {
  const folded = u.maskedFolded();
  let best: { name: string; at: number; end: number } | undefined;
  for (const raw of known) {
    const name = raw.trim();
    if (name.length < 2 || name.length <= (best ? best.end - best.at : 0)) continue;
    const needle = simplifyHan(name).toLowerCase();
    const at = findWhole(folded, needle);
    if (at >= 0) best = { name, at, end: at + needle.length };
  }
  if (best) return u.claim(best.at, best.end) ? { name: best.name, evidence: 'known' } : undefined;
  return claimKnownSound(u, known);
}

const syllableCache = new Map<string, string>();
const syllableOf = (c: string) => {
  let s = syllableCache.get(c);
  if (s === undefined) {
    s = HAN.test(c) ? (pinyinSyllables(c)[0] ?? '') : '';
    syllableCache.set(c, s);
  }
  return s;
};

/**
 * A known name of three or more characters written with a character of the same sound
 * (王建过 for 王建国): found by sliding the name's syllables over the question, before the glue
 * words (过, 有, 的…) are peeled off and would cut the name short. Only a single such name counts.
 */
function claimKnownSound(u: Utterance, known: readonly string[]): FoundName | undefined {
  const text = u.maskedFolded();
  const chars = [...text];
  if (chars.length !== text.length) return undefined; // astral characters: positions would not line up
  const sounds = chars.map(syllableOf);
  const hits = new Map<string, { at: number; end: number }>();
  for (const raw of known) {
    const name = simplifyHan(raw.trim());
    const nameSounds = [...name].map(syllableOf);
    if (nameSounds.length < 3 || nameSounds.some((s) => !s)) continue;
    for (let at = 0; at + nameSounds.length <= sounds.length; at++) {
      if (nameSounds.every((s, i) => sounds[at + i] === s)) {
        hits.set(raw.trim(), { at, end: at + nameSounds.length });
        break;
      }
    }
  }
  if (hits.size !== 1) return undefined;
  const [[name, span]] = [...hits] as [[string, { at: number; end: number }]];
  return u.claim(span.at, span.end) ? { name, evidence: 'known' } : undefined;
}

/**
 * A staff member written in the question ("Tom Baker手上有哪些客户", "Tom's open complaints",
 * "李娜负责的A类客户"): the full name, or a Latin first name of three letters or more that only
 * one staff member has. Claimed so the customer name is not read from it.
 */
export function claimKnownStaff(u: Utterance, staff: readonly string[]): string | undefined {
  const folded = u.maskedFolded();
  const firstNames = new Map<string, string[]>();
  for (const raw of staff) {
    const first = raw.trim().toLowerCase().split(/\s+/)[0] ?? '';
    if (/^[a-z]{3,}$/.test(first) && first !== raw.trim().toLowerCase())
      firstNames.set(first, [...(firstNames.get(first) ?? []), raw.trim()]);
  }
  const forms: Array<[string, string]> = [
    ...staff.map((s): [string, string] => [s.trim().toLowerCase(), s.trim()]),
    ...[...firstNames].filter(([, all]) => all.length === 1).map(([first, all]): [string, string] => [first, all[0] as string]),
  ]
    .filter(([needle]) => [...needle].length >= 2)
    .sort((a, b) => b[0].length - a[0].length);
  for (const [needle, name] of forms) {
    const at = findWhole(folded, needle);
    if (at >= 0 && u.claim(at, at + needle.length)) {
      claimOwnerFrame(u, at + needle.length);
      return name;
    }
  }
  return undefined;
}

const OWNER_FRAME = /^\s?(?:手上的|手里的|手上|手里|名下的|名下|负责的|跟进的|那边的|那边)/;

/** The frame after a colleague or a mention ("李娜负责的", "<@U1> 手上"): part of the owner, not a customer name. */
export function claimOwnerFrame(u: Utterance, end: number): void {
  const frame = OWNER_FRAME.exec(u.folded.slice(end))?.[0];
  if (frame) u.claim(end, end + frame.length);
}

/** First occurrence of a name, whole-word at its Latin ends ("Acme" is not inside "Acmeville"). */
function findWhole(folded: string, needle: string): number {
  const latinStart = LATIN_WORD.test(needle[0] ?? '');
  const latinEnd = LATIN_WORD.test(needle[needle.length - 1] ?? '');
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
    if (latinStart && at > 0 && LATIN_WORD.test(folded[at - 1] as string)) continue;
    if (latinEnd && LATIN_WORD.test(folded[at + needle.length] ?? '')) continue;
    return at;
  }
  return -1;
}

// The most common Chinese surnames (about 85 % of the population); rarer ones that are also
// everyday words (和, 时, 全, 明…) are left out so "明天" or "全部" never look like a person.
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞柳甘祝舒阮柯纪梅童凌毕季裴霍涂苗盛翁冉骆蓝靳柴蒙鲍喻祁蒲滕屈饶艾尤穆卓缪褚娄窦戚岑党费卜冷晏卫佟臧闵苟邬卞',
);
const ORG_ENDING =
  /(?:公司|集团|科技|银行|分行|酒店|医院|大学|学校|工厂|商行|商店|中心|事务所|研究院|厂|店|inc\.?|ltd\.?|llc|corp\.?|corporation|company|group|gmbh|limited|co\.)$/i;
const NAME_CHARS = /^[\p{L}\p{N}][\p{L}\p{N}\s.&'’·-]*$/u;

/** A plausible name: letters and a few joiners, 2–40 characters, at most six words. */
export function isPlausibleName(text: string): boolean {
  const chars = [...text];
  if (chars.length < 2 || chars.length > 40 || !NAME_CHARS.test(text) || !/\p{L}/u.test(text)) return false;
  return text.split(/\s+/).length <= 6;
}

/** Shaped like a name: 张三, 华为技术有限公司, Acme Corp, ACME; not "some words here". */
export function looksLikeName(text: string): boolean {
  if (!isPlausibleName(text)) return false;
  if (ORG_ENDING.test(text)) return true;
  const han = [...text].filter((c) => HAN.test(c));
  if (han.length === text.length) return han.length <= 4 && SURNAMES.has(han[0] as string);
  const words = text.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w));
  return words.length > 0 && words.length <= 4 && words.every((w) => /^[A-Z0-9]/.test(w));
}

/**
 * The one known name a candidate stands for, by the rules of lib/domain/name-match.ts (exact,
 * traditional/simplified, pinyin, same sound, organization core, typos, surname and title,
 * initials). The caller chose these names, so a single fit is taken even when the service
 * would ask first; a bare prefix or two typos are not. Several equal fits: undefined.
 */
export function matchKnownName(candidate: string, known: readonly string[]): string | undefined {
  if (searchPrefix(candidate).length < 2) return undefined;
  const result = rankNames(
    candidate,
    known.map((name) => ({ name, id: name, item: name })),
  );
  if (result.kind === 'one') return result.match.name;
  const only = result.kind === 'choose' && result.candidates.length === 1 ? result.candidates[0] : undefined;
  return only && only.score >= FIT_SCORE.initials ? only.name : undefined;
}

// Colloquial glue that runs into a name: 把李明华…, 给张伟…, 李明华那…, 张伟这边…
const LEADING_GLUE = /^(?:把|给|帮|让|跟|和|问|找|查|看|叫|请|对|就|那个|这个)(?=\p{Script=Han}{2})/u;
const TRAILING_GLUE = /(?<=\p{Script=Han}{2})(?:那边|这边|那儿|这儿|那|这|呢|啊|吧|家)$/u;

/** A residue span without glue at its edges, when a Chinese name of two characters or more remains. */
function trimGlue(span: Span): Span {
  let { start, end, text } = span;
  const lead = LEADING_GLUE.exec(text)?.[0];
  if (lead) {
    start += lead.length;
    text = text.slice(lead.length);
  }
  const trail = TRAILING_GLUE.exec(text)?.[0];
  if (trail) {
    end -= trail.length;
    text = text.slice(0, -trail.length);
  }
  return { start, end, text };
}

/**
 * The name among the residue: a known match first, then what looks like a name, then the first
 * plausible span. The rest stays unexplained (it lowers confidence).
 */
export function nameFromResidue(residue: Span[], known: readonly string[] | undefined): { found?: FoundName; span?: Span } {
  // each candidate keeps the residue span it came from: that whole span counts as explained
  const plausible = residue.map((r) => ({ r, s: trimGlue(r) })).filter(({ s }) => isPlausibleName(s.text));
  if (known && known.length > 0) {
    for (const { r, s } of plausible) {
      const match = matchKnownName(s.text, known);
      if (match) return { found: { name: match, evidence: 'known' }, span: r };
    }
  }
  const shaped = plausible.find(({ s }) => looksLikeName(s.text));
  if (shaped) return { found: { name: shaped.s.text.replace(/\.$/, ''), evidence: 'looks' }, span: shaped.r };
  const first = plausible[0];
  return first ? { found: { name: first.s.text, evidence: 'residue' }, span: first.r } : {};
}
