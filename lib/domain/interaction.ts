import * as z from 'zod';

export const interactionKinds = [
  'call',
  'visit',
  'on-site-visit',
  'email',
  'wechat',
  'meeting',
  'holiday-visit',
  'note',
  'complaint',
  'care-task',
  'survey',
] as const;

/** What staff can log by hand; complaint/care/survey entries are written by those features. */
export const interactionInput = z
  .object({
    kind: z.enum(['call', 'visit', 'on-site-visit', 'email', 'wechat', 'meeting', 'holiday-visit', 'note']),
    summary: z.string().trim().min(1).max(4000),
    outcome: z.string().trim().max(2000).optional(),
    contactId: z.string().max(64).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type InteractionInput = z.output<typeof interactionInput>;

export const interaction = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(interactionKinds),
  summary: z.string(),
  outcome: z.string().optional(),
  contactId: z.string().optional(),
  /** the record this entry is about (a complaint id, a task id…) */
  refId: z.string().optional(),
  by: z.string(),
  at: z.string(),
});
export type Interaction = z.output<typeof interaction>;

/** Clocks drift: a contact up to this far ahead of the server's clock is still "now". */
export const CONTACT_CLOCK_SKEW_MS = 5 * 60_000;
/** Earliest contact time accepted: older dates are typing errors, not history. */
export const EARLIEST_CONTACT = '2000-01-01T00:00:00.000Z';

/**
 * Why a contact time cannot be recorded, if it cannot: a future "last contact"
 * would hold dormancy off until that date (a contact in 2099 silences the
 * churn warning for decades).
 */
export function contactTimeIssue(at: string, now: Date): string | undefined {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return 'must be a date-time';
  if (t > now.getTime() + CONTACT_CLOCK_SKEW_MS) return 'must not be in the future';
  if (at < EARLIEST_CONTACT) return 'must not be before 2000-01-01';
  return undefined;
}
