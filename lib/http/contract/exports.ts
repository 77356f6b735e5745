import * as z from 'zod';
import { exportRequest } from '../../domain/customer-export';
import { idErrors, jsonBodyErrors, keyErrors, type Operations } from '../operation';
import { XLSX } from './imports';

const jobStatus = z.enum(['queued', 'running', 'done', 'failed']);

const exportAccepted = z.object({ id: z.string(), status: jobStatus, format: z.enum(['csv', 'xlsx']), location: z.string() });

const exportReport = z.object({
  id: z.string(),
  status: jobStatus,
  format: z.enum(['csv', 'xlsx']),
  filters: z.object({ tier: z.string().optional(), ownerId: z.string().optional(), stage: z.string().optional() }),
  rows: z.number().int(),
  bytes: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  seconds: z.number(),
  failure: z.string().optional(),
  file: z.string().optional().describe('link to the file, when done'),
});

export const exportOperations = {
  'POST /api/customers/export': {
    operationId: 'exportCustomers',
    tag: 'Exports',
    description: 'Managers and admins. The filters come as a JSON body or, without a body, as query parameters of the same names.',
    query: exportRequest,
    body: { json: exportRequest, optional: true },
    responses: { 202: { description: 'Queued; poll the Location', json: exportAccepted, headers: ['Location'] } },
    errors: [...keyErrors, ...jsonBodyErrors],
  },
  'GET /api/exports/{id}': {
    operationId: 'getExport',
    tag: 'Exports',
    responses: { 200: { description: 'Status, rows and the file link when done', json: exportReport } },
    errors: idErrors,
  },
  'GET /api/exports/{id}/file': {
    operationId: 'getExportFile',
    tag: 'Exports',
    responses: {
      200: {
        description: 'The file: CSV (UTF-8 with BOM) or .xlsx, every cell neutralised against formula injection',
        files: { 'text/csv': 'text', [XLSX]: 'binary' },
        headers: ['Content-Disposition'],
      },
    },
    errors: [...idErrors, 409],
  },
} satisfies Operations;
