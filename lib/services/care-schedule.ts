import type { Config } from '../config';
import { localDay } from '../domain/calendar';
import { birthdayEntry, birthdayLeadDays, careGroupOf, careProfileOf, careSchedule, receivesCare } from '../domain/care';
import type { ContactPerson, Customer } from '../domain/customer';
import type { Store, WriteOp } from '../store';
import type { AppContext } from './context';

/**
 * Keeps the care due indexes in step with the customer profile. The customer
 * service adds these ops to its own create/update transaction, so a profile
 * and its place in the birthday, return-visit, dormancy and key-account
 * indexes never disagree. Pure-ish: no read, only ops.
 */
export function careScheduleOps(
  store: Store,
  customer: Customer,
  now: Date,
  config: Pick<Config, 'care' | 'company'>,
  before?: Customer,
): WriteOp[] {
  const today = localDay(now, config.company.timeZone);
  return store.care.scheduleOps(careSchedule(customer, today, config.care, config.company.timeZone, before), !before);
}

/** A contact person's birthday entries; they follow the customer's owner, tier and care eligibility. */
export function contactCareScheduleOps(
  store: Store,
  customer: Customer,
  contact: ContactPerson,
  now: Date,
  config: Pick<Config, 'company' | 'care'>,
  fresh = true,
): WriteOp[] {
  const today = localDay(now, config.company.timeZone);
  const lead = birthdayLeadDays(careGroupOf(careProfileOf(customer)), config.care);
  const entry = receivesCare(customer)
    ? birthdayEntry({ who: contact.id, name: contact.name, birthday: contact.birthday, lunarBirthday: contact.lunarBirthday }, today, lead)
    : undefined;
  return store.care.contactScheduleOps(careProfileOf(customer), contact.id, entry, fresh);
}

/**
 * Rewrites a customer's whole care schedule (own entries and contacts') from
 * the profile: after a change that did not pass through the customer service
 * transaction, or to repair. Idempotent.
 */
export async function syncCareSchedule(
  ctx: AppContext,
  customer: Customer,
  now: Date,
  opts: { contactsOnly?: boolean; contacts?: ContactPerson[] } = {},
): Promise<void> {
  const contacts = opts.contacts ?? (customer.kind === 'organization' ? await ctx.store.customers.contacts(customer.id) : []);
  const ops = [
    ...(opts.contactsOnly ? [] : careScheduleOps(ctx.store, customer, now, ctx.config)),
    ...contacts.flatMap((c) => contactCareScheduleOps(ctx.store, customer, c, now, ctx.config, false)),
  ];
  // Schedule items are independent of each other; chunks keep each transaction under DynamoDB's limit.
  for (let i = 0; i < ops.length; i += 90) await ctx.store.transact(ops.slice(i, i + 90));
}
