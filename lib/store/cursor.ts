import { DomainError } from '../domain/errors';

/**
 * Opaque pagination cursors. A cursor is bound to the query that produced it,
 * so one from another list is refused with a 400 instead of reaching DynamoDB
 * as a mismatched ExclusiveStartKey (which DynamoDB rejects with a 500-ish error).
 */
export function encodeCursor(lastKey: Record<string, unknown> | undefined, scope: string): string | undefined {
  if (!lastKey) return undefined;
  return Buffer.from(JSON.stringify({ s: scope, k: lastKey }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, scope: string): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  const invalid = () => new DomainError('bad_request', 'cursor is not valid for this list', { field: 'cursor' }, 'error.bad_cursor');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
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
