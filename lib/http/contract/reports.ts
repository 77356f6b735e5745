import * as z from 'zod';
import { monthlyReportQuery } from '../../services/digest';
import { keyErrors, type Operations } from '../operation';

const figure = z.object({
  key: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  delta: z.number().nullable(),
  relative: z.number().nullable(),
});
const range = z.object({ start: z.string(), end: z.string() });

const monthlyReport = z.object({
  month: z.string(),
  period: range,
  previous: range.extend({ month: z.string() }),
  partial: z.boolean().describe('the month has not ended yet: its figures are so far'),
  generatedAt: z.string(),
  figures: z.array(figure),
  breakdowns: z.record(z.string(), z.unknown()),
  owners: z.array(z.object({ ownerId: z.string(), name: z.string().optional() }).loose()),
});

export const reportOperations = {
  'GET /api/reports/monthly': {
    operationId: 'monthlyReport',
    tag: 'Reports',
    description: 'Managers and admins. `Accept: text/csv` answers CSV (UTF-8 with BOM): one row per figure, then one per owner and figure.',
    query: monthlyReportQuery,
    accepts: ['application/json', 'text/csv'],
    responses: {
      200: {
        description: 'The figures beside the previous month',
        json: monthlyReport,
        files: { 'text/csv': 'text' },
        headers: ['Vary'],
      },
    },
    errors: [...keyErrors, 422],
  },
} satisfies Operations;
