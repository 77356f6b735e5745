import * as z from 'zod';
import { changedFields } from '../domain/audit';
import { ForbiddenError, ValidationError } from '../domain/errors';
import { type Actor, atLeast, type Role, roles, type Staff, staffInput } from '../domain/staff';
import { parseInput } from '../domain/validation';
import { auditOp } from '../store';
import type { AckContext, AppContext } from './context';

/** Create or update a staff member; only admins change roles. */
// A missing role means "keep the one they have" (new members start as agents), never a silent demotion.
const staffUpsertInput = staffInput.extend({ role: z.enum(roles).optional() });

export async function upsertStaff(ctx: AppContext, actor: Actor, raw: unknown, now: Date): Promise<Staff> {
  const parsed = parseInput(staffUpsertInput, raw, 'staff member');
  const before = await ctx.store.staff.get(parsed.slackUserId);
  const input = { ...parsed, role: parsed.role ?? before?.role ?? 'agent' };
  if ((!before || before.role !== input.role) && !atLeast(actor.role, 'admin')) {
    throw new ForbiddenError('Only admins may set roles', 'error.admin_only');
  }
  const at = now.toISOString();
  const after: Staff = { ...before, ...input, createdAt: before?.createdAt ?? at, updatedAt: at, version: (before?.version ?? 0) + 1 };
  await ctx.store.transact([
    ctx.store.staff.putOp(after, before?.version ?? 0),
    auditOp({
      at,
      actor: actor.id,
      action: before ? 'staff.updated' : 'staff.created',
      entity: 'staff',
      entityId: after.slackUserId,
      changes: changedFields(before ?? {}, after),
    }),
  ]);
  return after;
}

export const listStaff = (ctx: AppContext) => ctx.store.staff.all();

/** The staff list for matching colleagues' names in questions: cached per container for a minute (lib/store/staff.ts). */
export const staffDirectory = (ctx: AckContext, now: Date = new Date()) => ctx.store.staff.directory(now.getTime());

/**
 * A reference to a staff member in an input (an owner, a supervisor): refused
 * with a 422 naming `field` when nobody in the directory has that id. The REST
 * edge calls it; Slack users not in the directory yet are still valid actors.
 */
export async function requireStaff(ctx: AppContext, id: string, field: string): Promise<Staff> {
  const member = await ctx.store.staff.get(id);
  if (!member)
    throw new ValidationError(`${field}: ${id} is not a staff member`, [{ path: field, message: `${id} is not a staff member` }]);
  return member;
}

/**
 * Who a Slack user is to CareLoop: their staff record, or — for people not in
 * the directory yet — the configured default role (admins from ADMIN_SLACK_USER_IDS).
 */
export async function resolveStaffActor(ctx: AckContext, slackUserId: string): Promise<Actor & { staff?: Staff }> {
  const member = await ctx.store.staff.get(slackUserId);
  const bootstrapAdmin = ctx.config.adminSlackUserIds.includes(slackUserId);
  const role: Role = bootstrapAdmin ? 'admin' : (member?.role ?? ctx.config.defaultStaffRole);
  return { id: slackUserId, kind: 'staff', role, locale: member?.locale, staff: member };
}
