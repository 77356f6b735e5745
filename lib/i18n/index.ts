import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
import { ask } from './ask';
import { care } from './care';
import { common } from './common';
import { complaints } from './complaints';
import { imports } from './imports';
import { slack } from './slack';
import { slackImports } from './slack-imports';
import { surveys } from './surveys';

/**
 * The message catalogue (zh-CN, en). Each feature keeps its messages in its own
 * file (lib/i18n/<feature>.ts exporting a Catalogue) and adds it to `catalogues`.
 * Messages are ICU MessageFormat (intl-messageformat): `{name}` arguments,
 * and `{count, plural, …}` / `{status, select, …}` wherever a number or an
 * enum value enters a sentence, so no raw value is ever shown. Slack markup
 * (`<@U…>`, `<!date…>`) is left alone (tags are not parsed). A missing key
 * falls back to English, then to the key; a missing argument stays `{name}`.
 */
export type Locale = 'zh-CN' | 'en';
export type Catalogue = Record<string, { 'zh-CN': string; en: string }>;

const catalogues: Catalogue[] = [common, care, complaints, slack, surveys, ask, imports, slackImports];

const messages: Catalogue = Object.assign({}, ...catalogues);

export function registerMessages(catalogue: Catalogue): void {
  Object.assign(messages, catalogue);
}

// Numbers read as written (ids, years, counts): no digit grouping.
const formatters: Formatters = {
  getNumberFormat: ((locales: string | string[], opts?: Intl.NumberFormatOptions) =>
    new Intl.NumberFormat(locales, { useGrouping: false, ...opts })) as Formatters['getNumberFormat'],
  getDateTimeFormat: ((locales: string | string[], opts?: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locales, opts)) as Formatters['getDateTimeFormat'],
  getPluralRules: ((locales: string | string[], opts?: Intl.PluralRulesOptions) =>
    new Intl.PluralRules(locales, opts)) as Formatters['getPluralRules'],
};
const compiled = new Map<string, IntlMessageFormat | null>();

function compile(template: string, locale: Locale): IntlMessageFormat | null {
  const cacheKey = `${locale}\u0000${template}`;
  let format = compiled.get(cacheKey);
  if (format === undefined) {
    try {
      format = new IntlMessageFormat(template, locale, undefined, { ignoreTag: true, formatters });
    } catch {
      format = null; // not valid ICU: shown with plain {name} substitution
    }
    compiled.set(cacheKey, format);
  }
  return format;
}

const substitute = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));

export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const entry = messages[key];
  const template = entry?.[locale] ?? entry?.en ?? key;
  if (!template.includes('{')) return template;
  const format = compile(template, locale);
  if (!format) return substitute(template, params);
  try {
    return String(format.format(params));
  } catch {
    return substitute(template, params); // an argument is missing: keep the placeholder visible
  }
}

export function hasMessage(key: string): boolean {
  return key in messages;
}
