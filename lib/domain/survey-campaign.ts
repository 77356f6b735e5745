import { tz } from '@date-fns/tz';
import { addDays, format } from 'date-fns';
import { type Day, monthDayOf } from './calendar';

/**
 * Survey campaigns (docs/domain.md, Surveys): twice a year to every active
 * customer with consent; targets ≥ 95 % reached and ≥ 95 % valid returns within
 * 10 working days, with reminders to non-responders. Pure calendar and ratio
 * arithmetic; days are `YYYY-MM-DD` in the company's time zone.
 */
export interface WorkingCalendar {
  /** ISO weekdays, 1 = Monday … 7 = Sunday */
  weekdays: number[];
  holidays: string[];
  /** make-up working days (调休) on a weekend */
  workingDays: string[];
}

const utc = tz('UTC');
const next = (day: Day): Day => format(addDays(day, 1, { in: utc }), 'yyyy-MM-dd', { in: utc });

export function isWorkingDay(day: Day, cal: WorkingCalendar): boolean {
  if (cal.workingDays.includes(day)) return true;
  if (cal.holidays.includes(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return cal.weekdays.includes(new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7);
}

/** The n-th working day after `day` (the start day itself is day 0, whatever it is). */
export function addWorkingDays(day: Day, n: number, cal: WorkingCalendar): Day {
  if (!cal.weekdays.length && !cal.workingDays.length) throw new Error('The calendar has no working days');
  let current = day;
  for (let counted = 0; counted < n; ) {
    current = next(current);
    if (isWorkingDay(current, cal)) counted++;
  }
  return current;
}

/** One campaign per start date: its id is the date, so starting it is a do-once claim. */
export const campaignIdOf = (startDay: Day) => `camp_${startDay.replace(/-/g, '')}`;

export const campaignStartsOn = (day: Day, dates: readonly string[]) => dates.includes(monthDayOf(day));

export interface CampaignPlan {
  startDay: Day;
  /** reminder n is due from reminderDays[n − 1] on */
  reminderDays: Day[];
  /** answers given on or before this day count towards the target */
  targetDay: Day;
}

export function campaignPlan(
  startDay: Day,
  rules: { reminderWorkingDays: number[]; targetWorkingDays: number },
  cal: WorkingCalendar,
): CampaignPlan {
  return {
    startDay,
    reminderDays: [...rules.reminderWorkingDays].sort((a, b) => a - b).map((n) => addWorkingDays(startDay, n, cal)),
    targetDay: addWorkingDays(startDay, rules.targetWorkingDays, cal),
  };
}

/** The reminder round due on `today` that has not been sent yet (1-based), if any. */
export function reminderDue(plan: CampaignPlan, remindersDone: number, today: Day): number | undefined {
  const n = remindersDone + 1;
  const day = plan.reminderDays[n - 1];
  return day !== undefined && today >= day ? n : undefined;
}

export interface CampaignCounts {
  /** active customers listed */
  audience: number;
  /** of those, without survey consent (not invited) */
  noConsent: number;
  /** invitations created */
  invited: number;
  /** invitations whose link was delivered (owner DM or email) */
  reached: number;
  emailed: number;
  answered: number;
  /** answered on or before the plan's target day */
  answeredInTarget: number;
  /** reminder links sent */
  reminded: number;
}

export const emptyCounts = (): CampaignCounts => ({
  audience: 0,
  noConsent: 0,
  invited: 0,
  reached: 0,
  emailed: 0,
  answered: 0,
  answeredInTarget: 0,
  reminded: 0,
});

export interface CampaignProgress {
  eligible: number;
  /** reached ÷ eligible (customers with consent) */
  reachRate: number | null;
  /** answered within the target days ÷ reached */
  answerRateInTarget: number | null;
  /** answered at any time ÷ reached */
  answerRate: number | null;
  reachMet: boolean;
  answerMet: boolean;
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

export function campaignProgress(c: CampaignCounts, targets: { reachTarget: number; answerTarget: number }): CampaignProgress {
  const eligible = Math.max(0, c.audience - c.noConsent);
  const reachRate = ratio(c.reached, eligible);
  const answerRateInTarget = ratio(c.answeredInTarget, c.reached);
  return {
    eligible,
    reachRate,
    answerRateInTarget,
    answerRate: ratio(c.answered, c.reached),
    reachMet: reachRate !== null && reachRate >= targets.reachTarget,
    answerMet: answerRateInTarget !== null && answerRateInTarget >= targets.answerTarget,
  };
}

export interface SurveyCampaign {
  id: string;
  startDay: Day;
  templateId: string;
  /** starting: invitations still being sent (resumable from `cursor`); running: all sent; finished: past the last link's expiry */
  status: 'starting' | 'running' | 'finished';
  plan: CampaignPlan;
  /** the last day a campaign link works */
  expiresOn: string;
  /** where the active-customer listing stopped, while starting */
  cursor?: string;
  remindersDone: number;
  startedAt: string;
  updatedAt: string;
}
