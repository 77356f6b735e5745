import type * as z from 'zod';
import en from 'zod/v4/locales/en.js';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { type FieldIssue, ValidationError } from '../domain/errors';
import { type Locale, t } from '../i18n';
import { fieldName } from './errors';

/**
 * zod in the user's language. zod 4 ships its own message catalogues
 * (`z.locales`); a missing value reads "required" rather than zod's
 * "expected string, received undefined", which means nothing to a user.
 */
// Imported one by one: `z.locales` would bring every language zod speaks into the bundle.
const zodLocales = { 'zh-CN': zhCN().localeError, en: en().localeError };

function errorMapFor(locale: Locale): z.core.$ZodErrorMap {
  return (issue) => (issue.input === undefined || issue.input === '' ? t(locale, 'slack.form.required') : zodLocales[locale](issue));
}

export function localizedIssues<T extends z.ZodType>(
  schema: T,
  input: unknown,
  locale: Locale,
): { data?: z.output<T>; issues: FieldIssue[] } {
  const result = schema.safeParse(input, { error: errorMapFor(locale) });
  if (result.success) return { data: result.data, issues: [] };
  return {
    issues: result.error.issues.map((issue) => ({
      path: issue.path.length ? issue.path.map(String).join('.') : '(root)',
      message: issue.message,
    })),
  };
}

/** Parse or throw a ValidationError whose messages are in the user's language. */
export function parseLocalized<T extends z.ZodType>(schema: T, input: unknown, locale: Locale): z.output<T> {
  const { data, issues } = localizedIssues(schema, input, locale);
  if (issues.length) throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  return data as z.output<T>;
}

/**
 * `response_action: 'errors'` for a modal: each issue under the block that
 * holds the field, naming the field. Issues on fields without a block go to
 * `fallbackBlock` so nothing is lost.
 */
export function modalErrors(
  issues: FieldIssue[],
  blockOf: Record<string, string>,
  locale: Locale,
  fallbackBlock: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const head = issue.path.split('.')[0] ?? issue.path;
    const block = blockOf[head] ?? fallbackBlock;
    const text = `${fieldName(issue.path, locale)}: ${issue.message}`;
    errors[block] = errors[block] ? `${errors[block]}; ${text}` : text;
  }
  return errors;
}
