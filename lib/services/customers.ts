import { changedFields } from '../domain/audit';
import { localDay } from '../domain/calendar';
import { careSchedule } from '../domain/care';
import {
  type ContactPerson,
  type Customer,
  contactPersonInput,
  createCustomerInput,
  futureBirthdayIssues,
  type ListCustomersQuery,
  updateCustomerInput,
} from '../domain/customer';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { contactTimeIssue, type Interaction, interactionInput } from '../domain/interaction';
import { interactionFor } from '../domain/masking';
import { increments, metric } from '../domain/metrics';
import { nameIndex } from '../domain/name-keys';
import { normalizePhone } from '../domain/phone';
import { type Actor, atLeast } from '../domain/staff';
import { effectiveTier, tierFromPurchases } from '../domain/tier';
import { parseInput } from '../domain/validation';
import { auditOp, type BulkItem, type ExtraClaim, newId, type Page, splitPlainPuts, type WriteOp } from '../store';
import { careScheduleOps, contactCareScheduleOps } from './care-schedule';
import type { AppContext } from './context';
import { commitCustomerChange } from './customer-change';
import { eraseFeatureData, exportFeatureData } from './customer-data';
import { viewCustomer } from './customer-view';
import { deliverCommitted, stageEvent } from './events';
import { transactWithLastContact } from './last-contact';

/** Phones to E.164 in the company's default region; an invalid one names its position. */
function normalizePhones(phones: string[], region: string): string[] {
  const out: string[] = [];
  phones.forEach((raw, i) => {
    const e164 = normalizePhone(raw, region);
    if (!e164)
      throw new ValidationError(`phones.${i}: "${raw}" is not a valid phone number`, [
        { path: `phones.${i}`, message: 'not a valid phone number' },
      ]);
    if (!out.includes(e164)) out.push(e164);
  });
  return out;
}

export async function createCustomer(ctx: AppContext, actor: Actor, raw: unknown, now: Date, claims: ExtraClaim[] = []): Promise<Customer> {
  const customer = newCustomer(ctx, actor, raw, now);
  const { store } = ctx;
  await store.transact([
    ...customerCreateOps(ctx, customer, now, claims),
    auditOp({
      at: customer.createdAt,
      actor: actor.id,
      action: 'customer.created',
      entity: 'customer',
      entityId: customer.id,
      changes: changedFields({}, customer),
    }),
    ...store.counters.incrementOps(localDay(now, ctx.config.company.timeZone), increments([metric.customerCreated], customer.ownerId)),
  ]);
  return customer;
}

function refuseFutureBirthday(ctx: AppContext, fields: Parameters<typeof futureBirthdayIssues>[0], now: Date): void {
  const issues = futureBirthdayIssues(fields, localDay(now, ctx.config.company.timeZone));
  if (issues.length) throw new ValidationError(issues.map((i) => `${i.path} ${i.message}`).join('; '), issues);
}

/** A validated new customer, not yet stored (throws ValidationError naming the fields). */
export function newCustomer(ctx: AppContext, actor: Actor, raw: unknown, now: Date): Customer {
  const input = parseInput(createCustomerInput, raw, 'customer');
  refuseFutureBirthday(ctx, input, now);
  const at = now.toISOString();
  return {
    ...input,
    phones: normalizePhones(input.phones, ctx.config.defaultPhoneRegion),
    emails: [...new Set(input.emails)],
    id: newId('cus', now.getTime()),
    tier: tierFromPurchases(input.purchases, ctx.config.customers.tiers),
    createdBy: actor.id,
    createdAt: at,
    updatedBy: actor.id,
    updatedAt: at,
    version: 1,
  };
}

/**
 * A bulk import's split of the same writes: what must be in the row's own
 * transaction (profile and its uniqueness claims, all conditional) and the
 * derived index items (name keys, care schedule) that are plain puts, written
 * in batches after the rows and rewritten by a resumed worker.
 */
export function customerBulkWrites(
  ctx: AppContext,
  customer: Customer,
  now: Date,
  claims: ExtraClaim[],
): { ops: WriteOp[]; derived: BulkItem[] } {
  const { conditional, plain: derived } = splitPlainPuts(
    ctx.store.customers.createOps(customer, nameIndex, [
      ...(customer.externalId ? [{ key: 'external' as const, value: customer.externalId }] : []),
      ...claims,
    ]),
  );
  const today = localDay(now, ctx.config.company.timeZone);
  derived.push(...ctx.store.care.scheduleItems(careSchedule(customer, today, ctx.config.care, ctx.config.company.timeZone)));
  return { ops: conditional, derived };
}

/**
 * The writes that belong to the customer itself: profile, uniqueness claims,
 * name keys, care schedule. Bulk imports add their audit and counters once per
 * batch instead of once per row (lib/services/import-worker.ts).
 */
