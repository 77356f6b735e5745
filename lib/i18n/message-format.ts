import { type Formatters, IntlMessageFormat } from 'intl-messageformat';

/**
 * Turns a message catalogue into a `t` function. Messages are ICU MessageFormat
 * (intl-messageformat): `{name}` arguments, and `{count, plural, …}` /
 * `{status, select, …}` wherever a number or an enum value enters a sentence, so
 * no raw value is ever shown. Slack markup (`<@U…>`, `<!date…>`) is left alone
 * (tags are not parsed). A missing key falls back to English, then to the key; a
 * missing argument stays `{name}`. Kept apart from lib/i18n/index.ts (every
 * catalogue) so a function that speaks one feature can load that catalogue alone.
 */
export type Locale = 'zh-CN' | 'en';
export type Catalogue = Record<string, { 'zh-CN': string; en: string }>;
export type Translate = (locale: Locale, key: string, params?: Record<string, string | number>) => string;

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

/** `t` over `messages`, read at each call (so messages added to the object later are found). */
export function translator(messages: Catalogue): Translate {
  return (locale, key, params = {}) => {
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
  };
}
