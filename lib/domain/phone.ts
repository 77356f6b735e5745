import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A phone in E.164 (+8613800138000), or null when it is not a valid number for the region. */
export function normalizePhone(raw: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}
