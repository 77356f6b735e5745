/** Conversational queries (issue 4 §6): the pure parser lib/services/ask.ts calls. See docs/ask.md. */
export { parseQuestion } from './parse';
export { relativeDateRange } from './dates';
export type { AnswerableIntent, DateRange, Entities, Intent, ParseOptions, ParsedQuestion } from './types';
