import * as z from 'zod';

export const roles = ['agent', 'supervisor', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { agent: 0, supervisor: 1, manager: 2, admin: 3 };

/** Supervisors and above see restricted fields and unmasked contact data (docs/domain.md, Privacy). */
export function atLeast(role: Role, minimum: Role): boolean {
  return rank[role] >= rank[minimum];
}

export const staffInput = z
  .object({
    slackUserId: z.string().regex(/^[UW][A-Z0-9]{2,20}$/, 'must be a Slack user id such as U012ABCDEF'),
    name: z.string().trim().min(1).max(100),
    role: z.enum(roles).default('agent'),
    supervisorId: z.string().optional(),
    businessUnit: z.string().max(100).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
    timeZone: z.string().optional(),
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
