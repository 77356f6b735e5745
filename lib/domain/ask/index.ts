/** Conversational queries (issue 4 §6): the pure parser lib/services/ask.ts calls. See docs/ask.md. */

export { relativeDateRange } from './dates';
export { parseQuestion } from './parse';
export type { AnswerableIntent, DateRange, Entities, Intent, ParsedQuestion, ParseOptions } from './types';
