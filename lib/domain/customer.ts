import * as z from 'zod';
import { patchOf } from './validation';

/** Customer records (docs/domain.md, Records). Schemas double as the REST contract and the OpenAPI source. */
export const tiers = ['A', 'B', 'C'] as const;
export const lifecycleStages = ['prospect', 'new', 'active', 'at-risk', 'churned', 'won-back'] as const;
export const loyaltyStages = ['prospect', 'customer', 'client', 'supporter', 'advocate'] as const;
export const creditGrades = ['green', 'yellow', 'red', 'black'] as const;
export const sourceChannels = ['walk-in', 'phone', 'web', 'referral', 'exhibition', 'wechat', 'erp', 'other'] as const;
export const contactChannels = ['phone', 'sms', 'email', 'wechat', 'visit'] as const;
export const locales = ['zh-CN', 'en'] as const;

export type Tier = (typeof tiers)[number];
export type LifecycleStage = (typeof lifecycleStages)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const monthDay = z
  .object({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    year: z.number().int().min(1900).max(2100).optional(),
  })
  .refine((b) => b.day <= new Date(Date.UTC(b.year ?? 2000, b.month, 0)).getUTCDate(), {
    message: 'day does not exist in that month',
    path: ['day'],
  });

/** A lunar birthday: month 1–12 (leap marks the intercalary month), day 1–30. */
export const lunarMonthDay = z.object({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(30),
  leap: z.boolean().default(false),
  year: z.number().int().min(1900).max(2100).optional(),
});

export const address = z.object({
  line: text(300).optional(),
  city: text(100).optional(),
  region: text(100).optional(),
  postalCode: text(20).optional(),
  country: z.string().length(2).toUpperCase().optional(),
});

type Address = z.output<typeof address>;
const ADDRESS_PARTS = ['line', 'city', 'region', 'postalCode', 'country'] as const;
const addressPart = (a: Address | undefined, k: (typeof ADDRESS_PARTS)[number]) =>
  a?.[k]?.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase() || undefined;

/**
 * A move (a churn signal): a part of the address known before now says
 * something else. Filling in a missing address, or a part of it that was
 * empty, is not a move; neither is a change of spacing or case.
 */
export function isMove(before: Address | undefined, after: Address | undefined): boolean {
  return ADDRESS_PARTS.some((k) => {
    const was = addressPart(before, k);
    const now = addressPart(after, k);
    return was !== undefined && now !== undefined && was !== now;
  });
}

export const salutations = ['mr', 'ms'] as const;
export type Salutation = (typeof salutations)[number];

export const consent = z.object({
  contact: z.boolean().default(true),
  surveys: z.boolean().default(true),
  thirdPartySharing: z.boolean().default(false),
});

export const flags = z.object({
  keyAccount: z.boolean().default(false),
  vip: z.boolean().default(false),
  problem: z.boolean().default(false),
});

export const purchaseSummary = z.object({
  count: z.number().int().nonnegative().default(0),
  amount: z.number().nonnegative().default(0),
  lastPurchaseAt: z.iso.datetime({ offset: true }).optional(),
});

export const tierOverride = z.object({
  tier: z.enum(tiers),
  reason: text(500),
  by: z.string(),
  at: z.string(),
});

