import * as z from 'zod';

export const roles = ['agent', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { agent: 0, supervisor: 1, manager: 2, admin: 3 };

/** Supervisors and above see restricted fields and unmasked contact data (docs/domain.md, Privacy). */
export function atLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

/**
 * An IANA time zone name (Asia/Shanghai, Europe/London, UTC) that this
 * runtime's Intl knows: a name it does not know would make every date
 * computation for that person throw.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const ianaTimeZone = z.string().max(64).refine(isIanaTimeZone, 'must be an IANA time zone name such as Asia/Shanghai');

export const staffInput = z
  .object({
    slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id such as U012ABCDEF'),
    name: z.string().trim().min(1).max(100),
    role: z.enum(roles).default('agent'),
    supervisorId: z.string().optional(),
    businessUnit: z.string().max(100).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
    timeZone: ianaTimeZone.optional(),
    email: z.email().optional(),
    digest: z.enum(['daily', 'weekly', 'monthly', 'off']).optional(),
  })
  .strict();

export const staff = staffInput.extend({ createdAt: z.string(), updatedAt: z.string(), version: z.number().int() });
export type Staff = z.output<typeof staff>;

/** Who is acting: a staff member (Slack), an API key (REST) or the scheduler. */
export interface Actor {
  id: string;
  kind: 'staff' | 'apikey' | 'system';
  role: Role;
  locale?: 'zh-CN' | 'en';
}

export const systemActor: Actor = { id: 'system', kind: 'system', role: 'admin' };
