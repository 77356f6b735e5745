/**
 * The language a question is written in, when that is clear: Chinese when
 * Han characters clearly outweigh Latin words, English the other way round;
 * undefined when mixed or too short to tell (then the staff member's locale
 * applies). Names inside a sentence do not tip it: "how is 张三 doing" is
 * English, "Acme 最近有投诉吗" Chinese. A Latin word counts as two Han
 * characters (about the same amount of meaning). Pure: no I/O.
 */
export type QuestionLanguage = 'zh-CN' | 'en';

const CLEAR_RATIO = 1.5;

export function questionLanguage(text: string): QuestionLanguage | undefined {
  const plain = text
    .replace(/<[^>]*>/g, ' ') // mentions, links, dates
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\b[UWCDG][A-Z0-9]{6,}\b/g, ' '); // Slack ids typed bare
  const han = (plain.match(/\p{Script=Han}/gu) ?? []).length;
  const latinWords = (plain.match(/\p{Script=Latin}{2,}/gu) ?? []).length;
  const zh = han;
  const en = latinWords * 2;
  if (zh === 0 && en === 0) return undefined;
  if (zh >= 2 && zh >= en * CLEAR_RATIO) return 'zh-CN';
  if (en >= 4 && en >= zh * CLEAR_RATIO) return 'en';
  return undefined;
}