export function customerCreateOps(ctx: AppContext, customer: Customer, now: Date, claims: ExtraClaim[] = []): WriteOp[] {
  return [
    ...ctx.store.customers.createOps(customer, nameIndex, [
      ...(customer.externalId ? [{ key: 'external' as const, value: customer.externalId }] : []),
      ...claims,
    ]),
    ...careScheduleOps(ctx.store, customer, now, ctx.config),
  ];
}

export async function getCustomer(ctx: AppContext, actor: Actor, id: string, opts: { includeRestricted?: boolean; now?: Date } = {}) {
  const customer = await ctx.store.customers.mustGet(id);
  if (opts.includeRestricted) {
    const at = (opts.now ?? new Date()).toISOString();
    if (!atLeast(actor.role, 'supervisor')) {
      // A refused reveal is worth knowing about as much as a granted one (someone probing for credit grades).
      await ctx.store.transact([
        auditOp({ at, actor: actor.id, action: 'customer.restricted_read_refused', entity: 'customer', entityId: id, note: 'creditGrade' }),
      ]);
      throw new ForbiddenError('Only supervisors and above may see restricted fields', 'error.restricted');
    }
    // Reads of restricted fields are audited (docs/domain.md, Privacy); a plain read costs one GetItem.
    await ctx.store.transact([
      auditOp({ at, actor: actor.id, action: 'customer.restricted_read', entity: 'customer', entityId: id, note: 'creditGrade' }),
    ]);
  }
  return viewCustomer(customer, actor, { includeRestricted: opts.includeRestricted });
}

/**
 * `known`: the record the caller has just read (system changes in sweeps), so
 * it is not read twice; the transaction's version condition still guards it.
 */
export async function updateCustomer(
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  raw: unknown,
  now: Date,
  known?: Customer,
): Promise<Customer> {
  const patch = parseInput(updateCustomerInput, raw, 'customer update');
  refuseFutureBirthday(ctx, patch, now);
  const before = known && known.id === id && known.version === expectedVersion ? known : await ctx.store.customers.mustGet(id);
  if (before.version !== expectedVersion) {
    throw new DomainError(
      'precondition_failed',
      `customer ${id} is at version ${before.version}, not ${expectedVersion}; read it again and retry`,
      { currentVersion: before.version },
      'error.version_mismatch',
    );
  }
  if (patch.creditGrade !== undefined && !atLeast(actor.role, 'supervisor')) {
    throw new ForbiddenError('Only supervisors and above may set the credit grade', 'error.restricted');
  }
  const at = now.toISOString();
  const { tierOverride, ...fields } = patch;
  const after: Customer = {
    ...before,
    ...fields,
    ...(fields.phones ? { phones: normalizePhones(fields.phones, ctx.config.defaultPhoneRegion) } : {}),
    ...(fields.emails ? { emails: [...new Set(fields.emails)] } : {}),
    updatedBy: actor.id,
    updatedAt: at,
    version: before.version + 1,
  };
  if (tierOverride === null) delete after.tierOverride;
  else if (tierOverride) after.tierOverride = { ...tierOverride, by: actor.id, at };
  after.tier = effectiveTier(tierFromPurchases(after.purchases, ctx.config.customers.tiers), after.tierOverride);
  const { changed, moved } = await commitCustomerChange(ctx, actor, before, after, now);
  if (!changed) return before;
  // A move makes the system mark the customer at risk (a new version): the caller gets that final
  // version, so the ETag it holds is valid for its next change.
  return moved ? ((await ctx.store.customers.get(id)) ?? after) : after;
}

/**
 * Erase on request (PIPL / GDPR): child items go first in batches, then the
 * profile, its uniqueness claims and name keys in one transaction with the
 * audit event. If it stops half-way the customer still exists and a retry
 * finishes the job; the audit keeps only that an erase happened.
 */
export async function eraseCustomer(ctx: AppContext, actor: Actor, id: string, now: Date): Promise<void> {
  if (!atLeast(actor.role, 'manager')) throw new ForbiddenError('Only managers and admins may erase customer data', 'error.restricted');
  const customer = await ctx.store.customers.mustGet(id);
  await eraseFeatureData(ctx, id);
  // Import-row claims are released with the profile; the child items that name them go first.
  const importReleases = await ctx.store.customers.eraseChildren(id);
  await ctx.store.audit.eraseRecords('customer', [id]);
  await ctx.store.transact([
    ...ctx.store.customers.eraseOps(customer, nameIndex),
    ...importReleases,
    auditOp({ at: now.toISOString(), actor: actor.id, action: 'customer.erased', entity: 'customer', entityId: id }),
  ]);
}

