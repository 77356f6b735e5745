import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, VersionMismatchError } from '../domain/errors';
import { npsCategory, type SurveyInvitation, type SurveyResponse, type SurveyTemplate, SurveyUnavailableError } from '../domain/survey';
import { type CampaignCounts, emptyCounts, type SurveyCampaign } from '../domain/survey-campaign';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { type Key, stripKeys } from './item';
import { queryAll } from './query';

/**
 * Survey keys (see README.md). An invitation and its response share the
 * partition SURVEY_INV#<id>; a link is found only through the SHA-256 of its
 * token (SURVEY_TOKEN#<hash>, TTL), never the token itself. Responses sit in a
 * month-partitioned time index so results read a date range with Query.
 */
const templateKey = (id: string): Key => ({ pk: `SURVEY_TPL#${id}`, sk: 'TEMPLATE' });
const invitationKey = (id: string): Key => ({ pk: `SURVEY_INV#${id}`, sk: 'INVITATION' });
const responseKey = (id: string): Key => ({ pk: `SURVEY_INV#${id}`, sk: 'RESPONSE' });
const tokenKey = (hash: string): Key => ({ pk: `SURVEY_TOKEN#${hash}`, sk: 'TOKEN' });
const campaignPk = (id: string) => `SURVEY_CAMPAIGN#${id}`;
const campaignKey = (id: string): Key => ({ pk: campaignPk(id), sk: 'CAMPAIGN' });
/** Customers whose invitation failed, in a partition of their own so the counts Query never reads them. */
const campaignRetryKey = (id: string, customerId: string): Key => ({ pk: `SURVEY_CAMPAIGN_RETRY#${id}`, sk: `CUST#${customerId}` });
const rateKey = (scope: string, subject: string, window: number): Key => ({ pk: `RATE#${scope}#${subject}#${window}`, sk: 'RATE' });

/** UTC month of an ISO instant: the partition of the response time index. */
const monthOf = (iso: string) => iso.slice(0, 7);
const RESPONSES_BY_MONTH = (month: string) => `SURVEY_RESP#${month}`;
const DETRACTORS_BY_MONTH = (month: string) => `SURVEY_DETRACTOR#${month}`;

