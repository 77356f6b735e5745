import type { Alert, Complaint } from '../domain/complaint-schemas';
import { claimDueAlerts, type DueAlerts } from '../domain/complaint-sla';
import { ConflictError, VersionMismatchError } from '../domain/errors';
import { increments, metric } from '../domain/metrics';
import { auditOp, newId } from '../store';
import {
  escalationRecipients,
  notifyAll,
  refreshComplaintsChannel,
  type StaffDirectory,
  sendNotice,
  staffDirectory,
} from './complaint-notices';
import { counterDay, slaRules } from './complaints';
import type { AppContext } from './context';
import { recordItemFailure } from './job-items';
import { countMetric, productMetric } from './product-metrics';

/**
 * `sla-sweep` (every 5 minutes, lib/schedules.ts): warns the assignee before
 * an SLA breach, escalates to the supervisor on the breach and to every
 * manager later. It reads only complaints whose next alert is due (a sparse,
 * sharded index) and claims each alert in the transaction that advances the
 * complaint (condition: the version it read), then notifies — so a second or
 * concurrent run finds nothing left to claim and no message goes out twice.
 */
export interface SweepReport {
  due: number;
  claimed: number;
  warned: number;
  escalated: number;
  /** read as due but already handled by another run (or changed meanwhile) */
  skipped: number;
  /** complaints that failed (logged with their id, counted as jobs.sla-sweep.item_failures); unclaimed ones stay due for the next run */
  itemFailures: number;
}

const SYSTEM = 'system';
/** Complaints handled at once: DynamoDB and Slack calls overlap, two cores stay calm. */
const PARALLEL = 8;
const RETRIES = 2;

export async function runSlaSweep(ctx: AppContext, now: Date): Promise<SweepReport> {
  const due = await ctx.store.complaints.dueForAlert(now, ctx.config.complaints.sweepMaxPerRun);
  const report: SweepReport = { due: due.length, claimed: 0, warned: 0, escalated: 0, skipped: 0, itemFailures: 0 };
  const directory = staffDirectory(ctx);
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const c = due[next++]!;
      try {
        const claim = await claimAlerts(ctx, c, now);
        if (!claim) {
          report.skipped++;
          continue;
        }
        report.claimed++;
        report.warned += claim.notify.filter((a) => a.step === 'warn').length;
        report.escalated += claim.notify.filter((a) => a.step !== 'warn').length;
        // Claimed (committed) alerts: the supervisor's escalation is the moment of the breach.
        countMetric(productMetric.complaintsBreached, claim.notify.filter((a) => a.step === 'supervisor').length);
        countMetric(productMetric.escalations, claim.notify.filter((a) => a.step !== 'warn').length);
        await notify(ctx, directory, claim, now);
      } catch (error) {
        report.itemFailures++;
        await recordItemFailure(ctx, 'sla-sweep', c.id, error, now);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return report;
}

/**
 * Claims what is due on a complaint. The index copy may be stale (indexes are
 * eventually consistent, another run may have been first): a lost condition
 * re-reads the complaint and claims whatever is still due on the fresh copy.
 */
async function claimAlerts(ctx: AppContext, fromIndex: Complaint, now: Date): Promise<DueAlerts | undefined> {
  const rules = slaRules(ctx.config);
  let current: Complaint | undefined = fromIndex;
  for (let attempt = 0; current && attempt <= RETRIES; attempt++) {
    const claim = claimDueAlerts(current, now, rules, SYSTEM);
    if (!claim) return undefined;
    try {
      await ctx.store.transact(claimOps(ctx, current, claim, now));
      return claim;
    } catch (error) {
      if (!(error instanceof VersionMismatchError || error instanceof ConflictError)) throw error;
      current = await ctx.store.complaints.get(fromIndex.id);
    }
  }
  return undefined;
}

function claimOps(ctx: AppContext, before: Complaint, claim: DueAlerts, now: Date) {
  const { store } = ctx;
  const at = now.toISOString();
  const names = claim.notify.map((a) => (a.step === 'warn' ? metric.complaintWarned : metric.complaintEscalated));
  return [
    store.complaints.updateOp(before, claim.after),
    store.complaints.timelineOp({
      id: newId('cte', now.getTime()),
      complaintId: before.id,
      at,
      by: SYSTEM,
      action: 'sla_alert',
      details: {
        alerts: claim.notify.map(describe),
        ...(claim.claimed.length > claim.notify.length
          ? { superseded: claim.claimed.filter((a) => !claim.notify.includes(a)).map((a) => a.key) }
          : {}),
      },
    }),
    auditOp({
      at,
      actor: SYSTEM,
      action: 'complaint.sla_alert',
      entity: 'complaint',
      entityId: before.id,
      note: claim.notify.map((a) => a.key).join(', '),
    }),
    ...store.counters.incrementOps(counterDay(ctx, now), increments(names, before.assigneeId)),
  ];
}

const describe = (a: Alert) => ({ clock: a.clock, step: a.step, at: a.at });

async function notify(ctx: AppContext, directory: StaffDirectory, claim: DueAlerts, now: Date): Promise<void> {
  const c = claim.after;
  for (const alert of claim.notify) {
    const notice = { kind: 'sla' as const, alert };
    if (alert.step === 'warn') await sendNotice(ctx, directory, c.assigneeId, c, notice, now);
    else await notifyAll(ctx, directory, await escalationRecipients(directory, c, alert.step), c, notice, now);
  }
  await refreshComplaintsChannel(ctx, c, now);
}
