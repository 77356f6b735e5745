import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import { type CampaignCounts, emptyCounts, type SurveyCampaign } from '../domain/survey-campaign';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { stripKeys } from './item';
import { COUNT_PREFIX, COUNT_SHARDS, campaignKey, campaignPk, campaignRetryKey, isConditionFailure } from './survey-keys';

/** Survey campaigns and their sharded progress counts (see README.md, Surveys). */
export function createSurveyCampaignRepo(db: Db) {
  return {
    // ── Campaigns ────────────────────────────────────────────────────────────
    /** The campaign of a start date, once: its deterministic id makes this put the do-once claim. */
    campaignCreateOp(c: SurveyCampaign): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: { ...campaignKey(c.id), type: 'survey-campaign', gsi1pk: 'SURVEY_CAMPAIGNS', gsi1sk: `${c.startDay}#${c.id}`, ...c },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError(`campaign ${c.id} already started`, { id: c.id }, 'error.already_done'),
      };
    },

    /** ADD to a campaign's counts; `shardSeed` spreads answers over a few items so respondents do not contend. */
    campaignCountOp(id: string, counts: Partial<CampaignCounts>, shardSeed?: number): WriteOp {
      const entries = Object.entries(counts).filter(([, v]) => v);
      if (!entries.length) throw new Error('campaignCountOp needs at least one count');
      const sk = shardSeed === undefined ? 'CAMPAIGN' : `COUNT#${Math.floor(shardSeed * COUNT_SHARDS) % COUNT_SHARDS}`;
      return {
        item: {
          Update: {
            TableName: '',
            Key: { pk: campaignPk(id), sk },
            UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, `${COUNT_PREFIX}${k}`])),
            ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])),
          },
        },
      };
    },

    /** A customer the campaign could not invite: the next run tries again (idempotent). */
    async markCampaignRetry(id: string, customerId: string, at: string): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...campaignRetryKey(id, customerId), type: 'survey-campaign-retry', campaignId: id, customerId, at },
        }),
      );
    },

    /** Up to `limit` customers waiting for a retry of their campaign invitation. */
    async campaignRetries(id: string, limit: number): Promise<string[]> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': campaignRetryKey(id, '').pk },
          ProjectionExpression: 'customerId',
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map((i) => String(i.customerId));
    },

    async clearCampaignRetry(id: string, customerId: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: campaignRetryKey(id, customerId) }));
    },

    /** A campaign with its counts summed over its items: one Query. */
    async campaign(id: string): Promise<{ campaign: SurveyCampaign; counts: CampaignCounts } | undefined> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': campaignPk(id) },
          ConsistentRead: true,
        }),
      );
      const items = res.Items ?? [];
      const main = items.find((i) => i.sk === 'CAMPAIGN' && i.id);
      if (!main) return undefined;
      const counts = emptyCounts();
      for (const item of items) {
        for (const [k, v] of Object.entries(item)) {
          const field = k.slice(COUNT_PREFIX.length) as keyof CampaignCounts;
          if (k.startsWith(COUNT_PREFIX) && typeof v === 'number' && field in counts) counts[field] += v;
        }
      }
      const campaign = Object.fromEntries(
        Object.entries(stripKeys<Record<string, unknown>>(main)).filter(([k]) => !k.startsWith(COUNT_PREFIX)),
      );
      return { campaign: campaign as unknown as SurveyCampaign, counts };
    },

    /** Campaigns, newest first. */
    async campaigns(limit: number, cursor?: string): Promise<Page<SurveyCampaign>> {
      const scope = 'SURVEY_CAMPAIGNS';
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': scope },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, scope),
        }),
      );
      const items = (res.Items ?? []).map(
        (i) =>
          Object.fromEntries(
            Object.entries(stripKeys<Record<string, unknown>>(i)).filter(([k]) => !k.startsWith(COUNT_PREFIX)),
          ) as unknown as SurveyCampaign,
      );
      return { items, cursor: encodeCursor(res.LastEvaluatedKey, scope) };
    },

    /**
     * Moves a campaign on (status, resume cursor, reminder rounds) with optional
     * counts, if it is still in `fromStatus` and — when `expectedCursor` is given
     * (null: none yet) — still at the cursor the caller started its page from.
     */
    async updateCampaign(
      id: string,
      fromStatus: SurveyCampaign['status'],
      set: Partial<Pick<SurveyCampaign, 'status' | 'cursor' | 'remindersDone'>>,
      at: string,
      counts: Partial<CampaignCounts> = {},
      expectedCursor?: string | null,
    ): Promise<boolean> {
      const names: Record<string, string> = { '#s': 'status' };
      const values: Record<string, unknown> = { ':from': fromStatus, ':at': at };
      let condition = '#s = :from';
      if (expectedCursor !== undefined) {
        names['#cur'] = 'cursor';
        if (expectedCursor === null) condition += ' AND attribute_not_exists(#cur)';
        else {
          values[':cur'] = expectedCursor;
          condition += ' AND #cur = :cur';
        }
      }
      const sets = ['updatedAt = :at'];
      const removes: string[] = [];
      for (const [k, v] of Object.entries(set)) {
        names[`#${k}`] = k;
        if (v === undefined) removes.push(`#${k}`);
        else {
          values[`:${k}`] = v;
          sets.push(`#${k} = :${k}`);
        }
      }
      const adds = Object.entries(counts)
        .filter(([, v]) => v)
        .map(([k, v], i) => {
          names[`#c${i}`] = `${COUNT_PREFIX}${k}`;
          values[`:c${i}`] = v;
          return `#c${i} :c${i}`;
        });
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: campaignKey(id),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}${adds.length ? ` ADD ${adds.join(', ')}` : ''}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
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
