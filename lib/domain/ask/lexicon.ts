import { INTENT_CUES, type ScoredIntent } from './intents';
import type { Entities } from './types';
import { isHan, type Utterance } from './utterance';
import { ENTITY_WORDS, type EntitySetter, FILLERS, NAME_PARTS } from './vocabulary';

/**
 * Every known word of every table, matched leftmost-longest in one pass over the question.
 * A phrase can carry several effects (满意度 names the CSAT metric and hints at a survey).
 */
interface Entry {
  phrase: string;
  /** Latin phrases match whole words only: "ces" must not fire inside "services" */
  latin: boolean;
  /** a single Han character: only taken when it touches an understood word (see claimWeak) */
  weak: boolean;
  namePart: boolean;
  cues: { intent: ScoredIntent; weight: number }[];
  setters: EntitySetter[];
}

export interface LexiconHits {
  scores: Map<ScoredIntent, number>;
  entities: Entities;
}

const LATIN_WORD = /[a-z0-9]/;

function buildLexicon(): Map<string, Entry[]> {
  const entries = new Map<string, Entry>();
  const entry = (raw: string): Entry => {
    const phrase = raw.toLowerCase();
    let e = entries.get(phrase);
    if (!e) {
      const latin = LATIN_WORD.test(phrase[0] ?? '');
      e = { phrase, latin, weak: phrase.length === 1 && isHan(phrase), namePart: false, cues: [], setters: [] };
      entries.set(phrase, e);
    }
    return e;
  };
  for (const [intent, cues] of Object.entries(INTENT_CUES) as [ScoredIntent, typeof INTENT_CUES.help][]) {
    for (const { weight, phrases } of cues) for (const p of phrases) entry(p).cues.push({ intent, weight });
  }
  for (const [word, set] of ENTITY_WORDS) entry(word).setters.push(set);
  for (const word of FILLERS) entry(word);
  for (const word of NAME_PARTS) entry(word).namePart = true;

  // index by first character, longest first, so matching at a position tries few entries
  const byFirst = new Map<string, Entry[]>();
  for (const e of entries.values()) {
    const first = e.phrase[0] as string;
    byFirst.set(first, [...(byFirst.get(first) ?? []), e]);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  return byFirst;
}

const LEXICON = buildLexicon();

/** End of a Latin match, allowing an English plural ("complaints", "statuses"), or -1. */
function latinEnd(folded: string, at: number, phrase: string): number {
  const end = at + phrase.length;
  for (const suffix of ['', 's', 'es']) {
    const e = end + suffix.length;
    if (folded.startsWith(suffix, end) && !LATIN_WORD.test(folded[e] ?? '')) return e;
  }
  return -1;
}

function matchAt(u: Utterance, at: number, e: Entry): number {
  if (!u.folded.startsWith(e.phrase, at)) return -1;
  let end = at + e.phrase.length;
  if (e.latin) {
    if (at > 0 && LATIN_WORD.test(u.folded[at - 1] as string)) return -1;
    end = latinEnd(u.folded, at, e.phrase);
    if (end < 0) return -1;
  }
  return u.isFree(at, end) ? end : -1;
}

function record(hits: LexiconHits, e: Entry): void {
  for (const { intent, weight } of e.cues) hits.scores.set(intent, (hits.scores.get(intent) ?? 0) + weight);
  for (const set of e.setters) set(hits.entities);
}

/**
 * Claims known words, leftmost-longest, then the weak single characters. Entities go into
 * `entities` (first value wins), intent weights into `scores`.
 */
export function claimKnownWords(u: Utterance, hits: LexiconHits): void {
  // name endings first ("有限公司" keeps its 有), unless a longer word starts there ("公司地址")
  scan(
    u,
    () => true,
    (at, end, e) => e.namePart && u.reserve(at, end),
  );
  scan(
    u,
    (e) => !e.weak && !e.namePart,
    (at, end, e) => {
      // "上海分公司" is a customer, not the city, and "XX服务公司" keeps its 服务: a Chinese entity
      // or filler word that runs into a name ending becomes part of the name (intent cues do not)
      if (e.cues.length === 0 && !e.latin && end < u.folded.length && !u.isFree(end, end + 1) && !u.isClaimed(end)) u.reserve(at, end);
      else {
        u.claim(at, end);
        record(hits, e);
      }
    },
  );
  claimWeak(u, hits);
}

/** Leftmost-longest scan over the entries `take` selects. */
function scan(u: Utterance, take: (e: Entry) => boolean, onMatch: (at: number, end: number, e: Entry) => void): void {
  for (let at = 0; at < u.folded.length; ) {
    let next = at + 1;
    for (const e of LEXICON.get(u.folded[at] as string) ?? []) {
      if (!take(e)) continue;
      const end = matchAt(u, at, e);
      if (end < 0) continue;
      onMatch(at, end, e);
      next = end;
      break;
    }
    at = next;
  }
}

/**
 * Single Han characters (的, 有, 吗, 我…) are the glue of Chinese questions but also common in
 * names (张有才). Taking one only where it touches an understood word, repeatedly until nothing
 * changes, peels them off the edges of a name without cutting through it.
 */
function claimWeak(u: Utterance, hits: LexiconHits): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (let at = 0; at < u.folded.length; at++) {
      const e = LEXICON.get(u.folded[at] as string)?.find((x) => x.weak);
      if (!e || !u.isFree(at, at + 1) || !u.touchesBoundary(at, at + 1)) continue;
      u.claim(at, at + 1);
      record(hits, e);
      changed = true;
    }
  }
}
