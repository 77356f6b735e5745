import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors';
import { npsCategory, type SurveyInvitation, type SurveyResponse, SurveyUnavailableError } from '../domain/survey';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { deleteAll, type Key, stripKeys } from './item';
import { queryAll } from './query';
import {
  DETRACTORS_BY_MONTH,
  epochSeconds,
  invitationKey,
  isConditionFailure,
  monthOf,
  RESPONSES_BY_MONTH,
  responseKey,
  tokenKey,
} from './survey-keys';

/** Survey invitations, their links and their one answer (see README.md, Surveys). */
export function createSurveyInvitationRepo(db: Db) {
  const get = async (key: Key) => (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item;

  return {
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

    /** Deletes what hangs off invitations (their responses and link tokens), not the invitations themselves. */
    async eraseLinkedItems(invitations: SurveyInvitation[]): Promise<void> {
      await deleteAll(
        db,
        invitations.flatMap((inv) => [responseKey(inv.id), ...inv.tokenHashes.map(tokenKey)]),
      );
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
  };
}
