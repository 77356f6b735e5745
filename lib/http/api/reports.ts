import { figureDefs } from '../../domain/digest';
import { toSafeCsv } from '../../domain/spreadsheet-cell';
import { type MonthlyReport, monthlyReport } from '../../services/digest';
import type { ApiHandlers, ApiResult } from '../api-handler';
import { header } from '../request';

/**
 * The monthly report: the manager digest's figures for a calendar month
 * (company time zone) beside the previous month's, as JSON, or as CSV when the
 * client asks for `Accept: text/csv` (one row per figure, then one per owner
 * and figure, so a spreadsheet can pivot it).
 */
const round = (v: number | null) => (v === null ? '' : Math.round(v * 10_000) / 10_000);
export function monthlyReportCsv(r: MonthlyReport): string {
  const units = new Map<string, string>(figureDefs.map((f) => [f.key, f.unit]));
  const rows: Array<Array<string | number>> = [
    ['section', 'metric', 'unit', 'owner_id', 'owner_name', 'value', 'previous', 'change', 'change_relative'],
  ];
  for (const f of r.figures) {
    rows.push([
      f.key.split('.')[0]!,
      f.key,
      units.get(f.key) ?? '',
      '',
      '',
      round(f.value),
      round(f.previous),
      round(f.delta),
      round(f.relative),
    ]);
  }
  for (const o of r.owners) {
    const name = o.name ?? '';
    const add = (metric: string, unit: string, value: number | null) =>
      rows.push(['owner', metric, unit, o.ownerId, name, round(value), '', '', '']);
    add('complaints.opened', 'count', o.opened);
    add('complaints.resolved', 'count', o.resolved);
    add('complaints.sla_compliance', 'ratio', o.slaCompliance);
    add('care.tasks_created', 'count', o.tasksCreated);
    add('care.tasks_done', 'count', o.tasksDone);
    add('care.return_visit_completion', 'ratio', o.returnVisitCompletion);
    add('surveys.nps', 'score', o.nps);
  }
  // Every text cell (owner names, ids) is neutralised against formula injection; the route adds the BOM.
  return toSafeCsv(rows, { bom: false });
}

const wantsCsv = (accept: string | undefined) => /\btext\/csv\b/i.test(accept ?? '');

export const reportRoutes = {
  'GET /api/reports/monthly': async ({ ctx, actor, event, now }): Promise<ApiResult> => {
    const report = await monthlyReport(ctx, actor, event.queryStringParameters ?? {}, now);
    if (!wantsCsv(header(event, 'accept'))) return { body: report, headers: { vary: 'accept' } };
    return {
      raw: `\uFEFF${monthlyReportCsv(report)}`,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="careloop-report-${report.month}.csv"`,
        vary: 'accept',
      },
    };
  },
} satisfies ApiHandlers;
