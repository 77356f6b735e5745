import type { Role } from './staff';

/**
 * What an API key may do. A key holds a list of scopes and an acting role
 * (the role its requests carry into the services: masking, restricted fields,
 * erase). New keys get the least: `customers:read` as an agent.
 */
export const apiScopes = [
  'customers:read',
  'customers:write',
  'import',
  'export',
  'complaints:read',
  'complaints:write',
  'tasks:read',
  'tasks:write',
  'surveys:read',
  'surveys:write',
  'reports:read',
  'staff:read',
  'staff:admin',
] as const;
export type ApiScope = (typeof apiScopes)[number];

export const DEFAULT_KEY_SCOPES: ApiScope[] = ['customers:read'];
export const DEFAULT_KEY_ROLE: Role = 'agent';

export const isApiScope = (s: string): s is ApiScope => (apiScopes as readonly string[]).includes(s);
