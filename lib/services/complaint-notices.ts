import type { Complaint } from '../domain/complaint-schemas';
import type { CorrectiveAction } from '../domain/corrective-action';
import type { Staff } from '../domain/staff';
import type { Locale } from '../i18n';
import { type ComplaintNotice, complaintMessage, complaintNoticeMessage, correctiveActionMessage } from '../slack/blocks/complaints';
import type { AppContext } from './context';

/**
 * Who hears about a complaint, and the Slack calls that tell them. Everything
 * here runs after the change has committed: a failed post is logged and never
 * undoes the change. A directory caches staff reads for one request or one
 * sweep run, so fifty escalations to one supervisor read her profile once.
 */
export interface StaffDirectory {
  get(id: string): Promise<Staff | undefined>;
  managers(): Promise<Staff[]>;
}

export function staffDirectory(ctx: AppContext): StaffDirectory {
  const people = new Map<string, Promise<Staff | undefined>>();
  let managers: Promise<Staff[]> | undefined;
  return {
    get(id) {
      if (!people.has(id)) people.set(id, ctx.store.staff.get(id));
      return people.get(id)!;
    },
    managers() {
      managers ??= ctx.store.staff.withRole('manager');
      return managers;
    },
  };
}

export const companyLocale = (ctx: AppContext): Locale => ctx.config.company.defaultLocale;

/** Staff ids an escalation goes to: the assignee's supervisor, or every manager (also when nobody supervises the assignee). */
export async function escalationRecipients(directory: StaffDirectory, c: Complaint, to: 'supervisor' | 'managers'): Promise<string[]> {
  if (to === 'supervisor') {
    const supervisorId = (await directory.get(c.assigneeId))?.supervisorId;
    if (supervisorId && supervisorId !== c.assigneeId) return [supervisorId];
  }
  return (await directory.managers()).map((m) => m.slackUserId);
}

/** A DM (post to the user id) in the recipient's language. */
export async function sendNotice(
  ctx: AppContext,
  directory: StaffDirectory,
  staffId: string,
  c: Complaint,
  notice: ComplaintNotice,
  now: Date,
): Promise<void> {
  try {
    const locale = (await directory.get(staffId))?.locale ?? companyLocale(ctx);
    await ctx.notifier.post(staffId, complaintNoticeMessage(c, notice, { locale, timeZone: ctx.config.company.timeZone, now }));
  } catch (error) {
    ctx.logger.error('complaint notice failed', { complaintId: c.id, staffId, notice: notice.kind, error: error as Error });
  }
}

export async function notifyAll(
  ctx: AppContext,
  directory: StaffDirectory,
  staffIds: string[],
  c: Complaint,
  notice: ComplaintNotice,
  now: Date,
): Promise<void> {
  await Promise.all([...new Set(staffIds)].map((id) => sendNotice(ctx, directory, id, c, notice, now)));
}

/** Posts the masked complaint to the complaints channel and remembers where, so it can be edited in place. */
export async function postToComplaintsChannel(ctx: AppContext, c: Complaint, now: Date): Promise<Complaint> {
  const channel = ctx.config.complaints.channelId;
  if (!channel) return c;
  try {
    const posted = await ctx.notifier.post(
      channel,
      complaintMessage(c, { locale: companyLocale(ctx), timeZone: ctx.config.company.timeZone, now }),
    );
    if (!posted.ts) return c;
    const slackMessage = { channel: posted.channel ?? channel, ts: posted.ts };
    await ctx.store.complaints.setSlackMessage(c.id, slackMessage);
    return { ...c, slackMessage };
  } catch (error) {
    ctx.logger.error('complaints channel post failed', { complaintId: c.id, error: error as Error });
    return c;
  }
}

/** Edits the complaint's channel message to show its current state and buttons. */
export async function refreshComplaintsChannel(ctx: AppContext, c: Complaint, now: Date): Promise<void> {
  if (!c.slackMessage) return;
  try {
    await ctx.notifier.update(
      c.slackMessage.channel,
      c.slackMessage.ts,
      complaintMessage(c, { locale: companyLocale(ctx), timeZone: ctx.config.company.timeZone, now }),
    );
  } catch (error) {
    ctx.logger.error('complaints channel update failed', { complaintId: c.id, error: error as Error });
  }
}

export async function notifyCorrectiveAction(ctx: AppContext, directory: StaffDirectory, action: CorrectiveAction): Promise<void> {
  const managers = await directory.managers();
  await Promise.all(
    managers.map(async (m) => {
      try {
        await ctx.notifier.post(m.slackUserId, correctiveActionMessage(action, m.locale ?? companyLocale(ctx)));
      } catch (error) {
        ctx.logger.error('corrective action notice failed', { actionId: action.id, staffId: m.slackUserId, error: error as Error });
      }
    }),
  );
}