/** Fields a caller may set on create; the same object, partial, is a PATCH. */
export const customerFields = z.object({
  name: text(200),
  kind: z.enum(['person', 'organization']).default('person'),
  company: text(200).optional(),
  title: text(100).optional(),
  /** how to address the person (先生/女士, Mr/Ms): survey pages greet by surname only when it is known */
  salutation: z.enum(salutations).optional(),
  phones: z
    .array(
      z
        .string()
        .trim()
        .min(3)
        .max(40)
        .describe('a valid number for its country: E.164 (+8613812345678) or national for DEFAULT_PHONE_REGION; stored as E.164'),
    )
    .max(5)
    .default([]),
  emails: z.array(z.email().max(254).toLowerCase()).max(5).default([]),
  address: address.optional(),
  industry: text(100).optional(),
  birthday: monthDay.optional(),
  lunarBirthday: lunarMonthDay.optional(),
  source: z.enum(sourceChannels).optional(),
  ownerId: text(64),
  businessUnit: text(100).optional(),
  flags: flags.default({ keyAccount: false, vip: false, problem: false }),
  lifecycleStage: z.enum(lifecycleStages).default('new'),
  loyaltyStage: z.enum(loyaltyStages).default('customer'),
  creditGrade: z.enum(creditGrades).optional(),
  consent: consent.default({ contact: true, surveys: true, thirdPartySharing: false }),
  preferredChannel: z.enum(contactChannels).optional(),
  locale: z.enum(locales).optional(),
  tags: z.array(text(50)).max(30).default([]),
  purchases: purchaseSummary.default({ count: 0, amount: 0 }),
  externalId: text(100).optional(),
});

export const createCustomerInput = customerFields.strict();
export type CreateCustomerInput = z.input<typeof createCustomerInput>;

/** PATCH body: any subset of the fields (defaults not applied), plus an explicit tier override. */
export const updateCustomerInput = patchOf(customerFields)
  .extend({
    tierOverride: z
      .object({ tier: z.enum(tiers), reason: text(500) })
      .nullable()
      .optional(),
  })
  .strict() as unknown as z.ZodType<UpdateCustomerInput>;

export type UpdateCustomerInput = Partial<z.output<typeof customerFields>> & {
  tierOverride?: { tier: Tier; reason: string } | null;
};

export const customer = customerFields.extend({
  id: z.string(),
  tier: z.enum(tiers),
  tierOverride: tierOverride.optional(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  /** newest interaction on the timeline; dormancy rules read it */
  lastInteractionAt: z.string().optional(),
  version: z.number().int().positive(),
});
export type Customer = z.output<typeof customer>;

export const listCustomersQuery = z.object({
  tier: z.enum(tiers).optional(),
  ownerId: z.string().min(1).max(64).optional(),
  stage: z.enum(lifecycleStages).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  email: z.string().trim().min(3).max(254).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});
export type ListCustomersQuery = z.output<typeof listCustomersQuery>;

export const contactPersonInput = z
  .object({
    name: text(200),
    role: text(100).optional(),
    decisionRole: z.enum(['decision-maker', 'influencer', 'user', 'gatekeeper', 'other']).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    email: z.email().max(254).toLowerCase().optional(),
    birthday: monthDay.optional(),
    lunarBirthday: lunarMonthDay.optional(),
  })
  .strict();
export const contactPerson = contactPersonInput.extend({ id: z.string(), customerId: z.string(), createdAt: z.string() });
export type ContactPerson = z.output<typeof contactPerson>;

/** Fields hidden from agents who do not own the customer (docs/domain.md, Privacy). */
export const restrictedFields = ['creditGrade'] as const;

/**
 * Birthdays that lie after `today` (the company's local day): a date of birth
 * needs the clock, so the service checks it with its `now` after the schema.
 * A lunar year is compared by year only (the lunar year never runs ahead of
 * the solar one).
 */
export function futureBirthdayIssues(
  c: { birthday?: { month: number; day: number; year?: number }; lunarBirthday?: { year?: number } },
  today: string,
): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  const b = c.birthday;
  if (b?.year !== undefined) {
    const date = `${b.year}-${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
    if (date > today) issues.push({ path: 'birthday', message: `must not be after today (${today})` });
  }
  const lunarYear = c.lunarBirthday?.year;
  if (lunarYear !== undefined && lunarYear > Number(today.slice(0, 4))) {
    issues.push({ path: 'lunarBirthday.year', message: `must not be after this year (${today.slice(0, 4)})` });
  }
  return issues;
}
