import { ask } from './ask';
import { care } from './care';
import { common } from './common';
import { complaints } from './complaints';
import { imports } from './imports';
import { type Catalogue, translator } from './message-format';
import { slack } from './slack';
import { slackImports } from './slack-imports';
import { surveys } from './surveys';

/**
 * The message catalogue (zh-CN, en). Each feature keeps its messages in its own
 * file (lib/i18n/<feature>.ts exporting a Catalogue) and adds it to `catalogues`.
 * How messages are written and formatted: lib/i18n/message-format.ts.
 */
export type { Catalogue, Locale } from './message-format';

const catalogues: Catalogue[] = [common, care, complaints, slack, surveys, ask, imports, slackImports];

const messages: Catalogue = Object.assign({}, ...catalogues);

export function registerMessages(catalogue: Catalogue): void {
  Object.assign(messages, catalogue);
}

export const t = translator(messages);

export function hasMessage(key: string): boolean {
  return key in messages;
}
