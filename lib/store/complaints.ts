import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { stableHash } from '../domain/complaint-lifecycle';
import {
  type Complaint,
  type ComplaintCategory,
  type ComplaintStatus,
  type ComplaintTimelineEntry,
  isActive,
  type Severity,
} from '../domain/complaint-schemas';
import type { CorrectiveAction, RecurrenceKind } from '../domain/corrective-action';
import { ConflictError, VersionMismatchError } from '../domain/errors';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { deleteAll, type Key, stripKeys } from './item';
import { partitionKeys, queryAll } from './query';

/**
 * Complaint keys (see README.md). The complaint and its own timeline share the
 * partition CMP#<id>, so "a complaint with its history" is one Query. The
 * complaint item sits in sparse indexes:
 * - gsi1 by assignee, gsi2 by customer, gsi3 by status, gsi6 all — newest first;
 * - gsi5 `CMP_ACTIVE` by next deadline while active ("overdue" is one range);
 * - gsi4 `SLA_DUE#<shard>` by the time of the next SLA alert, only while one is
 *   pending, so the sweep reads due complaints and nothing else.
 * Recurrence counting uses small occurrence items per category / root cause,
 * sorted by time; corrective actions have their own items.
 */
export const SLA_SHARDS = 4;

const complaintKey = (id: string): Key => ({ pk: `CMP#${id}`, sk: 'COMPLAINT' });
const slaShard = (id: string) => stableHash(id) % SLA_SHARDS;
const byCreated = (c: Complaint) => `${c.createdAt}#${c.id}`;
const occurrencePk = (kind: RecurrenceKind, key: string) => `CMP_RECUR#${kind}#${key}`;
const correctiveKey = (id: string): Key => ({ pk: `CORRECTIVE#${id}`, sk: 'CORRECTIVE' });

/** The index attributes of a complaint; absent ones take the item out of that index. */
function indexAttributes(c: Complaint): Record<string, string> {
  return {
    gsi1pk: `CMP_ASSIGNEE#${c.assigneeId}`,
    gsi1sk: byCreated(c),
    gsi2pk: `CMP_CUSTOMER#${c.customerId}`,
    gsi2sk: byCreated(c),
    gsi3pk: `CMP_STATUS#${c.status}`,
    gsi3sk: byCreated(c),
    ...(c.nextAlert ? { gsi4pk: `SLA_DUE#${slaShard(c.id)}`, gsi4sk: `${c.nextAlert.at}#${c.id}` } : {}),
    ...(isActive(c.status) && c.nextDeadlineAt ? { gsi5pk: 'CMP_ACTIVE', gsi5sk: `${c.nextDeadlineAt}#${c.id}` } : {}),
    gsi6pk: 'CMP_ALL',
    gsi6sk: byCreated(c),
  };
}

/** The Slack message reference is written beside the transitions, never by them. */
const NOT_DIFFED = new Set(['slackMessage', 'version']);

export class ComplaintExistsError extends ConflictError {
  constructor(readonly existing?: Complaint) {
    super(`complaint ${existing?.id ?? ''} already exists`, { id: existing?.id }, 'error.already_done');
  }
}

export class CorrectiveActionExistsError extends ConflictError {
  constructor(id: string) {
    super(`corrective action ${id} is already open`, { id }, 'error.already_done');
  }
}

export interface ComplaintFilter {
  /** a status, or every active one */
  status?: ComplaintStatus | 'active';
  severity?: Severity;
  category?: ComplaintCategory;
  assigneeId?: string;
  customerId?: string;
  /** active complaints whose next deadline is before this ISO instant */
  overdueBefore?: string;
  /** ISO instants: createdAt ≥ from, < before */
  createdFrom?: string;
  createdBefore?: string;
}

