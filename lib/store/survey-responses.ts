import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SurveyResponse } from '../domain/survey';
import type { Db } from './db';
import { stripKeys } from './item';
import { DETRACTORS_BY_MONTH, monthOf, monthsBetween, RESPONSES_BY_MONTH } from './survey-keys';

/** Survey responses by time: the month-partitioned indexes results and the digest read (see README.md, Surveys). */
export function createSurveyResponseRepo(db: Db) {
  return {
    // ── Responses by time ────────────────────────────────────────────────────
    /**
     * Responses answered in [fromIso, toIso), oldest first: one Query per UTC
     * month touched, `BETWEEN` on the answer time. Stops after `max` items.
     */
    async responsesBetween(
      fromIso: string,
      toIso: string,
      max: number,
      fields?: string[],
    ): Promise<{ items: SurveyResponse[]; truncated: boolean }> {
      const items: SurveyResponse[] = [];
      const lastIncluded = new Date(Date.parse(toIso) - 1).toISOString();
      const names = fields ? Object.fromEntries(fields.map((f, i) => [`#f${i}`, f])) : undefined;
      for (const month of monthsBetween(fromIso, lastIncluded)) {
        let start: Record<string, unknown> | undefined;
        do {
          const res = await db.doc.send(
            new QueryCommand({
              TableName: db.tableName,
              IndexName: 'gsi5',
              KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk BETWEEN :from AND :to',
              ExpressionAttributeValues: { ':pk': RESPONSES_BY_MONTH(month), ':from': fromIso, ':to': `${lastIncluded}~` },
              ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
              Limit: Math.min(1000, max - items.length),
              ExclusiveStartKey: start,
            }),
          );
          items.push(...(res.Items ?? []).map((i) => stripKeys<SurveyResponse>(i)));
          start = res.LastEvaluatedKey;
          if (items.length >= max) return { items, truncated: Boolean(start) || month < monthOf(lastIncluded) };
        } while (start);
      }
      return { items, truncated: false };
    },

    /** NPS detractor responses in [fromIso, toIso), newest first (sparse index). */
    async detractorsBetween(fromIso: string, toIso: string, limit: number): Promise<SurveyResponse[]> {
      const out: SurveyResponse[] = [];
      const lastIncluded = new Date(Date.parse(toIso) - 1).toISOString();
      for (const month of monthsBetween(fromIso, lastIncluded).reverse()) {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            IndexName: 'gsi4',
            KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': DETRACTORS_BY_MONTH(month), ':from': fromIso, ':to': `${lastIncluded}~` },
            ScanIndexForward: false,
            Limit: limit - out.length,
          }),
        );
        out.push(...(res.Items ?? []).map((i) => stripKeys<SurveyResponse>(i)));
        if (out.length >= limit) break;
      }
      return out;
    },
  };
}
