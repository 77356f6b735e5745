import { ask } from './ask';
import { common } from './common';
import { care } from './care';
import { complaints } from './complaints';
import { slack } from './slack';
import { surveys } from './surveys';

/**
 * The message catalogue (zh-CN, en). Each feature keeps its messages in its own
 * file (lib/i18n/<feature>.ts exporting a Catalogue) and adds it to `catalogues`.
 * Placeholders are {name}; a missing key falls back to English, then to the key.
 */
export type Locale = 'zh-CN' | 'en';
export type Catalogue = Record<string, { 'zh-CN': string; en: string }>;

const catalogues: Catalogue[] = [common, care, complaints, slack, surveys, ask];

const messages: Catalogue = Object.assign({}, ...catalogues);

export function registerMessages(catalogue: Catalogue): void {
  Object.assign(messages, catalogue);
}

export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const entry = messages[key];
  const template = entry?.[locale] ?? entry?.en ?? key;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function hasMessage(key: string): boolean {
  return key in messages;
}