/** Months (YYYY-MM) from the one holding `from` to the one holding `to`, oldest first. */
function monthsBetween(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  let [y, m] = fromIso.slice(0, 7).split('-').map(Number) as [number, number];
  const last = toIso.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** Campaign counts are `n_<field>` attributes ADDed on the campaign item and on a few shards. */
const COUNT_SHARDS = 4;
const COUNT_PREFIX = 'n_';

export function createSurveyRepo(db: Db) {
  const get = async (key: Key) => (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item;

  return {
    // ── Templates ────────────────────────────────────────────────────────────
    async template(id: string): Promise<SurveyTemplate | undefined> {
      const item = await get(templateKey(id));
      return item ? stripKeys<SurveyTemplate>(item) : undefined;
    },

    async templates(): Promise<SurveyTemplate[]> {
      return queryAll<SurveyTemplate>(db, {
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SURVEY_TEMPLATES' },
      });
    },

    /** Create (`expectedVersion` undefined: must not exist) or replace at `expectedVersion`. */
    templatePutOp(tpl: SurveyTemplate, expectedVersion?: number): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: { ...templateKey(tpl.id), type: 'survey-template', gsi1pk: 'SURVEY_TEMPLATES', gsi1sk: tpl.id, ...tpl },
            ConditionExpression: expectedVersion === undefined ? 'attribute_not_exists(pk)' : 'attribute_not_exists(pk) OR version = :v',
            ExpressionAttributeValues: expectedVersion === undefined ? undefined : { ':v': expectedVersion },
          },
        },
        onConditionFailed: () =>
          expectedVersion === undefined
            ? new ConflictError(`survey template ${tpl.id} already exists`, { id: tpl.id })
            : new VersionMismatchError('survey template', tpl.id, expectedVersion),
      };
    },

    // ── Invitations and links ────────────────────────────────────────────────
    /** The invitation, once per id (ids come from the trigger's claim key). */
    invitationCreateOp(inv: SurveyInvitation): WriteOp {
      const pending =
        inv.campaignId && inv.status !== 'answered'
          ? { gsi3pk: `SURVEY_PENDING#${inv.campaignId}`, gsi3sk: `${inv.ownerId}#${inv.id}` }
          : {};
      return {
        item: {
          Put: {
            TableName: '',
            Item: {
              ...invitationKey(inv.id),
              type: 'survey-invitation',
              gsi2pk: `SURVEY_CUSTOMER#${inv.customerId}`,
              gsi2sk: `${inv.sentAt}#${inv.id}`,
              ...pending,
              ...inv,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: (existing) =>
          new ConflictError('This customer already has this survey', { invitationId: existing?.id ?? inv.id }, 'survey.error.already_sent'),
      };
    },

    /** A link: only the token's hash is stored; DynamoDB deletes it after expiry (checked in code too). */
    tokenPutOp(hash: string, invitationId: string, expiresOn: string): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: { ...tokenKey(hash), type: 'survey-token', invitationId, expiresOn, expiresAt: epochSeconds(expiresOn) },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },

    async token(hash: string): Promise<{ invitationId: string; expiresOn: string } | undefined> {
      const item = await get(tokenKey(hash));
      return item ? { invitationId: String(item.invitationId), expiresOn: String(item.expiresOn) } : undefined;
    },

    async invitation(id: string): Promise<SurveyInvitation | undefined> {
      const item = await get(invitationKey(id));
      return item ? stripKeys<SurveyInvitation>(item) : undefined;
    },

    async response(invitationId: string): Promise<SurveyResponse | undefined> {
      const item = await get(responseKey(invitationId));
      return item ? stripKeys<SurveyResponse>(item) : undefined;
    },

    /** First view of the page; a no-op when it was opened (or answered) before. */
    async markOpened(id: string, at: string): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: invitationKey(id),
            UpdateExpression: 'SET #s = :opened, openedAt = :at',
            ConditionExpression: '#s = :sent',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':opened': 'opened', ':sent': 'sent', ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Withdraws an unanswered invitation (its occasion went away, or the
     * customer opted out): it expires now, so every link to it shows the
     * expired page and no answer is accepted. False if already answered or gone.
     */
    async withdrawInvitation(id: string, at: string): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: invitationKey(id),
            UpdateExpression: 'SET expiresOn = :at, withdrawnAt = :at REMOVE gsi3pk, gsi3sk',
            ConditionExpression: '#s IN (:sent, :opened) AND expiresOn > :at',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':sent': 'sent', ':opened': 'opened', ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * The one response an invitation accepts: the invitation moves to
     * "answered" only from sent/opened and before expiry, in the same
     * transaction as the response, so concurrent submissions yield one winner.
     */
    answerOps(inv: SurveyInvitation, response: SurveyResponse): WriteOp[] {
      const month = monthOf(response.answeredAt);
      const detractor = response.scores.nps !== undefined && npsCategory(response.scores.nps) === 'detractor';
      const indexSk = `${response.answeredAt}#${inv.id}`;
      return [
        {
          item: {
            Update: {
              TableName: '',
              Key: invitationKey(inv.id),
              UpdateExpression: 'SET #s = :answered, answeredAt = :at REMOVE gsi3pk, gsi3sk',
              ConditionExpression: '#s IN (:sent, :opened) AND expiresOn > :at',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':answered': 'answered', ':sent': 'sent', ':opened': 'opened', ':at': response.answeredAt },
            },
          },
          onConditionFailed: () => new SurveyUnavailableError(),
        },
        {
          item: {
            Put: {
              TableName: '',
              Item: {
                ...responseKey(inv.id),
                type: 'survey-response',
                gsi5pk: RESPONSES_BY_MONTH(month),
                gsi5sk: indexSk,
                ...(detractor ? { gsi4pk: DETRACTORS_BY_MONTH(month), gsi4sk: indexSk } : {}),
                ...response,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          onConditionFailed: () => new SurveyUnavailableError(),
        },
      ];
    },

    /** Reminder round `round`: a fresh link for an unanswered invitation, once per round. */
    reminderOps(inv: SurveyInvitation, hash: string, round: number, at: string): WriteOp[] {
      return [
        {
          item: {
            Update: {
              TableName: '',
              Key: invitationKey(inv.id),
              UpdateExpression: 'SET remindersSent = :n, tokenHashes = list_append(tokenHashes, :h)',
              ConditionExpression: '#s IN (:sent, :opened) AND remindersSent < :n AND expiresOn > :at',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':n': round, ':h': [hash], ':sent': 'sent', ':opened': 'opened', ':at': at },
            },
          },
          onConditionFailed: () => new ConflictError('already reminded or answered', { invitationId: inv.id }, 'error.already_done'),
        },
        this.tokenPutOp(hash, inv.id, inv.expiresOn),
      ];
    },

    /** A customer's invitations, newest first (export, erasure, the customer card). */
    async invitationsOfCustomer(customerId: string, limit?: number): Promise<SurveyInvitation[]> {
      const input = {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `SURVEY_CUSTOMER#${customerId}` },
        ScanIndexForward: false,
      };
      if (limit === undefined) return queryAll<SurveyInvitation>(db, input);
      const res = await db.doc.send(new QueryCommand({ ...input, TableName: db.tableName, Limit: limit }));
      return (res.Items ?? []).map((i) => stripKeys<SurveyInvitation>(i));
    },

    /** Every item of a customer's invitations: invitation, response and each link. */
    /** Deletes an invitation only if it is still there, so counter corrections made with it happen once. */
    invitationEraseOp(id: string): WriteOp {
      return {
        item: { Delete: { TableName: '', Key: invitationKey(id), ConditionExpression: 'attribute_exists(pk)' } },
        onConditionFailed: () => new ConflictError(`survey invitation ${id} already erased`, { id }),
      };
    },

    /** What hangs off an invitation (its response and link tokens), without the invitation itself. */
    linkedKeysOfInvitation(inv: SurveyInvitation): Key[] {
      return [responseKey(inv.id), ...inv.tokenHashes.map(tokenKey)];
    },

    /** Unanswered invitations of a campaign, grouped by owner (sparse index: answered ones leave it). */
    async pendingOfCampaign(campaignId: string, limit: number, cursor?: string): Promise<Page<SurveyInvitation>> {
      const scope = `SURVEY_PENDING#${campaignId}`;
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi3',
          KeyConditionExpression: 'gsi3pk = :pk',
          ExpressionAttributeValues: { ':pk': scope },
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, scope),
        }),
      );
      return { items: (res.Items ?? []).map((i) => stripKeys<SurveyInvitation>(i)), cursor: encodeCursor(res.LastEvaluatedKey, scope) };
    },

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

export type SurveyRepo = ReturnType<typeof createSurveyRepo>;
