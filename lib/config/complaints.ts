import * as z from 'zod';

/**
 * Complaint rules (docs/domain.md, Complaints). Overridable as a whole or in part with the
 * JSON env var CARELOOP_COMPLAINTS, e.g.
 * `{"sla":{"major":{"firstResponse":"2h"}},"businessHours":{"enabled":true,"holidays":["2025-10-01"]}}`;
 * the complaints channel also from COMPLAINTS_SLACK_CHANNEL.
 *
 * Durations are `<n>m`, `<n>h` or `<n>d`. With business hours on, minutes and
 * hours count working time and a day is one working day (end − start of the
 * working hours), so "3d" means three working days.
 * The follow-up delay after a resolution belongs to care (CARELOOP_CARE.complaintFollowUp.afterDays).
 */
export const durationPattern = /^(\d{1,5})(m|h|d)$/;
const duration = z
  .string()
  .regex(durationPattern, 'a duration such as 30m, 4h or 3d')
  .refine((d) => !/^0+[mhd]$/.test(d), 'must be more than zero');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time such as 09:00');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2025-10-01');

const slaTargets = (firstResponse: string, resolution: string) =>
  z.object({ firstResponse: duration.default(firstResponse), resolution: duration.default(resolution) }).prefault({});

const escalationTarget = z.enum(['none', 'supervisor', 'managers']);

export const complaintSettings = z.object({
  sla: z
    .object({
      critical: slaTargets('1h', '24h'),
      major: slaTargets('4h', '3d'),
      ordinary: slaTargets('24h', '7d'),
    })
    .prefault({}),
  /** SLA clocks run only in working hours (company time zone) when enabled */
  businessHours: z
    .object({
      enabled: z.boolean().default(false),
      start: clockTime.default('09:00'),
      end: clockTime.default('18:00'),
      /** ISO weekdays: 1 = Monday … 7 = Sunday */
      weekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
      /** public holidays: no working time on these dates */
      holidays: z.array(day).default([]),
      /** make-up working days (调休) that fall on a weekend */
      workingDays: z.array(day).default([]),
    })
    .refine((b) => b.start < b.end, { message: 'start must be before end', path: ['end'] })
    .prefault({}),
  /** warn the assignee when this share of a window has passed */
  warnAt: z.number().gt(0).lt(1).default(0.8),
  /** escalate to all managers this share of the window after the breach (the supervisor gets it at the breach) */
  managersAfterBreach: z.number().gt(0).max(10).default(0.5),
  /** who hears about a new complaint at once, by severity (「重大投诉立即上报」) */
  intakeEscalation: z
    .object({
      critical: escalationTarget.default('managers'),
      major: escalationTarget.default('supervisor'),
      ordinary: escalationTarget.default('none'),
    })
    .prefault({}),
  /** return visits for a sample of resolved complaints (「10 % 回访，其中 30 % 上门」) */
  followUpSample: z
    .object({
      rate: z.number().min(0).max(1).default(0.1),
      onSiteShare: z.number().min(0).max(1).default(0.3),
    })
    .prefault({}),
  /** this many complaints of one category or root cause within the window open a corrective action */
  corrective: z
    .object({
      threshold: z.number().int().min(2).max(1000).default(3),
      windowDays: z.number().int().min(1).max(365).default(30),
    })
    .prefault({}),
  /** Slack channel that gets one (masked) message per complaint, updated in place */
  channelId: z.string().min(1).optional(),
  /** common root causes offered by the Slack modal, so recurring causes are spelt the same way */
  rootCauseSuggestions: z
    .array(z.string().min(1).max(100))
    .default([
      'product defect',
      'process gap',
      'staff behaviour',
      'delivery delay',
      'billing error',
      'miscommunication',
      'customer misunderstanding',
    ]),
  /** due complaints one sla-sweep run handles at most (the rest wait for the next run) */
  sweepMaxPerRun: z.number().int().min(1).max(10_000).default(1000),
  pageSizeMax: z.number().int().positive().max(100).default(100),
});

export type ComplaintSettings = z.output<typeof complaintSettings>;
export type EscalationTarget = z.output<typeof escalationTarget>;

export function loadComplaintConfig(env: NodeJS.ProcessEnv): ComplaintSettings {
  let raw: unknown = {};
  if (env.CARELOOP_COMPLAINTS) {
    try {
      raw = JSON.parse(env.CARELOOP_COMPLAINTS);
    } catch {
      throw new Error('Configuration CARELOOP_COMPLAINTS is not valid JSON');
    }
  }
  const parsed = complaintSettings.safeParse(raw);
  if (!parsed.success) throw new Error(`Configuration CARELOOP_COMPLAINTS is invalid: ${z.prettifyError(parsed.error)}`);
  const channelId = env.COMPLAINTS_SLACK_CHANNEL || parsed.data.channelId;
  return { ...parsed.data, ...(channelId ? { channelId } : {}) };
}