export function createComplaintRepo(db: Db) {
  return {
    /** The stored item (keys and all): for createOp and for bulk loads with BatchWriteItem. */
    itemOf(c: Complaint): Record<string, unknown> {
      return { ...complaintKey(c.id), type: 'complaint', ...indexAttributes(c), ...c };
    },

    createOp(c: Complaint): WriteOp {
      return {
        item: { Put: { TableName: '', Item: this.itemOf(c), ConditionExpression: 'attribute_not_exists(pk)' } },
        onConditionFailed: (existing) => new ComplaintExistsError(existing?.id ? stripKeys<Complaint>(existing) : undefined),
      };
    },

    /**
     * Writes what changed between two versions (SET / REMOVE per attribute and
     * index key) if the stored complaint is still at `before.version`. An
     * update rather than a put, so the Slack message reference written beside
     * it is never lost.
     */
    updateOp(before: Complaint, after: Complaint): WriteOp {
      const b: Record<string, unknown> = { ...before, ...indexAttributes(before) };
      const a: Record<string, unknown> = { ...after, ...indexAttributes(after) };
      const names: Record<string, string> = { '#version': 'version' };
      const values: Record<string, unknown> = { ':expected': before.version, ':version': after.version };
      const sets = ['#version = :version'];
      const removes: string[] = [];
      let i = 0;
      for (const attr of new Set([...Object.keys(b), ...Object.keys(a)])) {
        if (NOT_DIFFED.has(attr) || JSON.stringify(b[attr]) === JSON.stringify(a[attr])) continue;
        const n = `#a${i}`;
        names[n] = attr;
        if (a[attr] === undefined) removes.push(n);
        else {
          values[`:a${i}`] = a[attr];
          sets.push(`${n} = :a${i}`);
        }
        i++;
      }
      return {
        item: {
          Update: {
            TableName: '',
            Key: complaintKey(before.id),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        onConditionFailed: () => new VersionMismatchError('complaint', before.id, before.version),
      };
    },

    timelineOp(entry: ComplaintTimelineEntry): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: { pk: `CMP#${entry.complaintId}`, sk: `TL#${entry.at}#${entry.id}`, type: 'complaint-timeline', ...entry },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },

    async get(id: string): Promise<Complaint | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: complaintKey(id), ConsistentRead: true }));
      return res.Item ? stripKeys<Complaint>(res.Item) : undefined;
    },

    /** The complaint and its own timeline, oldest entry first: one Query on its partition. */
    async withTimeline(id: string): Promise<{ complaint?: Complaint; timeline: ComplaintTimelineEntry[] }> {
      let complaint: Complaint | undefined;
      const timeline: ComplaintTimelineEntry[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `CMP#${id}` },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of res.Items ?? []) {
          if (item.sk === 'COMPLAINT') complaint = stripKeys<Complaint>(item);
          else timeline.push(stripKeys<ComplaintTimelineEntry>(item));
        }
        start = res.LastEvaluatedKey;
      } while (start);
      return { complaint, timeline };
    },

    /** Complaints whose next SLA alert is due at `now`: one Query per shard, reading only due items. */
    async dueForAlert(now: Date, limit: number): Promise<Complaint[]> {
      const bound = `${now.toISOString()}#~`;
      const perShard = await Promise.all(
        Array.from({ length: SLA_SHARDS }, async (_, shard) => {
          const out: Complaint[] = [];
          let start: Record<string, unknown> | undefined;
          do {
            const res = await db.doc.send(
              new QueryCommand({
                TableName: db.tableName,
                IndexName: 'gsi4',
                KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk <= :bound',
                ExpressionAttributeValues: { ':pk': `SLA_DUE#${shard}`, ':bound': bound },
                Limit: limit - out.length,
                ExclusiveStartKey: start,
              }),
            );
            out.push(...(res.Items ?? []).map((i) => stripKeys<Complaint>(i)));
            start = res.LastEvaluatedKey;
          } while (start && out.length < limit);
          return out;
        }),
      );
      return perShard
        .flat()
        .sort((a, b) => (a.nextAlert?.at ?? '').localeCompare(b.nextAlert?.at ?? ''))
        .slice(0, limit);
    },

    /** One page of complaints: the most selective index for the filter, the rest filtered on the page read. */
    async list(filter: ComplaintFilter, limit: number, cursor?: string): Promise<Page<Complaint>> {
      const status = filter.status;
      const byDeadline = Boolean(filter.overdueBefore) || (status === 'active' && !filter.customerId && !filter.assigneeId);
      const [index, pk] = byDeadline
        ? (['gsi5', 'CMP_ACTIVE'] as const)
        : filter.customerId
          ? (['gsi2', `CMP_CUSTOMER#${filter.customerId}`] as const)
          : filter.assigneeId
            ? (['gsi1', `CMP_ASSIGNEE#${filter.assigneeId}`] as const)
            : status && status !== 'active'
              ? (['gsi3', `CMP_STATUS#${status}`] as const)
              : (['gsi6', 'CMP_ALL'] as const);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':pk': pk };
      const conditions: string[] = [];
      const where = (attr: string, op: string, value: unknown) => {
        const n = `#f${conditions.length}`;
        names[n] = attr;
        values[`:f${conditions.length}`] = value;
        conditions.push(`${n} ${op} :f${conditions.length}`);
      };
      let keyCondition = `${index}pk = :pk`;
      if (byDeadline) {
        if (filter.overdueBefore) {
          keyCondition += ` AND ${index}sk < :before`;
          values[':before'] = filter.overdueBefore;
        }
        if (filter.createdFrom) where('createdAt', '>=', filter.createdFrom);
        if (filter.createdBefore) where('createdAt', '<', filter.createdBefore);
      } else if (filter.createdFrom || filter.createdBefore) {
        keyCondition += ` AND ${index}sk BETWEEN :lo AND :hi`;
        values[':lo'] = filter.createdFrom ?? '0000';
        values[':hi'] = filter.createdBefore ? `${new Date(Date.parse(filter.createdBefore) - 1).toISOString()}~` : '9999';
      }
      if (status && status !== 'active' && index !== 'gsi3') where('status', '=', status);
      if (status === 'active' && index !== 'gsi5') {
        names['#st'] = 'status';
        Object.assign(values, { ':s0': 'open', ':s1': 'acknowledged', ':s2': 'investigating', ':s3': 'reopened' });
        conditions.push('#st IN (:s0, :s1, :s2, :s3)');
      }
      if (filter.customerId && index !== 'gsi2') where('customerId', '=', filter.customerId);
      if (filter.assigneeId && index !== 'gsi1') where('assigneeId', '=', filter.assigneeId);
      if (filter.severity) where('severity', '=', filter.severity);
      if (filter.category) where('category', '=', filter.category);
      const scope = `${index}|${keyCondition}|${JSON.stringify(values)}`;
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: index,
          KeyConditionExpression: keyCondition,
          FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
          ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
          ExpressionAttributeValues: values,
          // Newest first, except deadline order, where the most urgent comes first.
          ScanIndexForward: byDeadline,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, scope),
        }),
      );
      return { items: (res.Items ?? []).map((i) => stripKeys<Complaint>(i)), cursor: encodeCursor(res.LastEvaluatedKey, scope) };
    },

    /** Every complaint of a customer (export, erase). */
    async ofCustomer(customerId: string): Promise<Complaint[]> {
      return queryAll<Complaint>(db, {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': `CMP_CUSTOMER#${customerId}` },
      });
    },

    /** Deletes a complaint's partition: the complaint and its timeline (erasure). */
    async erase(id: string): Promise<void> {
      await deleteAll(db, await partitionKeys(db, `CMP#${id}`));
    },

    // ── recurrence and corrective actions ──

    /** One occurrence of a category or root cause, written in the complaint's own transaction. */
    occurrenceOp(kind: RecurrenceKind, key: string, at: string, complaintId: string): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: { pk: occurrencePk(kind, key), sk: `${at}#${complaintId}`, type: 'complaint-occurrence', complaintId, at },
          },
        },
      };
    },

    /**
     * Deletes of every occurrence a complaint wrote (its category on open, each
     * root cause on resolve) up to `to`: one Query per partition, bounded by the
     * complaint's own lifetime.
     */
    async occurrenceDeleteOps(c: Complaint, to: string): Promise<WriteOp[]> {
      const kinds: Array<[RecurrenceKind, string]> = [
        ['category', c.category],
        ...(c.resolution ? [['root-cause', c.resolution.rootCauseKey] as [RecurrenceKind, string]] : []),
      ];
      const found = await Promise.all(
        kinds.map(async ([kind, key]) => {
          const pk = occurrencePk(kind, key);
          const items = await queryAll<{ at: string }>(db, {
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            FilterExpression: 'complaintId = :id',
            ExpressionAttributeValues: { ':pk': pk, ':from': c.createdAt, ':to': `${to}#~`, ':id': c.id },
            ProjectionExpression: '#at',
            ExpressionAttributeNames: { '#at': 'at' },
          });
          return items.map(({ at }) => ({ pk, sk: `${at}#${c.id}` }));
        }),
      );
      return found.flat().map((Key) => ({ item: { Delete: { TableName: '', Key } } }));
    },

    /** How many occurrences fall in [from, to]: Select COUNT over a key range, no item comes back. */
    async countOccurrences(kind: RecurrenceKind, key: string, from: string, to: string): Promise<number> {
      let count = 0;
      let start: Record<string, unknown> | undefined;
      do {
        const res = await db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': occurrencePk(kind, key), ':from': from, ':to': `${to}#~` },
            Select: 'COUNT',
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        count += res.Count ?? 0;
        start = res.LastEvaluatedKey;
      } while (start);
      return count;
    },

    async occurrenceIds(kind: RecurrenceKind, key: string, from: string, to: string): Promise<string[]> {
      const items = await queryAll<{ complaintId: string }>(db, {
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': occurrencePk(kind, key), ':from': from, ':to': `${to}#~` },
        ProjectionExpression: 'complaintId',
      });
      return items.map((i) => i.complaintId);
    },

    /** Opens a corrective action once: the id is deterministic and the put refuses a second one. */
    correctiveOp(action: CorrectiveAction): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: {
              ...correctiveKey(action.id),
              type: 'corrective-action',
              gsi1pk: 'CORRECTIVE',
              gsi1sk: `${action.openedAt}#${action.id}`,
              ...action,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new CorrectiveActionExistsError(action.id),
      };
    },

    async getCorrective(id: string): Promise<CorrectiveAction | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: correctiveKey(id) }));
      return res.Item ? stripKeys<CorrectiveAction>(res.Item) : undefined;
    },

    /** Corrective actions, newest first. */
    async listCorrective(filter: { kind?: RecurrenceKind }, limit: number, cursor?: string): Promise<Page<CorrectiveAction>> {
      const scope = `CORRECTIVE|${filter.kind ?? ''}`;
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          FilterExpression: filter.kind ? 'kind = :kind' : undefined,
          ExpressionAttributeValues: { ':pk': 'CORRECTIVE', ...(filter.kind ? { ':kind': filter.kind } : {}) },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, scope),
        }),
      );
      return { items: (res.Items ?? []).map((i) => stripKeys<CorrectiveAction>(i)), cursor: encodeCursor(res.LastEvaluatedKey, scope) };
    },
  };
}

export type ComplaintRepo = ReturnType<typeof createComplaintRepo>;
