import * as z from 'zod';
import { type Customer, lifecycleStages, tiers } from './customer';

/**
 * The whole book as a table. The headers are the import's English headers
 * (lib/domain/customer-csv.ts), so an exported file can be edited and
 * imported again; id, tier and created_at follow as read-only columns.
 */
export const exportRequest = z
  .object({
    format: z.enum(['csv', 'xlsx']).default('csv'),
    tier: z.enum(tiers).optional(),
    ownerId: z.string().trim().min(1).max(64).optional(),
    stage: z.enum(lifecycleStages).optional(),
  })
  .strict();
export type ExportRequest = z.output<typeof exportRequest>;

export const exportHeader = [
  'name',
  'kind',
  'company',
  'title',
  'phones',
  'emails',
  'city',
  'region',
  'address',
  'industry',
  'birthday',
  'source',
  'owner',
  'stage',
  'tags',
  'purchase_count',
  'purchase_amount',
  'last_purchase_at',
  'external_id',
  'key_account',
  'vip',
  'locale',
  'id',
  'tier',
  'created_at',
];

/** One customer as cells, in exportHeader's order; lists joined with ';' as the import splits them. */
export function customerExportRow(c: Customer): Array<string | number> {
  return [
    c.name,
    c.kind,
    c.company ?? '',
    c.title ?? '',
    c.phones.join(';'),
    c.emails.join(';'),
    c.address?.city ?? '',
    c.address?.region ?? '',
    c.address?.line ?? '',
    c.industry ?? '',
    birthdayText(c.birthday),
    c.source ?? '',
    c.ownerId,
    c.lifecycleStage,
    c.tags.join(';'),
    c.purchases.count,
    c.purchases.amount,
    c.purchases.lastPurchaseAt ?? '',
    c.externalId ?? '',
    c.flags.keyAccount ? 'true' : 'false',
    c.flags.vip ? 'true' : 'false',
    c.locale ?? '',
    c.id,
    c.tier,
    c.createdAt,
  ];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD, or MM-DD without a year: the forms the import reads back. */
function birthdayText(b: Customer['birthday']): string {
  if (!b) return '';
  return `${b.year ? `${b.year}-` : ''}${pad(b.month)}-${pad(b.day)}`;
}
