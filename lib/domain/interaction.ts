import * as z from 'zod';

export const interactionKinds = [
  'call', 'visit', 'on-site-visit', 'email', 'wechat', 'meeting', 'holiday-visit', 'note',
  'complaint', 'care-task', 'survey',
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
