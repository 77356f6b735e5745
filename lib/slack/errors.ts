import { DomainError, ValidationError } from '../domain/errors';
import { hasMessage, type Locale, t } from '../i18n';

/**
 * A failure told in the user's language. Domain errors carry a catalogue key;
 * a validation error lists each field with what is wrong with it. Anything
 * else is our fault and says so without details (they go to the log).
 */
export function errorText(error: unknown, locale: Locale): string {
  if (error instanceof ValidationError) {
    const lines = error.issues.map((i) => `• ${fieldName(i.path, locale)}: ${i.message}`);
    return [
      `:warning: ${t(locale, 'error.validation', { fields: error.issues.map((i) => fieldName(i.path, locale)).join(', ') })}`,
      ...lines,
    ].join('\n');
  }
  if (error instanceof DomainError && error.key && hasMessage(error.key)) return `:warning: ${t(locale, error.key, error.params)}`;
  if (error instanceof DomainError) return `:warning: ${error.message}`;
  return `:x: ${t(locale, 'error.internal')}`;
}

/** A field path in the user's words when the catalogue knows it ("phones.0" → "电话"). */
export function fieldName(path: string, locale: Locale): string {
  const head = path.split('.')[0] ?? path;
  const key = `slack.field.${head}`;
  return hasMessage(key) ? t(locale, key) : path;
}

export const isOurFault = (error: unknown) => !(error instanceof DomainError);
