import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MAX_ID_LENGTH } from '../domain/bounds';
import { type FieldIssue, ValidationError } from '../domain/errors';
import { MAX_CURSOR_LENGTH } from '../store';

/** Free-text query values (a name prefix, an email) stop here; ids stop at MAX_ID_LENGTH. */
const MAX_QUERY_VALUE_LENGTH = 256;
const FREE_TEXT_QUERY = new Set(['q', 'email', 'phone']);
// Control characters never belong in an id and break key conditions and logs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern refuses.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Refuses path and query values no route could mean, before any handler runs:
 * an id of 2 KB reaches DynamoDB as an oversized key (a 500), a 100 KB query
 * value is never a search. Each refusal names the parameter.
 */
export function assertRequestBounds(event: APIGatewayProxyEventV2): void {
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(event.pathParameters ?? {})) {
    if (value === undefined) continue;
    if (value.length === 0 || value.length > MAX_ID_LENGTH) issues.push({ path: name, message: `must be 1–${MAX_ID_LENGTH} characters` });
    else if (CONTROL.test(value)) issues.push({ path: name, message: 'must not contain control characters' });
  }
  for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
    if (value === undefined) continue;
    const max = name === 'cursor' ? MAX_CURSOR_LENGTH : FREE_TEXT_QUERY.has(name) ? MAX_QUERY_VALUE_LENGTH : MAX_ID_LENGTH;
    if (value.length > max) issues.push({ path: name, message: `must be at most ${max} characters` });
    else if (CONTROL.test(value)) issues.push({ path: name, message: 'must not contain control characters' });
  }
  if (issues.length) throw new ValidationError(`invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
}
