import { canonicalCity } from './cities';
import { claimOwnerFrame } from './customer-name';
import type { Entities } from './types';
import type { Span, Utterance } from './utterance';

/**
 * Entities that need a pattern rather than a word list: tiers ("A-tier", "A类"), Slack mentions,
 * quoted names, owners named in a frame ("owned by 李四", "李四负责的") and cities not in the
 * city table ("in Zibo", "淄博市").
 */

const TIER_PATTERNS: RegExp[] = [
  /(?<![a-z0-9])([abc])\s?[-_]?\s?(?:tier|class|level|grade)(?![a-z])/g,
  /(?<![a-z0-9])(?:tier|class|level|grade)\s?[-_]?\s?([abc])(?![a-z0-9])/g,
  /(?<![a-z0-9])([abc])\s?(?:类|级|档|等)/g,
  /([甲乙丙])(?:类|级|等)/g,
];
// A bare capital before 客户 / customers ("A客户", "B customers") is a tier; a lower-case "a customer" is not.
const TIER_BEFORE_CUSTOMERS = /(?<![A-Za-z0-9])([ABC])(?=\s?(?:客户|customers|clients|accounts)(?![a-z]))/g;
const HAN_TIER: Record<string, 'A' | 'B' | 'C'> = { 甲: 'A', 乙: 'B', 丙: 'C' };

export function claimTier(u: Utterance): 'A' | 'B' | 'C' | undefined {
  let tier: 'A' | 'B' | 'C' | undefined;
  const take = (m: RegExpExecArray) => {
    const letter = m[1] as string;
    tier ??= HAN_TIER[letter] ?? (letter.toUpperCase() as 'A' | 'B' | 'C');
    return true;
  };
  for (const p of TIER_PATTERNS) u.claimMatches(p, take);
  u.claimMatches(
    TIER_BEFORE_CUSTOMERS,
    (m) => {
      take(m);
      return { start: m.index, end: m.index + 1 };
    },
    true,
  );
  return tier;
}

// "张三是A类还是B类": a question about the tier, not a filter on one
const TIER_QUESTION = /(?<![a-z0-9])[abc甲乙丙]\s?[-_]?\s?(?:类|级|档|tier)\s?(?:还是|或者|或|or)\s?[abc甲乙丙]\s?(?:类|级|档|tier)?/g;

export function claimTierQuestion(u: Utterance): boolean {
  let asked = false;
  u.claimMatches(TIER_QUESTION, () => (asked = true));
  return asked;
}

const MENTION = /<@([UW][A-Z0-9]+)>/g;

/** The first person mentioned (the bot's own mention is already gone, see normalize.ts). */
export function claimMention(u: Utterance): string | undefined {
  let id: string | undefined;
  let end = -1;
  u.claimMatches(
    MENTION,
    (m) => {
      if (!id) end = m.index + m[0].length;
      id ??= m[1];
      return true;
    },
    true,
  );
  if (end >= 0) claimOwnerFrame(u, end);
  return id;
}

const QUOTED = /["“”「『]([^"“”「」『』]{1,60})["“”」』]|(?<![\p{L}\p{N}])['‘]([^'‘’]{1,60})['’](?![\p{L}\p{N}])/gu;

/** A quoted span is a name by the asker's own marking: "how is 'Acme Corp' doing". */
export function claimQuotedName(u: Utterance): Span | undefined {
  let found: Span | undefined;
  u.claimMatches(
    QUOTED,
    (m) => {
      const inner = (m[1] ?? m[2] ?? '').trim();
      if (found || !inner) return false;
      const offset = m[0].indexOf(inner);
      found = {
        start: m.index + offset,
        end: m.index + offset + inner.length,
        text: u.text.slice(m.index + offset, m.index + offset + inner.length),
      };
      return true;
    },
    true,
  );
  return found;
}

const NOT_A_PERSON = /[谁我你他她它]|^(?:客户|公司)$/;
const OWNER_EN =
  /(?<![a-z])(?:owned by|assigned to|handled by|managed by|belonging to|looked after by)\s+((?:\p{Script=Han}{2,4})|(?:[a-z][a-z'-]+(?:\s[a-z][a-z'-]+)?))(?![\p{L}])/dgu;
const OWNER_ZH = /(?:^|(?<=[\s\u0001]))(\p{Script=Han}{2,4})(?:负责|名下|跟进|手上|手里)(?:的|(?=\u0001)|$)/dgu;
// "Tom Baker手上有哪些客户": a Latin name in the Chinese frame
const OWNER_ZH_LATIN = /(?<![a-z])([a-z][a-z'-]+(?:\s[a-z][a-z'-]+)?)\s?(?:负责|名下|跟进|手上|手里)(?:的|(?=\u0001)|$)?/dgu;
const ME = new Set(['me', 'myself']);

/** "customers owned by 李四", "李四负责的客户": an owner named in the sentence, not a mention. */
export function claimOwnerName(u: Utterance, phase: 'english' | 'chinese'): Entities['owner'] | undefined {
  let owner: Entities['owner'] | undefined;
  const take = (m: RegExpExecArray) => {
    const [start, end] = m.indices?.[1] ?? [0, 0];
    const name = u.text.slice(start, end);
    if (owner || NOT_A_PERSON.test(name)) return false;
    owner = ME.has(name.toLowerCase()) ? { self: true } : { name };
    return true;
  };
  u.claimMatches(phase === 'english' ? OWNER_EN : OWNER_ZH, take);
  if (phase === 'english') u.claimMatches(OWNER_ZH_LATIN, take);
  return owner;
}

const MONTHS_AND_DAYS =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|q[1-4])$/i;
// English frames read "in" before the word list claims it as a filler, so they run first
const CITY_EN = /(?<![A-Za-z])(?:in|located in|based in)\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)(?![A-Za-z])/dg;
// 淄博市 — but not 市场 (market), 市民 (citizens), 门市 / 超市 (shops). Runs after the word list
// so that "看看淄博市" starts the city after the claimed 看看.
const CITY_ZH = /(?<![\p{Script=Han}])(\p{Script=Han}{2,3})市(?![场民值面区])/dgu;

/** Cities outside the city table, by their frame, kept as typed; table cities come out canonical. */
export function claimCityFrame(u: Utterance, phase: 'english' | 'chinese'): string | undefined {
  let city: string | undefined;
  u.claimMatches(
    phase === 'english' ? CITY_EN : CITY_ZH,
    (m) => {
      const [start, end] = m.indices?.[1] ?? [0, 0];
      const typed = u.text.slice(start, end);
      if (city || MONTHS_AND_DAYS.test(typed) || /^[超门城都]/.test(typed)) return false;
      city = canonicalCity(typed) ?? typed;
      return true;
    },
    phase === 'english',
  );
  return city;
}
