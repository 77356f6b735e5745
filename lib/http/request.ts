import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../domain/errors';

/** API Gateway's own payload limit is 10 MB; ours is far below it. */
export const MAX_BODY_BYTES = 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The raw body as text: size-checked, base64 undone, and refused if it is not UTF-8. */
export function bodyText(event: APIGatewayProxyEventV2, maxBytes = MAX_BODY_BYTES): string | undefined {
  if (event.body === undefined || event.body === null || event.body === '') return undefined;
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBytes) {
    throw new DomainError('payload_too_large', `Request body is ${bytes.length} bytes; the limit is ${maxBytes}`, { limit: maxBytes });
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DomainError('bad_request', 'Request body is not valid UTF-8', { field: 'body' });
  }
}

/** The raw body bytes (files: CSV in any encoding, .xlsx), size-checked; empty when there is none. */
export function bodyBytes(event: APIGatewayProxyEventV2, maxBytes: number): Buffer {
  if (event.body === undefined || event.body === null || event.body === '') return Buffer.alloc(0);
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBytes) {
    throw new DomainError('payload_too_large', `Request body is ${bytes.length} bytes; the limit is ${maxBytes}`, { limit: maxBytes });
  }
  return bytes;
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function mediaType(event: APIGatewayProxyEventV2): string {
  return (header(event, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The JSON body of a request that must carry one. */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  const text = bodyText(event);
  if (text === undefined) throw new DomainError('bad_request', 'Request body is required (JSON)', { field: 'body' });
  const type = mediaType(event);
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new DomainError('unsupported_media_type', `Content-Type must be application/json, not "${type || 'none'}"`, {
      contentType: type,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DomainError('bad_request', `Request body is not valid JSON: ${(e as Error).message}`, { field: 'body' });
  }
}

/** If-Match carries the version the client read; PATCH without it is refused (428). */
export function ifMatchVersion(event: APIGatewayProxyEventV2): number {
  const raw = header(event, 'if-match');
  if (!raw) throw new DomainError('precondition_required', 'If-Match header with the version you read is required', { header: 'If-Match' });
  const version = Number(raw.replace(/^W\//, '').replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 1) {
    throw new DomainError('bad_request', `If-Match must be a version number, not "${raw}"`, { header: 'If-Match' });
  }
  return version;
}
