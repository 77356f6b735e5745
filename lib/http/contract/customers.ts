import * as z from 'zod';
import {
  contactPerson,
  contactPersonInput,
  createCustomerInput,
  customer,
  lifecycleStages,
  listCustomersQuery,
  tiers,
  updateCustomerInput,
} from '../../domain/customer';
import { interaction, interactionInput } from '../../domain/interaction';
import { idErrors, items, jsonBodyErrors, keyErrors, type Operations, page } from '../operation';

/** Timeline paging: newest first, `cursor` from the previous page. */
export const timelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});

/** `?include=restricted` reveals the restricted fields (credit grade) to supervisors and above; every reveal is audited. */
export const getCustomerQuery = z.object({
  include: z.enum(['restricted']).optional().describe('restricted: also the credit grade (supervisors and above; audited)'),
});

const created = ['ETag', 'Location'] as const;

/** A name search (`?q=`) answers summaries from the name index, not whole records. */
const customerSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['person', 'organization']),
    company: z.string().optional(),
    tier: z.enum(tiers),
    ownerId: z.string(),
    lifecycleStage: z.enum(lifecycleStages),
    city: z.string().optional(),
  })
  .describe('a name-search hit (?q=)');

/** Everything held on one customer (right of access). */
const customerExport = z
  .object({
    exportedAt: z.string(),
    customer,
    contacts: z.array(contactPerson),
    timeline: z.array(interaction),
  })
  .loose();

export const customerOperations = {
  'POST /api/customers': {
    operationId: 'createCustomer',
    tag: 'Customers',
    description:
      'Phones are normalised to E.164 (a number without country code is read for DEFAULT_PHONE_REGION); an invalid number, ' +
      'an owner who is not in the staff directory or a birthday after today is 422; a phone or e-mail another customer has is 409.',
    body: { json: createCustomerInput },
    responses: { 201: { description: 'Created', json: customer, headers: created } },
    errors: [...keyErrors, ...jsonBodyErrors, 409],
  },
  'GET /api/customers': {
    operationId: 'listCustomers',
    tag: 'Customers',
    description:
      'tier, ownerId and stage combine; q is a name prefix (characters, full pinyin or initials) and answers summaries; ' +
      'phone (any format, 422 when not a valid number) and email find one customer.',
    query: listCustomersQuery,
    responses: {
      200: { description: 'A page of customers; with ?q= a page of summaries', json: page(z.union([customer, customerSummary])) },
    },
    errors: [...keyErrors, 400, 422],
  },
  'GET /api/customers/{id}': {
    operationId: 'getCustomer',
    tag: 'Customers',
    query: getCustomerQuery,
    responses: { 200: { description: 'The customer', json: customer, headers: ['ETag'] } },
    errors: idErrors,
  },
  'PATCH /api/customers/{id}': {
    operationId: 'updateCustomer',
    tag: 'Customers',
    description: 'Any subset of the fields; `tierOverride: null` removes an override.',
    ifMatch: 'required',
    body: { json: updateCustomerInput },
    responses: { 200: { description: 'The updated customer', json: customer, headers: ['ETag'] } },
    errors: [...idErrors, ...jsonBodyErrors, 409, 412, 428],
  },
  'DELETE /api/customers/{id}': {
    operationId: 'eraseCustomer',
    tag: 'Customers',
    responses: { 204: { description: 'Erased' } },
    errors: idErrors,
  },
  'GET /api/customers/{id}/interactions': {
    operationId: 'listInteractions',
    tag: 'Customers',
    query: timelineQuery,
    responses: { 200: { description: 'A page of the timeline, newest first', json: page(interaction) } },
    errors: [...idErrors, 400],
  },
  'POST /api/customers/{id}/interactions': {
    operationId: 'logInteraction',
    tag: 'Customers',
    description: '`at` must not be in the future nor before 2000-01-01 (422).',
    body: { json: interactionInput },
    responses: { 201: { description: 'Logged', json: interaction } },
    errors: [...idErrors, ...jsonBodyErrors],
  },
  'GET /api/customers/{id}/contacts': {
    operationId: 'listContacts',
    tag: 'Customers',
    responses: { 200: { description: 'Contact persons', json: items(contactPerson) } },
    errors: idErrors,
  },
  'POST /api/customers/{id}/contacts': {
    operationId: 'addContact',
    tag: 'Customers',
    description: 'Only organization customers have contact persons (422 otherwise).',
    body: { json: contactPersonInput },
    responses: { 201: { description: 'Added', json: contactPerson } },
    errors: [...idErrors, ...jsonBodyErrors, 409],
  },
  'GET /api/customers/{id}/export': {
    operationId: 'exportCustomer',
    tag: 'Customers',
    responses: { 200: { description: 'Everything held on the customer', json: customerExport, headers: ['Content-Disposition'] } },
    errors: idErrors,
  },
} satisfies Operations;
