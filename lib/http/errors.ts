import { DomainError, type ErrorCode } from '../domain/errors';

export const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  precondition_required: 428,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** DomainError → its status; anything else is our fault → 500 with no internals. */
export function errorResponse(error: unknown): { statusCode: number; body: ErrorBody } {
  if (error instanceof DomainError) {
    return { statusCode: statusOf[error.code], body: { error: { code: error.code, message: error.message, details: error.details } } };
  }
  return { statusCode: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side; it has been logged' } } };
}
