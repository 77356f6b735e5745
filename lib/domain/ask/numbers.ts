/** Counts as people type them in questions: "60", "六十", "两", "sixty", "a couple of". */

const HAN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  俩: 2,
  三: 3,
  仨: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const HAN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

const ENGLISH: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
  hundred: 100,
  couple: 2,
  'a couple of': 2,
  'couple of': 2,
  few: 3,
  'a few': 3,
};

/** Regex source for any count a rule accepts; parseCount reads what it matched. */
export const COUNT = `\\d{1,5}|[零〇一二两俩三仨四五六七八九十百千]{1,6}|半|${Object.keys(ENGLISH)
  .sort((a, b) => b.length - a.length)
  .join('|')}`;

/** 十 → 10, 十五 → 15, 三十 → 30, 一百二十 → 120, 二百零五 → 205. */
export function parseChineseNumeral(text: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in HAN_DIGITS) {
      if (digit !== undefined && digit !== 0) return undefined; // "三三" is not a number
      digit = HAN_DIGITS[ch];
    } else if (ch in HAN_UNITS) {
      total += (digit ?? 1) * (HAN_UNITS[ch] as number);
      digit = undefined;
    } else return undefined;
  }
  return total + (digit ?? 0);
}

/** A count in any of the forms above; 半 (half) is 0.5 so that 半年 is six months. */
export function parseCount(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  if (t === '半') return 0.5;
  if (t in ENGLISH) return ENGLISH[t];
  return parseChineseNumeral(t);
}
