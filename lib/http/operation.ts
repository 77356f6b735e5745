import * as z from 'zod';
import type { Config } from '../config';
import type { ErrorCode } from '../domain/errors';
import type { ApiRouteKey } from './routes';

/**
 * What one REST operation accepts and answers, for the OpenAPI document and
 * the contract check. Bodies and queries are the zod schemas the handlers
 * parse with, so the document says exactly what the handler accepts.
 */
export type Tag = 'System' | 'Customers' | 'Imports' | 'Exports' | 'Staff' | 'Care tasks' | 'Complaints' | 'Reports' | 'Surveys';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500;
export type SuccessStatus = 200 | 201 | 202 | 204;

/** Response headers a client can rely on; each response lists the ones it always sends. */
export type ResponseHeader = 'ETag' | 'Location' | 'Content-Disposition' | 'Vary' | 'Cache-Control' | 'WWW-Authenticate';

/** A schema, or one built from the running configuration (limits an operator can change). */
export type ConfiguredSchema = z.ZodType | ((config: Config) => z.ZodType);

export interface ResponseSpec {
  description: string;
  json?: ConfiguredSchema;
  /** non-JSON bodies by media type: `text` (CSV) or `binary` (.xlsx) */
  files?: Record<string, 'text' | 'binary'>;
  headers?: readonly ResponseHeader[];
}

export interface Operation {
  operationId: string;
  tag: Tag;
  description?: string;
  query?: z.ZodType;
  /** If-Match carries the version the client read (ETag) */
  ifMatch?: 'required' | 'optional';
  /** Idempotency-Key: a retry with the same key answers the first result */
  idempotencyKey?: boolean;
  /** Accept: media types the client may ask for besides JSON */
  accepts?: readonly string[];
  body?:
    | { json: ConfiguredSchema; optional?: boolean }
    | { files: Record<string, 'text' | 'binary'>; description: string | ((config: Config) => string) };
  responses: Partial<Record<SuccessStatus | 503, ResponseSpec>>;
  errors: readonly ErrorStatus[];
}

/** Part of the operation map, for one feature's file; the full map is checked for completeness in openapi.ts. */
export type Operations = Partial<Record<ApiRouteKey, Operation>>;

/** The `code` every error status carries (lib/http/errors.ts maps codes to statuses). */
export const errorCodeOf: Record<ErrorStatus, ErrorCode | 'internal'> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  428: 'precondition_required',
  429: 'rate_limited',
  500: 'internal',
};

export const errorBody = (code: string) =>
  z.object({
    error: z.object({
      code: z.literal(code),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  });

/** API Gateway answers a body over its 10 MB payload limit itself, before the function, in its own shape. */
export const gatewayTooLarge = z.object({ message: z.string() }).describe('API Gateway: the body is over its 10 MB limit');

/** A page of a list: `cursor` is opaque; pass it back to get the next page, absent on the last one. */
export const page = (item: z.ZodType) => z.object({ items: z.array(item), cursor: z.string().optional() });

export const items = (item: z.ZodType) => z.object({ items: z.array(item) });

/** Errors every API-key operation can answer: no or wrong key, a key without the scope, our fault. */
export const keyErrors = [401, 403, 500] as const;
/** …with a path id: out-of-bounds ids are 422, unknown ones 404. */
export const idErrors = [...keyErrors, 404, 422] as const;
/** …with a JSON body: unreadable (400), too large (413), not JSON (415), invalid fields (422). */
export const jsonBodyErrors = [400, 413, 415, 422] as const;
