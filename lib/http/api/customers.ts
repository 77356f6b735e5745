import { createCustomerInput, listCustomersQuery, updateCustomerInput } from '../../domain/customer';
import { parseInput } from '../../domain/validation';
import {
  addContactPerson,
  createCustomer,
  customerContacts,
  customerTimeline,
  eraseCustomer,
  exportCustomer,
  getCustomer,
  listCustomers,
  logInteraction,
  updateCustomer,
} from '../../services/customers';
import { requireStaff } from '../../services/staff';
import type { ApiHandlers } from '../api-handler';
import { getCustomerQuery, timelineQuery } from '../contract/customers';
import { ifMatchVersion, jsonBody } from '../request';

const etag = (version: number) => ({ etag: `"${version}"` });

export const customerRoutes = {
  'POST /api/customers': async ({ event, ctx, actor, now }) => {
    const body = jsonBody(event);
    // Every field is checked first (all issues in one 422), then the owner against the staff directory.
    await requireStaff(ctx, parseInput(createCustomerInput, body, 'customer').ownerId, 'ownerId');
    const customer = await createCustomer(ctx, actor, body, now);
    return { status: 201, body: customer, headers: { ...etag(customer.version), location: `/api/customers/${customer.id}` } };
  },
  'GET /api/customers': async ({ ctx, actor, query }) => ({ body: await listCustomers(ctx, actor, query(listCustomersQuery)) }),
  'GET /api/customers/{id}': async ({ ctx, actor, params, query, now }) => {
    const { include } = query(getCustomerQuery);
    const customer = await getCustomer(ctx, actor, params.id!, { includeRestricted: include === 'restricted', now });
    return { body: customer, headers: etag(customer.version) };
  },
  'PATCH /api/customers/{id}': async ({ event, ctx, actor, params, now }) => {
    const version = ifMatchVersion(event);
    const body = jsonBody(event);
    const { ownerId } = parseInput(updateCustomerInput, body, 'customer update');
    if (ownerId !== undefined) await requireStaff(ctx, ownerId, 'ownerId');
    const customer = await updateCustomer(ctx, actor, params.id!, version, body, now);
    return { body: customer, headers: etag(customer.version) };
  },
  'DELETE /api/customers/{id}': async ({ ctx, actor, params, now }) => {
    await eraseCustomer(ctx, actor, params.id!, now);
    return { status: 204 };
  },
  'GET /api/customers/{id}/interactions': async ({ ctx, actor, params, query }) => {
    const { limit, cursor } = query(timelineQuery);
    return { body: await customerTimeline(ctx, params.id!, limit, cursor, actor) };
  },
  'POST /api/customers/{id}/interactions': async ({ event, ctx, actor, params, now }) => ({
    status: 201,
    body: await logInteraction(ctx, actor, params.id!, jsonBody(event), now),
  }),
  'GET /api/customers/{id}/contacts': async ({ ctx, params }) => {
    return { body: { items: await customerContacts(ctx, params.id!) } };
  },
  'POST /api/customers/{id}/contacts': async ({ event, ctx, actor, params, now }) => ({
    status: 201,
    body: await addContactPerson(ctx, actor, params.id!, jsonBody(event), now),
  }),
  'GET /api/customers/{id}/export': async ({ ctx, actor, params, now }) => {
    const data = await exportCustomer(ctx, actor, params.id!, now);
    return { body: data, headers: { 'content-disposition': `attachment; filename="customer-${params.id}.json"` } };
  },
} satisfies ApiHandlers;