export async function listCustomers(ctx: AppContext, actor: Actor, query: ListCustomersQuery): Promise<Page<unknown>> {
  const { customers } = ctx.store;
  if (query.phone || query.email) {
    const phone = query.phone ? normalizePhone(query.phone, ctx.config.defaultPhoneRegion) : undefined;
    if (query.phone && !phone)
      throw new ValidationError('phone is not a valid phone number', [{ path: 'phone', message: 'not a valid phone number' }]);
    const id = phone ? await customers.idByPhone(phone) : await customers.idByEmail(query.email!.toLowerCase());
    const found = id ? await customers.get(id) : undefined;
    return { items: found ? [viewCustomer(found, actor)] : [] };
  }
  if (query.q) return customers.searchByName(query.q, query.limit, query.cursor);
  const page = await customers.list({ ownerId: query.ownerId, tier: query.tier, stage: query.stage }, query.limit, query.cursor);
  return { ...page, items: page.items.map((c) => viewCustomer(c, actor)) };
}

export async function addContactPerson(ctx: AppContext, actor: Actor, customerId: string, raw: unknown, now: Date): Promise<ContactPerson> {
  const input = parseInput(contactPersonInput, raw, 'contact person');
  const customer = await ctx.store.customers.mustGet(customerId);
  if (customer.kind !== 'organization') {
    throw new ValidationError('contact persons belong to organization customers', [
      { path: 'customerId', message: 'customer is not an organization' },
    ]);
  }
  const phone = input.phone ? normalizePhones([input.phone], ctx.config.defaultPhoneRegion)[0] : undefined;
  const contact: ContactPerson = { ...input, phone, id: newId('con', now.getTime()), customerId, createdAt: now.toISOString() };
  await ctx.store.transact([
    ctx.store.customers.existsCheck(customerId),
    ctx.store.customers.contactOp(contact),
    auditOp({
      at: contact.createdAt,
      actor: actor.id,
      action: 'contact.created',
      entity: 'customer',
      entityId: customerId,
      changes: changedFields({}, contact),
    }),
    ...contactCareScheduleOps(ctx.store, customer, contact, now, ctx.config),
  ]);
  return contact;
}

export async function logInteraction(ctx: AppContext, actor: Actor, customerId: string, raw: unknown, now: Date): Promise<Interaction> {
  const input = parseInput(interactionInput, raw, 'interaction');
  const customer = await ctx.store.customers.mustGet(customerId);
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  const atIssue = contactTimeIssue(at, now);
  if (atIssue) throw new ValidationError(`at ${atIssue}`, [{ path: 'at', message: atIssue }]);
  const entry: Interaction = { ...input, at, id: newId('int', now.getTime()), customerId, by: actor.id };
  const logged = stageEvent(ctx, { type: 'interaction.logged', at, customerId, kind: entry.kind, by: actor.id }, now);
  await transactWithLastContact(ctx, customer, at, [ctx.store.timeline.addOp(entry), logged.op]);
  await deliverCommitted(ctx, [logged], now);
  return entry;
}

/** The timeline as `actor` may see it (contact details in other owners' notes masked for agents); no actor = unmasked, for internal use. */
export async function customerTimeline(ctx: AppContext, customerId: string, limit: number, cursor?: string, actor?: Actor) {
  const customer = await ctx.store.customers.mustGet(customerId);
  const page = await ctx.store.timeline.newestFirst(customerId, limit, cursor);
  return actor ? { ...page, items: page.items.map((e) => interactionFor(actor, customer.ownerId, e)) } : page;
}

/** Everything held on one customer (right of access): profile, contacts, timeline, audit. */
export async function exportCustomer(ctx: AppContext, actor: Actor, id: string, now: Date) {
  if (!atLeast(actor.role, 'supervisor'))
    throw new ForbiddenError('Only supervisors and above may export customer data', 'error.restricted');
  const customer = await ctx.store.customers.get(id);
  if (!customer) throw new NotFoundError('customer', id);
  const collect = async <T>(next: (cursor?: string) => Promise<Page<T>>) => {
    const all: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await next(cursor);
      all.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    return all;
  };
  const [contacts, timeline, audit, features] = await Promise.all([
    ctx.store.customers.contacts(id),
    collect((c) => ctx.store.timeline.newestFirst(id, 100, c)),
    collect((c) => ctx.store.audit.forRecord('customer', id, 100, c)),
    exportFeatureData(ctx, id),
  ]);
  await ctx.store.transact([
    auditOp({ at: now.toISOString(), actor: actor.id, action: 'customer.exported', entity: 'customer', entityId: id }),
  ]);
  return { exportedAt: now.toISOString(), customer, contacts, timeline, audit, ...features };
}

/** A customer's contact persons (NotFoundError when the customer is absent). */
export async function customerContacts(ctx: AppContext, customerId: string): Promise<ContactPerson[]> {
  await ctx.store.customers.mustGet(customerId);
  return ctx.store.customers.contacts(customerId);
}
