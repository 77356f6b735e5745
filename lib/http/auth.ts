import { createHash, randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type ApiScope, apiScopes, DEFAULT_KEY_ROLE } from '../domain/api-scopes';
import { DomainError } from '../domain/errors';
import type { Actor } from '../domain/staff';
import type { Store } from '../store';
import { header } from './request';
import { routeScopes } from './scopes';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** `clk_` + 32 random bytes: 256 bits, shown once, stored only as its hash. */
export function generateApiKey(): string {
  return `clk_${randomBytes(32).toString('base64url')}`;
}

// Verified keys stay valid for a minute per container, so a request costs no extra read.
const CACHE_MS = 60_000;
const verified = new Map<string, { actor: ApiKeyActor; until: number }>();

export type ApiKeyActor = Actor & { scopes: readonly ApiScope[] };

export async function apiKeyActor(
  store: Store,
  event: APIGatewayProxyEventV2,
  now = Date.now(),
  warn: (message: string, details: Record<string, unknown>) => void = () => {},
): Promise<ApiKeyActor> {
  const auth = header(event, 'authorization');
  const match = auth?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new DomainError('unauthorized', 'Authorization: Bearer <API key> is required');
  const hash = hashApiKey(match[1]!);
  const cached = verified.get(hash);
  if (cached && cached.until > now) return cached.actor;
  const record = await store.apiKeys.byHash(hash);
  if (!record) throw new DomainError('unauthorized', 'API key is not valid');
  // A key stored before scopes existed keeps the full access it was created with; new keys carry their scopes and role.
  const legacy = record.scopes === undefined;
  // Once per key and container (the cache): loud enough to be found in the logs, not one line per request.
  if (legacy)
    warn(
      'API key from before scopes acts as admin with every scope; narrow it: npm run cli -- apikey rescope <prefix> --scopes … --role …',
      {
        apiKey: record.name,
        prefix: record.prefix,
      },
    );
  const actor: ApiKeyActor = {
    id: `apikey:${record.name}`,
    kind: 'apikey',
    role: legacy ? 'admin' : (record.role ?? DEFAULT_KEY_ROLE),
    scopes: legacy ? apiScopes : record.scopes!,
  };
  verified.set(hash, { actor, until: now + CACHE_MS });
  return actor;
}

/** Refuses a key without the route's scope (403 naming the scope the key lacks). */
export function assertScope(actor: ApiKeyActor, routeKey: string): void {
  const needed = (routeScopes as Partial<Record<string, ApiScope>>)[routeKey];
  if (!needed || !actor.scopes.includes(needed)) {
    throw new DomainError(
      'forbidden',
      `API key lacks the scope ${needed ?? '(none for this route)'}`,
      { scope: needed ?? null },
      'error.forbidden',
    );
  }
}
