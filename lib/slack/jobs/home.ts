import type { WebClient } from '@slack/web-api';
import { localDay } from '../../domain/calendar';
import type { Complaint } from '../../domain/complaint-schemas';
import { atLeast } from '../../domain/staff';
import { tasksForAssignee } from '../../services/care';
import { listComplaints } from '../../services/complaints';
import type { AppContext } from '../../services/context';
import { homeView } from '../blocks/home';
import type { FeatureJobs } from '../feature-module';
import type { Session } from '../runtime/session';

/**
 * The App Home tab, published for one user: their open complaints by due
 * time and their care tasks for today and overdue. Two reads on the assignee
 * indexes. Also called after a click on the tab, to show the new state.
 */
export async function publishHome(ctx: AppContext, client: WebClient, s: Session, now: Date): Promise<void> {
  const max = ctx.config.slackBot.homeItems;
  const [complaints, tasks, attention] = await Promise.all([
    listComplaints(ctx, s.actor, { status: 'active', assignee: s.userId, limit: max + 1 }, now),
    tasksForAssignee(ctx, s.userId, 'today', now, max + 1),
    atLeast(s.actor.role, 'supervisor') ? needingAttention(ctx, s, now, max) : undefined,
  ]);
  const byDeadline = [...complaints.items].sort((a, b) => (a.nextDeadlineAt ?? '~').localeCompare(b.nextDeadlineAt ?? '~'));
  const view = homeView(
    {
      complaints: byDeadline.slice(0, max),
      moreComplaints: byDeadline.length > max || Boolean(complaints.cursor),
      tasks: tasks.slice(0, max),
      moreTasks: tasks.length > max,
      ...(attention ? { attention } : {}),
    },
    { locale: s.locale, timeZone: s.timeZone, now, today: localDay(now, ctx.config.company.timeZone), userId: s.userId },
  );
  await client.views.publish({ user_id: s.userId, view: view as never });
}

/**
 * Supervisors and managers: active complaints that are overdue or were
 * escalated, from one page of the active-by-deadline index (no Scan). The most
 * urgent deadlines come first, so overdue ones are never cut off by later ones.
 * Managers see everyone's; a supervisor sees their team's (whoever names them
 * as supervisor) and their own, as escalations reach them only for those.
 */
async function needingAttention(ctx: AppContext, s: Session, now: Date, max: number): Promise<{ complaints: Complaint[]; more: boolean }> {
  const [page, team] = await Promise.all([
    listComplaints(ctx, s.actor, { status: 'active', limit: ctx.config.complaints.pageSizeMax }, now),
    atLeast(s.actor.role, 'manager') ? undefined : teamOf(ctx, s.userId),
  ]);
  const at = now.toISOString();
  const urgent = page.items
    .filter((c) => !team || team.has(c.assigneeId))
    .filter((c) => c.escalationLevel > 0 || (c.nextDeadlineAt !== undefined && c.nextDeadlineAt < at));
  return { complaints: urgent.slice(0, max), more: urgent.length > max || Boolean(page.cursor) };
}

/** A supervisor and the staff who report to them; the directory is one small Query. */
async function teamOf(ctx: AppContext, supervisorId: string): Promise<Set<string>> {
  const members = (await ctx.store.staff.all()).filter((m) => m.supervisorId === supervisorId).map((m) => m.slackUserId);
  return new Set([supervisorId, ...members]);
}

export const homeJobs = {
  'home.publish': (j) => publishHome(j.ctx, j.client, j, j.now),
} satisfies FeatureJobs;
