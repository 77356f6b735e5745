/**
 * Typed domain errors. lib/http maps `code` to a status, lib/slack maps `key`
 * to a sentence in the user's language; neither has to parse a message.
 */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'rate_limited';

export interface FieldIssue {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** message-catalogue key and params, for replies in the user's language */
    readonly key?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id: string) {
    super('not_found', `${entity} ${id} was not found`, { entity, id }, 'error.not_found', { entity, id });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown, key = 'error.conflict', params?: Record<string, string | number>) {
    super('conflict', message, details, key, params);
  }
}

/** The record changed since the caller read it (optimistic locking). */
export class VersionMismatchError extends DomainError {
  constructor(entity: string, id: string, expected: number) {
    super(
      'precondition_failed',
      `${entity} ${id} is not at version ${expected}; read it again and retry`,
      { entity, id, expectedVersion: expected },
      'error.version_mismatch',
      { entity, id },
    );
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string, key = 'error.forbidden', params?: Record<string, string | number>) {
    super('forbidden', message, undefined, key, params);
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super('validation_failed', message, { issues }, 'error.validation', {
      fields: issues.map((i) => i.path).join(', '),
    });
  }
}
