import * as z from 'zod';
import { festivalIds } from '../domain/calendar';
import { careActions } from '../domain/care-actions';
import type { CareRules } from '../domain/care-rules';
import type { Conforms } from './conforms';

/**
 * Care rules (docs/domain.md, Care), per tier A/B/C plus key accounts. Overridable as a
 * whole or in part with the JSON env var CARELOOP_CARE, e.g.
 * `{"tiers":{"B":{"returnVisitEveryMonths":2}},"festivals":["spring-festival","mid-autumn"]}`.
 */
const actions = z.array(z.enum(careActions)).min(1);

interface TierDefaults {
  birthdayLeadDays: number;
  birthdayActions: Array<(typeof careActions)[number]>;
  holidayLeadDays: number;
  holidayActions: Array<(typeof careActions)[number]>;
  returnVisitEveryMonths: number;
  returnVisitActions: Array<(typeof careActions)[number]>;
  dormancyDays: number;
}

const tierRules = (d: TierDefaults) =>
  z
    .object({
      /** a birthday task appears this many days early so a gift can be prepared */
      birthdayLeadDays: z.number().int().min(0).max(30).default(d.birthdayLeadDays),
      birthdayActions: actions.default(d.birthdayActions),
      holidayLeadDays: z.number().int().min(0).max(30).default(d.holidayLeadDays),
      holidayActions: actions.default(d.holidayActions),
      returnVisitEveryMonths: z.number().int().min(1).max(24).default(d.returnVisitEveryMonths),
      returnVisitActions: actions.default(d.returnVisitActions),
      /** no interaction for this long → at risk, win-back task */
      dormancyDays: z.number().int().min(1).max(3650).default(d.dormancyDays),
    })
    .prefault({});

export const careSettings = z.object({
  tiers: z
    .object({
      A: tierRules({
        birthdayLeadDays: 3,
        birthdayActions: ['gift', 'card'],
        holidayLeadDays: 3,
        holidayActions: ['gift', 'visit'],
        returnVisitEveryMonths: 1,
        returnVisitActions: ['visit'],
        dormancyDays: 45,
      }),
      B: tierRules({
        birthdayLeadDays: 0,
        birthdayActions: ['card'],
        holidayLeadDays: 3,
        holidayActions: ['gift'],
        returnVisitEveryMonths: 3,
        returnVisitActions: ['call'],
        dormancyDays: 90,
      }),
      C: tierRules({
        birthdayLeadDays: 0,
        birthdayActions: ['sms'],
        holidayLeadDays: 0,
        holidayActions: ['card', 'sms'],
        returnVisitEveryMonths: 6,
        returnVisitActions: ['call'],
        dormancyDays: 180,
      }),
    })
    .prefault({}),
  keyAccount: z
    .object({
      birthdayLeadDays: z.number().int().min(0).max(30).default(3),
      birthdayActions: actions.default(['gift', 'visit']),
      /** executive contact at least once a quarter */
      quarterlyContact: z.boolean().default(true),
      /** the quarter's contact task appears this many days before the quarter ends */
      quarterlyContactLeadDays: z.number().int().min(1).max(90).default(30),
      quarterlyContactActions: actions.default(['visit']),
    })
    .prefault({}),
  giftCaps: z
    .object({
      keyAccount: z.number().nonnegative().default(500),
      ordinary: z.number().nonnegative().default(100),
    })
    .prefault({}),
  complaintFollowUp: z
    .object({
      afterDays: z.number().int().min(0).max(60).default(3),
      actions: actions.default(['call']),
    })
    .prefault({}),
  winBackActions: actions.default(['call', 'visit']),
  /** hour (company time zone) of the care-daily run and of date-only reminders; lib/schedules.ts must agree */
  dailyHour: z.number().int().min(0).max(23).default(8),
  festivals: z.array(z.enum(festivalIds)).default([...festivalIds]),
  /** logged interactions of these kinds count as a return visit and move the next one */
  returnVisitInteractionKinds: z.array(z.string()).default(['call', 'visit', 'on-site-visit', 'meeting', 'holiday-visit']),
  snoozeMaxDays: z.number().int().min(1).max(90).default(30),
  /** Slack allows 50 blocks a message; a task takes two */
  digestMaxTasks: z.number().int().min(1).max(23).default(20),
  /** how long "this owner's DM for this day was sent" is remembered */
  digestClaimHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(48),
});

export type CareSettings = Conforms<z.output<typeof careSettings>, CareRules>;

/** Where one-off reminders go (EventBridge Scheduler); read from the environment, not from CARELOOP_CARE. */
export interface ReminderSettings {
  groupName: string;
  targetArn?: string;
  roleArn?: string;
  /** SQS queue for reminders the scheduler could not deliver after its retries */
  deadLetterArn?: string;
  /** another Scheduler endpoint (the local emulator) */
  endpoint?: string;
  /** how far ahead a reminder may be set */
  maxAheadDays: number;
}

export type CareConfig = CareSettings & { reminders: ReminderSettings };

export function loadCareConfig(env: NodeJS.ProcessEnv): CareConfig {
  let raw: unknown = {};
  if (env.CARELOOP_CARE) {
    try {
      raw = JSON.parse(env.CARELOOP_CARE);
    } catch {
      throw new Error('Configuration CARELOOP_CARE is not valid JSON');
    }
  }
  const parsed = careSettings.safeParse(raw);
  if (!parsed.success) throw new Error(`Configuration CARELOOP_CARE is invalid: ${z.prettifyError(parsed.error)}`);
  return {
    ...parsed.data,
    reminders: {
      groupName: env.REMINDER_SCHEDULE_GROUP || 'careloop-reminders',
      targetArn: env.REMINDER_TARGET_ARN || undefined,
      roleArn: env.REMINDER_ROLE_ARN || undefined,
      deadLetterArn: env.REMINDER_DEAD_LETTER_ARN || undefined,
      endpoint: env.SCHEDULER_ENDPOINT || undefined,
      maxAheadDays: 365,
    },
  };
}
