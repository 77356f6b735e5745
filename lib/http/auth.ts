import { createHash, randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../domain/errors';
import type { Actor } from '../domain/staff';
import type { Store } from '../store';
import { header } from './request';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** `clk_` + 32 random bytes: 256 bits, shown once, stored only as its hash. */
export function generateApiKey(): string {
  return `clk_${randomBytes(32).toString('base64url')}`;
}

// Verified keys stay valid for a minute per container, so a request costs no extra read.
const CACHE_MS = 60_000;
const verified = new Map<string, { actor: Actor; until: number }>();

export async function apiKeyActor(store: Store, event: APIGatewayProxyEventV2, now = Date.now()): Promise<Actor> {
  const auth = header(event, 'authorization');
  const match = auth?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw new DomainError('unauthorized', 'Authorization: Bearer <API key> is required');
  const hash = hashApiKey(match[1]!);
  const cached = verified.get(hash);
  if (cached && cached.until > now) return cached.actor;
  const record = await store.apiKeys.byHash(hash);
  if (!record) throw new DomainError('unauthorized', 'API key is not valid');
  // Keys belong to integrations (ERP, web forms): they act as admins of the data, not as staff.
  const actor: Actor = { id: `apikey:${record.name}`, kind: 'apikey', role: 'admin' };
  verified.set(hash, { actor, until: now + CACHE_MS });
  return actor;
}
