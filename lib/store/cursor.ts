import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors';

/**
 * Opaque pagination cursors, signed. A cursor is bound to the query that
 * produced it and carries an HMAC over that binding and the key, so a tampered
 * or forged cursor — or one from another list — is refused with a 400 before it
 * reaches DynamoDB as an ExclusiveStartKey (where a mismatched key is an error
 * and a crafted one could start a listing inside another partition).
 */
const DEV_CURSOR_KEY = 'careloop-dev-cursor-key';
let cursorKey = DEV_CURSOR_KEY;

/** Installs the signing key (config CURSOR_KEY); every process signs and checks with it. */
export function useCursorKey(key: string | undefined): void {
  cursorKey = key || DEV_CURSOR_KEY;
}

/** Longer cursors are refused unread: ours stay well under this. */
export const MAX_CURSOR_LENGTH = 2000;
const MAC_BYTES = 16;

const mac = (payload: string) => createHmac('sha256', cursorKey).update(payload).digest().subarray(0, MAC_BYTES);

export function encodeCursor(lastKey: Record<string, unknown> | undefined, scope: string): string | undefined {
  if (!lastKey) return undefined;
  const payload = Buffer.from(JSON.stringify({ s: scope, k: lastKey }), 'utf8').toString('base64url');
  return `${payload}.${mac(payload).toString('base64url')}`;
}

export function decodeCursor(cursor: string | undefined, scope: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const invalid = () => new DomainError('bad_request', 'cursor is not valid for this list', { field: 'cursor' }, 'error.bad_cursor');
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalid();
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const p = parsed as { s?: unknown; k?: unknown };
  if (!p || p.s !== scope || !p.k || typeof p.k !== 'object') throw invalid();
  for (const v of Object.values(p.k as object)) if (typeof v !== 'string') throw invalid();
  return p.k as Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}
