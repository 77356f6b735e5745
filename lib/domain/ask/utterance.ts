/**
 * A normalized question and which of its characters the rules have already explained.
 *
 * Every rule claims the span it understood (a date, a tier, an intent keyword, a filler word); a
 * later rule never reads a claimed character, so "最近30天" is one date and not also "最近". What
 * nobody claims is the residue: the customer name when the question is about a customer, and
 * otherwise a measure of how much of the question went unexplained.
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

const CLAIMED = '\u0001';
const WORD_CHAR = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** Lower-case one UTF-16 unit at a time so positions in `folded` equal those in `text`. */
function foldSameLength(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : ch;
  }
  return out;
}

export const isHan = (ch: string | undefined): boolean => ch !== undefined && HAN.test(ch);
export const isWordChar = (ch: string | undefined): boolean => ch !== undefined && WORD_CHAR.test(ch);

export class Utterance {
  readonly text: string;
  readonly folded: string;
  private readonly claimed: boolean[];
  /** characters that belong to a name ("有限公司"): short fillers may not take them */
  private readonly reserved: boolean[];
  /** some forty patterns read the masked text and most claim nothing: built once per change */
  private readonly masks = new Map<string, string>();

  constructor(text: string) {
    this.text = text;
    this.folded = foldSameLength(text);
    this.claimed = new Array<boolean>(text.length).fill(false);
    this.reserved = new Array<boolean>(text.length).fill(false);
  }

  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.claimed[i] || this.reserved[i]) return false;
    return true;
  }

  isClaimed(i: number): boolean {
    return this.claimed[i] === true;
  }

  claim(start: number, end: number): boolean {
    if (start >= end || !this.isFree(start, end)) return false;
    for (let i = start; i < end; i++) this.claimed[i] = true;
    this.masks.clear();
    return true;
  }

  reserve(start: number, end: number): void {
    for (let i = start; i < end; i++) this.reserved[i] = true;
  }

  /** The folded text with claimed characters blanked out, for rules that read with regexes. */
  maskedFolded(): string {
    return this.mask(this.folded);
  }

  maskedText(): string {
    return this.mask(this.text);
  }

  private mask(source: string): string {
    let out = this.masks.get(source);
    if (out === undefined) {
      out = '';
      for (let i = 0; i < source.length; i++) out += this.claimed[i] ? CLAIMED : source[i];
      this.masks.set(source, out);
    }
    return out;
  }

  /**
   * Runs a global regex over the unclaimed text and claims each match the callback accepts
   * (it returns the span to claim, or false to leave the text for other rules).
   */
  claimMatches(pattern: RegExp, accept: (m: RegExpExecArray) => { start: number; end: number } | boolean, caseSensitive = false): void {
    const source = caseSensitive ? this.maskedText() : this.maskedFolded();
    pattern.lastIndex = 0;
    for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (!this.isFree(m.index, m.index + m[0].length)) continue; // runs into a reserved name part
      const verdict = accept(m);
      if (verdict === false) continue;
      const span = verdict === true ? { start: m.index, end: m.index + m[0].length } : verdict;
      this.claim(span.start, span.end);
    }
  }

  /** Does a claimed span (or a space, or the end of the text) touch [start, end)? */
  touchesBoundary(start: number, end: number): boolean {
    const before = start - 1;
    const after = end;
    const edge = (i: number) => i >= this.text.length || this.claimed[i] === true || !isWordChar(this.text[i]);
    return (before >= 0 && (this.claimed[before] === true || !isWordChar(this.text[before]))) || edge(after);
  }

  /** Maximal runs of unclaimed word characters (spaces inside a run are kept: "Acme Corp"). */
  leftovers(): Span[] {
    const spans: Span[] = [];
    let i = 0;
    while (i < this.text.length) {
      if (this.claimed[i] || !isWordChar(this.text[i])) {
        i++;
        continue;
      }
      let end = i;
      let lastWord = i;
      while (end < this.text.length && !this.claimed[end]) {
        if (isWordChar(this.text[end])) lastWord = end;
        end++;
      }
      spans.push({ start: i, end: lastWord + 1, text: this.text.slice(i, lastWord + 1) });
      i = end;
    }
    return spans;
  }

  /** Word characters in the question (the denominator of "how much did we understand"). */
  wordChars(): number {
    let n = 0;
    for (const ch of this.text) if (isWordChar(ch)) n++;
    return n;
  }

  unclaimedWordChars(spans: Span[]): number {
    let n = 0;
    for (const s of spans) for (const ch of s.text) if (isWordChar(ch)) n++;
    return n;
  }
}
