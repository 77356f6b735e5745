import type { Complaint } from '../domain/complaint-schemas';
import type { CorrectiveAction } from '../domain/corrective-action';
import type { Staff } from '../domain/staff';
import type { Locale } from '../i18n';
import type { AppContext } from './context';
import type { EscalationCause, Notice } from './notices';

/**
 * Who hears about a complaint, and the notices that tell them. Everything
 * here runs after the change has committed: a failed send is logged and never
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

/** What a complaint notice says to one person: an SLA step, an escalation, or an assignment. */
export type ComplaintAlert =
  | { kind: 'sla'; alert: Extract<EscalationCause, { kind: 'sla' }>['alert'] }
  | Exclude<EscalationCause, { kind: 'sla' }>
  | { kind: 'assigned'; by: string };

function complaintNotice(c: Complaint, alert: ComplaintAlert, reading: { locale: Locale; timeZone: string; now: Date }): Notice {
  if (alert.kind === 'assigned') return { kind: 'complaint-assigned', complaint: c, by: alert.by, ...reading };
  if (alert.kind === 'sla' && alert.alert.step === 'warn') return { kind: 'sla-warning', complaint: c, alert: alert.alert, ...reading };
  return { kind: 'escalation', complaint: c, cause: alert, ...reading };
}

/** A notice to one staff member, in their language. */
export async function sendNotice(
  ctx: AppContext,
  directory: StaffDirectory,
  staffId: string,
  c: Complaint,
  alert: ComplaintAlert,
  now: Date,
): Promise<void> {
  try {
    const locale = (await directory.get(staffId))?.locale ?? companyLocale(ctx);
    await ctx.notices.send({ staff: staffId }, complaintNotice(c, alert, { locale, timeZone: ctx.config.company.timeZone, now }));
  } catch (error) {
    ctx.logger.error('complaint notice failed', { complaintId: c.id, staffId, notice: alert.kind, error: error as Error });
  }
}

export async function notifyAll(
  ctx: AppContext,
  directory: StaffDirectory,
  staffIds: string[],
  c: Complaint,
  alert: ComplaintAlert,
  now: Date,
): Promise<void> {
  await Promise.all([...new Set(staffIds)].map((id) => sendNotice(ctx, directory, id, c, alert, now)));
}

const channelReading = (ctx: AppContext, now: Date) => ({ locale: companyLocale(ctx), timeZone: ctx.config.company.timeZone, now });

/** Tells the complaints channel about a new complaint (the channel's adapter remembers its post, to edit it later). */
export async function postToComplaintsChannel(ctx: AppContext, c: Complaint, now: Date): Promise<void> {
  const channel = ctx.config.complaints.channelId;
  if (!channel) return;
  try {
    await ctx.notices.send({ channel }, { kind: 'complaint-posted', complaint: c, ...channelReading(ctx, now) });
  } catch (error) {
    ctx.logger.error('complaints channel post failed', { complaintId: c.id, error: error as Error });
  }
}

/** Tells the complaints channel the complaint changed: a channel that posted it shows its current state and buttons. */
export async function refreshComplaintsChannel(ctx: AppContext, c: Complaint, now: Date): Promise<void> {
  const channel = ctx.config.complaints.channelId;
  if (!channel) return;
  try {
    await ctx.notices.send({ channel }, { kind: 'complaint-changed', complaint: c, ...channelReading(ctx, now) });
  } catch (error) {
    ctx.logger.error('complaints channel update failed', { complaintId: c.id, error: error as Error });
  }
}

export async function notifyCorrectiveAction(ctx: AppContext, directory: StaffDirectory, action: CorrectiveAction): Promise<void> {
  const managers = await directory.managers();
  await Promise.all(
    managers.map(async (m) => {
      try {
        await ctx.notices.send({ staff: m.slackUserId }, { kind: 'corrective-action', action, locale: m.locale ?? companyLocale(ctx) });
      } catch (error) {
        ctx.logger.error('corrective action notice failed', { actionId: action.id, staffId: m.slackUserId, error: error as Error });
      }
    }),
  );
}
