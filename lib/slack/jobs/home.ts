import type { WebClient } from '@slack/web-api';
import { localDay } from '../../domain/calendar';
import { tasksForAssignee } from '../../services/care';
import { listComplaints } from '../../services/complaints';
import type { AppContext } from '../../services/context';
import { homeView } from '../blocks/home';
import type { JobHandler } from '../feature';
import type { Session } from '../session';

/**
 * The App Home tab, published for one user: their open complaints by due
 * time and their care tasks for today and overdue. Two reads on the assignee
 * indexes. Also called after a click on the tab, to show the new state.
 */
export async function publishHome(ctx: AppContext, client: WebClient, s: Session, now: Date): Promise<void> {
  const max = ctx.config.slackBot.homeItems;
  const [complaints, tasks] = await Promise.all([
    listComplaints(ctx, s.actor, { status: 'active', assignee: s.userId, limit: max + 1 }, now),
    tasksForAssignee(ctx, s.userId, 'today', now, max + 1),
  ]);
  const byDeadline = [...complaints.items].sort((a, b) => (a.nextDeadlineAt ?? '~').localeCompare(b.nextDeadlineAt ?? '~'));
  const view = homeView(
    {
      complaints: byDeadline.slice(0, max),
      moreComplaints: byDeadline.length > max || Boolean(complaints.cursor),
      tasks: tasks.slice(0, max),
      moreTasks: tasks.length > max,
    },
    { locale: s.locale, timeZone: s.timeZone, now, today: localDay(now, ctx.config.company.timeZone), userId: s.userId },
  );
  await client.views.publish({ user_id: s.userId, view: view as never });
}

export const homeJobs: Record<string, JobHandler> = {
  'home.publish': (j) => publishHome(j.ctx, j.client, j, j.now),
};
