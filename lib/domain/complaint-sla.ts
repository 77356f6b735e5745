import type * as z from 'zod';
import {
  type Alert,
  type AlertStep,
  alertSteps,
  type ClockName,
  type Complaint,
  type clock,
  isActive,
  type Severity,
} from './complaint-schemas';
import { addBusinessMinutes, type BusinessCalendar, durationMinutes, pointInWindow } from './sla';

/**
 * Complaint SLA clocks (docs/domain.md, Complaints), pure: when each clock is due in
 * business time, the alerts a running clock raises (warn, supervisor, managers) and
 * which of them are due at `now`.
 */
export interface SlaRules {
  calendar: BusinessCalendar;
  targets: Record<Severity, { firstResponse: string; resolution: string }>;
  /** share of a window after which the assignee is warned */
  warnAt: number;
  /** share of a window after the breach at which managers hear of it */
  managersAfterBreach: number;
}

const iso = (d: Date) => d.toISOString();
export const minutesBetween = (from: string, to: Date) => Math.max(0, Math.round((to.getTime() - Date.parse(from)) / 60_000));

/** Fresh clocks for a new round: first response and resolution, due in business time. */
export function newClocks(start: Date, severity: Severity, rules: SlaRules): Complaint['clocks'] {
  const target = rules.targets[severity];
  const due = (d: string) => iso(addBusinessMinutes(start, durationMinutes(d, rules.calendar), rules.calendar));
  return {
    firstResponse: { startAt: iso(start), dueAt: due(target.firstResponse) },
    resolution: { startAt: iso(start), dueAt: due(target.resolution) },
  };
}

function runningClocks(c: Complaint): Array<[ClockName, z.output<typeof clock>]> {
  if (!isActive(c.status)) return [];
  const out: Array<[ClockName, z.output<typeof clock>]> = [];
  if (!c.clocks.firstResponse.metAt) out.push(['firstResponse', c.clocks.firstResponse]);
  if (!c.clocks.resolution.metAt) out.push(['resolution', c.clocks.resolution]);
  if (c.clocks.promisedReply && !c.clocks.promisedReply.metAt) out.push(['promisedReply', c.clocks.promisedReply]);
  return out;
}

/** Every alert the running clocks of this round raise: warn before the breach, supervisor at it, managers later. */
export function alertsOf(c: Complaint, rules: SlaRules): Alert[] {
  const out: Alert[] = [];
  for (const [name, k] of runningClocks(c)) {
    const start = new Date(k.startAt);
    const due = new Date(k.dueAt);
    const at: Record<AlertStep, Date> = {
      warn: pointInWindow(start, due, rules.warnAt, rules.calendar),
      supervisor: due,
      managers: pointInWindow(start, due, 1 + rules.managersAfterBreach, rules.calendar),
    };
    for (const step of alertSteps) out.push({ key: `r${c.round}.${name}.${step}`, clock: name, step, at: iso(at[step]) });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || alertSteps.indexOf(a.step) - alertSteps.indexOf(b.step));
}

/** Recomputes what the sweep waits for: the next unsent alert and the next deadline. */
export function withSchedule(c: Complaint, rules: SlaRules): Complaint {
  const { nextAlert: _a, nextDeadlineAt: _d, ...rest } = c;
  const next = alertsOf(c, rules).find((a) => !c.alertsSent.includes(a.key));
  const deadlines = runningClocks(c)
    .map(([, k]) => k.dueAt)
    .sort();
  return { ...rest, ...(next ? { nextAlert: next } : {}), ...(deadlines[0] ? { nextDeadlineAt: deadlines[0] } : {}) };
}

const levelOf: Record<AlertStep, number> = { warn: 0, supervisor: 1, managers: 2 };

export interface DueAlerts {
  after: Complaint;
  /** every due alert, now marked sent */
  claimed: Alert[];
  /**
   * what to tell people: per clock only the latest due step, so a sweep that
   * comes late escalates instead of warning about a breach already past
   */
  notify: Alert[];
}

/** The alerts due at `now`, claimed in one change (undefined when none is due). */
export function claimDueAlerts(c: Complaint, now: Date, rules: SlaRules, by = 'system'): DueAlerts | undefined {
  const due = alertsOf(c, rules).filter((a) => !c.alertsSent.includes(a.key) && a.at <= iso(now));
  if (!due.length) return undefined;
  const latest = new Map<ClockName, Alert>();
  for (const a of due) {
    const seen = latest.get(a.clock);
    if (!seen || levelOf[a.step] > levelOf[seen.step]) latest.set(a.clock, a);
  }
  const notify = [...latest.values()];
  const level = Math.max(c.escalationLevel, ...notify.map((a) => levelOf[a.step]));
  const after = withSchedule(
    {
      ...c,
      alertsSent: [...c.alertsSent, ...due.map((a) => a.key)],
      escalationLevel: level,
      updatedAt: iso(now),
      updatedBy: by,
      version: c.version + 1,
    },
    rules,
  );
  return { after, claimed: due, notify };
}
