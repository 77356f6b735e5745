import { type Role, roles, staffInput } from '../../domain/staff';
import { t } from '../../i18n';
import { resolveStaffActor, upsertStaff } from '../../services/staff';
import type { FeatureJobs } from '../feature-module';
import { mention } from '../mention';
import { slackProfile } from '../runtime/session';

/** `/crm staff @user <role>`, the worker's half: the record kept, the role set (admins only, checked by the service too). */
const ROLE_WORDS: Record<string, Role> = {
  agent: 'agent',
  supervisor: 'supervisor',
  manager: 'manager',
  admin: 'admin',
  客服: 'agent',
  专员: 'agent',
  主管: 'supervisor',
  经理: 'manager',
  管理员: 'admin',
};

/** `<@U123|name> manager` or `U123 manager` → the user and the role. */
export function staffArgsOf(text: string): { userId?: string; role?: Role } {
  const user = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|\b([UW][A-Z0-9]{2,20})\b/.exec(text);
  const words = text
    .replace(/<@[^>]+>/g, ' ')
    .trim()
    .split(/\s+/);
  const role = words.map((w) => ROLE_WORDS[w.toLowerCase()]).find(Boolean);
  return { userId: user ? (user[1] ?? user[2]) : undefined, role };
}

export const staffJobs = {
  async 'staff.set'(j) {
    const { userId, role } = staffArgsOf(String(j.job.args.text ?? ''));
    if (!userId || !role) return j.reply({ text: t(j.locale, 'slack.usage.staff', { roles: roles.join(' | ') }) });
    const before = (await resolveStaffActor(j.ctx, userId)).staff;
    const name = before?.name ?? (await slackProfile(j.ctx, j.client, userId)).name ?? userId;
    const keep = before ? Object.fromEntries(Object.entries(before).filter(([k]) => k in staffInput.shape)) : {};
    const saved = await upsertStaff(j.ctx, j.actor, { ...keep, slackUserId: userId, name, role }, j.now);
    await j.reply({
      text: t(j.locale, 'slack.staff.saved', { user: `${mention(saved.slackUserId)}`, role: t(j.locale, `slack.role.${saved.role}`) }),
    });
  },
} satisfies FeatureJobs;
