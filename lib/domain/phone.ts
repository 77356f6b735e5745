import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** A phone in E.164 (+8613800138000), or null when it is not a valid number for the region. */
export function normalizePhone(raw: string, defaultRegion: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultRegion.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** +86 138****8000: enough to recognise a number, not enough to call it. */
export function maskPhone(e164: string): string {
  if (e164.length <= 7) return '*'.repeat(e164.length);
  return `${e164.slice(0, e164.length - 8)}****${e164.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
