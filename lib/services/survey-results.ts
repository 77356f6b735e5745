import { atHour, daysBetween, localDay, plusDays } from '../domain/calendar';
import { ValidationError } from '../domain/errors';
import {
  addToSummary,
  emptySummary,
  finishSummary,
  groupKeyOf,
  type ScoreSummary,
  type SurveyResponse,
  surveyResultsQuery,
} from '../domain/survey';
import { parseInput } from '../domain/validation';
import type { AppContext } from './context';
import type { DetractorRow } from './digest-content';

/**
 * NPS, CSAT and CES for a range of days, overall and per tier, owner, trigger
 * or month. Reads the month-partitioned response index with one Query per
 * month (BETWEEN on the answer time), never a Scan; at most
 * `surveys.results.maxResponsesRead` responses, with `truncated` beyond.
 */
export interface SurveyResults {
  from: string;
  to: string;
  timeZone: string;
  groupBy?: string;
  overall: ScoreSummary;
  groups: Array<{ key: string } & ScoreSummary>;
  responsesRead: number;
  truncated: boolean;
}

const FIELDS = ['scores', 'tier', 'ownerId', 'trigger', 'answeredAt'];

export async function surveyResults(ctx: AppContext, raw: unknown, now: Date = new Date()): Promise<SurveyResults> {
  const q = parseInput(surveyResultsQuery, raw ?? {}, 'results query');
  const zone = ctx.config.company.timeZone;
  const to = q.to ?? localDay(now, zone);
  const from = q.from ?? plusDays(to, -29);
  if (from > to) throw new ValidationError('from must not be after to', [{ path: 'from', message: 'must not be after to' }]);
  const { maxDays, maxResponsesRead } = ctx.config.surveys.results;
  if (daysBetween(from, to) + 1 > maxDays) {
    throw new ValidationError(`the range may span at most ${maxDays} days`, [
      { path: 'to', message: `at most ${maxDays} days after from` },
    ]);
  }
  const { items, truncated } = await ctx.store.surveys.responsesBetween(
    atHour(from, 0, zone).toISOString(),
    atHour(plusDays(to, 1), 0, zone).toISOString(),
    maxResponsesRead,
    FIELDS,
  );
  const overall = emptySummary();
  const groups = new Map<string, ScoreSummary>();
  const monthOf = (iso: string) => localDay(new Date(iso), zone).slice(0, 7);
  for (const r of items) {
    addToSummary(overall, r.scores ?? {});
    if (q.groupBy) {
      const key = groupKeyOf(r, q.groupBy, monthOf);
      groups.set(key, addToSummary(groups.get(key) ?? emptySummary(), r.scores ?? {}));
    }
  }
  return {
    from,
    to,
    timeZone: zone,
    ...(q.groupBy ? { groupBy: q.groupBy } : {}),
    overall: finishSummary(overall),
    groups: [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, s]) => ({ key, ...finishSummary(s) })),
    responsesRead: items.length,
    truncated,
  };
}

/** The digest's detractor list (NPS 0–6), newest first, from the sparse detractor index. */
export async function detractorsBetween(ctx: AppContext, range: { from: Date; to: Date }, limit: number): Promise<DetractorRow[]> {
  const rows: SurveyResponse[] = await ctx.store.surveys.detractorsBetween(range.from.toISOString(), range.to.toISOString(), limit);
  return rows.map((r) => ({
    customerId: r.customerId,
    customerName: r.customerName,
    score: r.scores.nps!,
    answeredAt: r.answeredAt,
    ownerId: r.ownerId,
    ...(r.comment ? { comment: r.comment } : {}),
  }));
}
