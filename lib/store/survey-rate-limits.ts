import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { isConditionFailure, rateKey } from './survey-keys';

/** Fixed-window rate limits on survey submissions (see README.md, Surveys). */
export function createSurveyRateLimitRepo(db: Db) {
  return {
    // ── Abuse ────────────────────────────────────────────────────────────────
    /**
     * One hit on a fixed-window counter; false once `limit` hits were counted
     * in the window. The item expires by TTL after its window.
     */
    async rateLimitHit(scope: string, subject: string, windowStart: number, limit: number, expiresAt: number): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: rateKey(scope, subject, windowStart),
            UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :exp), #t = :type',
            ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
            ExpressionAttributeNames: { '#t': 'type' },
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':exp': expiresAt, ':type': 'rate-limit' },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
