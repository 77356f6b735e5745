import * as z from 'zod';
import { acceptedHeaders } from '../../domain/customer-csv';
import { idErrors, keyErrors, type Operations } from '../operation';

/** Query of an upload: the sheet of a workbook, a name for the report, the owner of rows that name none. */
export const importQuery = z.object({
  sheet: z.string().trim().min(1).max(100).optional().describe('.xlsx: the sheet to read (default: the first)'),
  fileName: z.string().trim().min(1).max(200).optional().describe('shown in the report'),
  owner: z.string().trim().min(1).max(254).optional().describe('owner of rows without one: Slack user id, e-mail or staff name'),
});

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content types an upload may carry: CSV under its usual names, or a workbook. */
export const importFileTypes = {
  'text/csv': 'binary',
  'text/plain': 'binary',
  'application/csv': 'binary',
  'application/vnd.ms-excel': 'binary',
  [XLSX]: 'binary',
  'application/octet-stream': 'binary',
} as const;

const issue = z.object({ line: z.number().int().optional(), column: z.string().optional(), reason: z.string() });
const jobStatus = z.enum(['queued', 'running', 'done', 'failed']);
const format = z.enum(['csv', 'xlsx']);

const importAccepted = z.object({
  id: z.string(),
  status: jobStatus,
  rows: z.number().int(),
  format,
  encoding: z.string().optional(),
  sheet: z.string().optional(),
  warnings: z.array(issue),
  location: z.string(),
});

const importReport = z.object({
  id: z.string(),
  status: jobStatus,
  fileName: z.string().optional(),
  format,
  encoding: z.string().optional(),
  sheet: z.string().optional(),
  rows: z.number().int(),
  rowsDone: z.number().int(),
  progress: z.number().min(0).max(1),
  created: z.number().int(),
  skipped: z.number().int(),
  invalid: z.number().int(),
  warnings: z.array(issue),
  invalidRows: z.array(issue.extend({ line: z.number().int() })),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  seconds: z.number(),
  attempts: z.number().int(),
  failure: z.string().optional(),
  rejectedCsv: z.string().optional().describe('link to the rejected rows, when the import is done and some were invalid'),
});

const headersText = () =>
  Object.entries(acceptedHeaders())
    .map(([field, names]) => `${field}: ${names.join(', ')}`)
    .join('; ');

export const importOperations = {
  'POST /api/customers/import': {
    operationId: 'importCustomers',
    tag: 'Imports',
    description: 'Managers and admins. Re-running a file creates nothing new (rows matching a phone, e-mail or external id are skipped).',
    query: importQuery,
    body: {
      files: importFileTypes,
      description: (config) =>
        'A CSV file (UTF-8 with or without BOM, GB18030/GBK or UTF-16LE, detected from the bytes) or an .xlsx workbook, ' +
        `at most ${config.customers.importMaxRows} rows and ${config.customers.imports.maxBytes} bytes (a larger file is 413 or 422). ` +
        `Accepted headers (case-insensitive) — ${headersText()}.`,
    },
    responses: {
      202: {
        description: 'Checked and queued; poll the Location',
        json: importAccepted,
        headers: ['Location'],
      },
    },
    errors: [...keyErrors, 400, 413, 415, 422],
  },
  'GET /api/imports/{id}': {
    operationId: 'getImport',
    tag: 'Imports',
    responses: { 200: { description: 'Status, progress and report', json: importReport } },
    errors: idErrors,
  },
  'GET /api/imports/{id}/rejected.csv': {
    operationId: 'getImportRejectedRows',
    tag: 'Imports',
    responses: {
      200: {
        description: 'The rejected rows as uploaded, with a reason column, UTF-8 CSV',
        files: { 'text/csv': 'text' },
        headers: ['Content-Disposition'],
      },
    },
    errors: idErrors,
  },
} satisfies Operations;
