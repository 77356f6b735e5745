import { GetCommand, QueryCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Day } from '../domain/calendar';
import type { BirthdayEntry, CareSchedulePlan } from '../domain/care';
import {
  type CareGroup,
  type CareProfile,
  CareScheduleMovedError,
  type CareTask,
  CareTaskExistsError,
  type CareTaskKind,
  careGroupOf,
  isOpen,
  type TaskStatus,
} from '../domain/care-model';
import { stableHash } from '../domain/complaint-lifecycle';
import { VersionMismatchError } from '../domain/errors';
import type { LunarBirthday } from '../domain/festivals';
import { asBulkItems, type BulkItem } from './bulk';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { deleteAll, type Key, stripKeys } from './item';
import { partitionKeys, queryAll as queryAllPages } from './query';

/**
 * Care keys (see README.md). Two kinds of items:
 * - the care schedule: a few small items per customer in `CARE#<customerId>`
 *   that put the customer in due indexes (birthdays by month-day, lunar
 *   birthdays by date, next return visit, dormancy deadline, key-account
 *   contact), each carrying a copy of the profile fields a sweep needs, so
 *   care-daily reads what is due and nothing else;
 * - tasks: `TASK#<id>`, listed by open-assignee, status, customer, assignee and
 *   by the day they are next shown to their assignee.
 */
const schedulePk = (customerId: string) => `CARE#${customerId}`;
const taskKey = (id: string): Key => ({ pk: `TASK#${id}`, sk: 'TASK' });

export type CareQueue = 'visit' | 'dormancy' | 'key-contact';
const queueSk: Record<CareQueue, string> = { visit: 'NEXT_VISIT', dormancy: 'DORMANT', 'key-contact': 'KEY_CONTACT' };
const queuePrefix: Record<CareQueue, string> = { visit: 'VISIT_DUE', dormancy: 'DORMANT_DUE', 'key-contact': 'CARE_KEYACCT_DUE' };
/**
 * Queue entries sit in a few shard partitions sorted by due day, so a sweep
 * reads "due on or before today" — everything overdue after an import of old
 * customers or a missed run — and nothing else. A handled entry moves past
 * today (or is deleted), so it is read once.
 */
export const QUEUE_SHARDS = 4;
const queuePk = (queue: CareQueue, customerId: string) => `${queuePrefix[queue]}#${stableHash(customerId) % QUEUE_SHARDS}`;
const queueSortKey = (due: Day, customerId: string) => `${due}#${customerId}`;

/** A schedule item as a sweep reads it. */
export interface ScheduleEntry extends CareProfile {
  entry: 'birthday' | 'lunar-birthday' | 'birthday-soon' | CareQueue;
  who?: string;
  contactName?: string;
  due?: Day;
  /** birthday-soon: the birthday itself */
  date?: Day;
  monthDay?: string;
  slot?: 0 | 1;
  lunarYear?: number;
  lunarBirthday?: LunarBirthday;
}

const profileAttrs = (p: CareProfile) => ({
  customerId: p.customerId,
  customerName: p.customerName,
  ownerId: p.ownerId,
  tier: p.tier,
  keyAccount: p.keyAccount,
});
const birthdaySk = (group: CareGroup, customerId: string, who: string) => `${group}#${customerId}#${who}`;

const put = (Item: Record<string, unknown>): WriteOp => ({ item: { Put: { TableName: '', Item } } });
const del = (pk: string, sk: string): WriteOp => ({ item: { Delete: { TableName: '', Key: { pk, sk } } } });

/** `fresh`: the person is new, nothing can be stored yet, so nothing is removed. */
function birthdayOps(p: CareProfile, who: string, entry: BirthdayEntry | undefined, fresh = false): WriteOp[] {
  const pk = schedulePk(p.customerId);
  const group = careGroupOf(p);
  const named = entry?.contactName ? { contactName: entry.contactName } : {};
  const ops: WriteOp[] = [];
  if (entry?.monthDay) {
    ops.push(
      put({
        pk,
        sk: `BDAY#${who}`,
        type: 'care-schedule',
        entry: 'birthday',
        ...profileAttrs(p),
        who,
        ...named,
        monthDay: entry.monthDay,
        gsi4pk: `BDAY#${entry.monthDay}`,
        gsi4sk: birthdaySk(group, p.customerId, who),
      }),
    );
  } else if (!fresh) ops.push(del(pk, `BDAY#${who}`));
  for (const slot of [0, 1] as const) {
    const o = entry?.lunar?.find((l) => l.slot === slot);
    if (o) {
      ops.push(
        put({
          pk,
          sk: `LUNAR#${who}#${slot}`,
          type: 'care-schedule',
          entry: 'lunar-birthday',
          ...profileAttrs(p),
          who,
          ...named,
          slot,
          lunarYear: o.lunarYear,
          lunarBirthday: o.birthday,
          due: o.date,
          gsi4pk: `BDAY#${o.date}`,
          gsi4sk: birthdaySk(group, p.customerId, who),
        }),
      );
    } else if (!fresh) ops.push(del(pk, `LUNAR#${who}#${slot}`));
  }
  if (entry?.soon) {
    const { date, since, lunar } = entry.soon;
    ops.push(
      put({
        pk,
        sk: `BDAY_SOON#${who}`,
        type: 'care-schedule',
        entry: 'birthday-soon',
        ...profileAttrs(p),
        who,
        ...named,
        date,
        due: since,
        ...(lunar ? { slot: lunar.slot, lunarYear: lunar.lunarYear, lunarBirthday: lunar.birthday } : {}),
        gsi5pk: `BDAY_SOON#${stableHash(p.customerId) % QUEUE_SHARDS}`,
        gsi5sk: `${since}#${p.customerId}#${who}`,
      }),
    );
  } else if (!fresh) ops.push(del(pk, `BDAY_SOON#${who}`));
  return ops;
}

/**
 * A queue entry. Without `force`, a date already stored wins (the sweep or a
 * contact moved it) and only the profile copy is refreshed.
 */
function queueOp(p: CareProfile, queue: CareQueue, due: Day, force: boolean): WriteOp {
  const keep = (attr: string, value: string) => (force ? value : `if_not_exists(${attr}, ${value})`);
  return {
    item: {
      Update: {
        TableName: '',
        Key: { pk: schedulePk(p.customerId), sk: queueSk[queue] },
        UpdateExpression:
          `SET #type = :type, entry = :entry, customerId = :cid, customerName = :name, ownerId = :owner, tier = :tier, keyAccount = :key, ` +
          `due = ${keep('due', ':due')}, gsi5pk = :gpk, gsi5sk = ${keep('gsi5sk', ':gsk')}`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'care-schedule',
          ':entry': queue,
          ':cid': p.customerId,
          ':name': p.customerName,
          ':owner': p.ownerId,
          ':tier': p.tier,
          ':key': p.keyAccount,
          ':due': due,
          ':gpk': queuePk(queue, p.customerId),
          ':gsk': queueSortKey(due, p.customerId),
        },
      },
    },
  };
}

export interface TaskFilter {
  assigneeId?: string;
  status?: TaskStatus;
  kind?: CareTaskKind;
  customerId?: string;
  dueFrom?: Day;
  dueTo?: Day;
  /** pending or snoozed (with assigneeId: the open-tasks index, which holds no closed task) */
  openOnly?: boolean;
}

function taskItem(t: CareTask): Record<string, unknown> {
  const sk = `${t.dueDate}#${t.id}`;
  const open = isOpen(t);
  return {
    ...taskKey(t.id),
    type: 'care-task',
    ...(open ? { gsi1pk: `TASK_OPEN#${t.assigneeId}`, gsi1sk: sk } : {}),
    gsi2pk: `TASK_STATUS#${t.status}`,
    gsi2sk: sk,
    gsi3pk: `TASK_CUSTOMER#${t.customerId}`,
    gsi3sk: sk,
    gsi4pk: `TASK_ASSIGNEE#${t.assigneeId}`,
    gsi4sk: sk,
    ...(open && t.remindOn ? { gsi5pk: `TASK_DUE#${t.remindOn}`, gsi5sk: `${t.assigneeId}#${t.id}` } : {}),
    ...t,
  };
}

export function createCareRepo(db: Db) {
  const queryAll = <T>(input: Omit<QueryCommandInput, 'TableName'>) => queryAllPages<T>(db, input);

  return {
    // ── care schedule ──

    /**
     * Every schedule item of a customer's own care, written or removed to match
     * the plan; joins the customer's transaction. `fresh` (a new customer):
     * nothing can be stored yet, so nothing is removed.
     */
    scheduleOps(plan: CareSchedulePlan, fresh = false): WriteOp[] {
      const p = plan.profile;
      const pk = schedulePk(p.customerId);
      const ops = birthdayOps(
        p,
        'self',
        plan.birthdays.find((b) => b.who === 'self'),
        fresh,
      );
      const queue = (q: CareQueue, entry: { due: Day; force?: boolean } | undefined) => {
        if (entry) ops.push(queueOp(p, q, entry.due, entry.force ?? true));
        else if (!fresh) ops.push(del(pk, queueSk[q]));
      };
      queue('visit', plan.visit);
      queue('dormancy', plan.dormancy);
      queue('key-contact', plan.keyContact);
      return ops;
    },

    /** A contact person's birthday entries (removed when `entry` is undefined, unless the contact is new). */
    contactScheduleOps(p: CareProfile, contactId: string, entry: BirthdayEntry | undefined, fresh = false): WriteOp[] {
      return birthdayOps(p, contactId, entry, fresh);
    },

    /**
     * The items of a plan as plain puts, for bulk loads (BatchWriteItem in
     * imports and benchmarks). Unlike scheduleOps, stored dates are overwritten.
     */
    scheduleItems(plan: CareSchedulePlan): BulkItem[] {
      const p = plan.profile;
      const ops = [
        ...birthdayOps(
          p,
          'self',
          plan.birthdays.find((b) => b.who === 'self'),
          true,
        ),
        ...(plan.visit ? [queueOp(p, 'visit', plan.visit.due, true)] : []),
        ...(plan.dormancy ? [queueOp(p, 'dormancy', plan.dormancy.due, true)] : []),
        ...(plan.keyContact ? [queueOp(p, 'key-contact', plan.keyContact.due, true)] : []),
      ];
      const items = ops.flatMap(({ item }): Array<Record<string, unknown>> => {
        if (item.Put) return [item.Put.Item as Record<string, unknown>];
        if (!item.Update) return [];
        const v = item.Update.ExpressionAttributeValues as Record<string, unknown>;
        return [
          {
            ...item.Update.Key,
            type: v[':type'],
            entry: v[':entry'],
            customerId: v[':cid'],
            customerName: v[':name'],
            ownerId: v[':owner'],
            tier: v[':tier'],
            keyAccount: v[':key'],
            due: v[':due'],
            gsi5pk: v[':gpk'],
            gsi5sk: v[':gsk'],
          },
        ];
      });
      return asBulkItems(items);
    },

    /** Birthdays of one care group on a key: `MM-DD` (solar) or `YYYY-MM-DD` (lunar, stored as solar dates). */
    async birthdaysOn(key: string, group: CareGroup): Promise<ScheduleEntry[]> {
      return queryAll<ScheduleEntry>({
        IndexName: 'gsi4',
        KeyConditionExpression: 'gsi4pk = :pk AND begins_with(gsi4sk, :g)',
        ExpressionAttributeValues: { ':pk': `BDAY#${key}`, ':g': `${group}#` },
      });
    },

    /** Queue entries due on or before a day and not yet handled (return visits, dormancy deadlines, key-account contacts). */
    async dueBy(queue: CareQueue, day: Day): Promise<ScheduleEntry[]> {
      const shards = await Promise.all(
        Array.from({ length: QUEUE_SHARDS }, (_, shard) =>
          queryAll<ScheduleEntry>({
            IndexName: 'gsi5',
            KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk <= :last',
            ExpressionAttributeValues: { ':pk': `${queuePrefix[queue]}#${shard}`, ':last': `${day}#~` },
          }),
        ),
      );
      return shards.flat();
    },

    /** Birthdays that entered their lead window before their lead-day read (catch-up entries) since a day or earlier. */
    async soonBirthdaysBy(day: Day): Promise<ScheduleEntry[]> {
      const shards = await Promise.all(
        Array.from({ length: QUEUE_SHARDS }, (_, shard) =>
          queryAll<ScheduleEntry>({
            IndexName: 'gsi5',
            KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk <= :last',
            ExpressionAttributeValues: { ':pk': `BDAY_SOON#${shard}`, ':last': `${day}#~` },
          }),
        ),
      );
      return shards.flat();
    },

    /** A handled catch-up birthday entry goes (only the one read: a newer one written meanwhile stays). */
    soonHandledOp(entry: ScheduleEntry): WriteOp {
      return {
        item: {
          Delete: {
            TableName: '',
            Key: { pk: schedulePk(entry.customerId), sk: `BDAY_SOON#${entry.who}` },
            ConditionExpression: '#date = :d',
            ExpressionAttributeNames: { '#date': 'date' },
            ExpressionAttributeValues: { ':d': entry.date },
          },
        },
        onConditionFailed: () => new CareScheduleMovedError(entry.customerId),
      };
    },

    /** The day through which care-daily has read the birthday indexes (missed runs are caught up from it). */
    async birthdaysSweptThrough(): Promise<Day | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'CARE_SWEEP', sk: 'BIRTHDAYS' } }));
      return res.Item?.through as Day | undefined;
    },

    async markBirthdaysSwept(day: Day): Promise<void> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: { pk: 'CARE_SWEEP', sk: 'BIRTHDAYS' },
            UpdateExpression: 'SET through = :d',
            ConditionExpression: 'attribute_not_exists(through) OR through < :d',
            ExpressionAttributeValues: { ':d': day },
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    },

    /** Moves a queue entry the sweep just handled; fails (cancelling its transaction) if it moved meanwhile. */
    advanceOp(entry: ScheduleEntry, queue: CareQueue, next: Day | undefined): WriteOp {
      const Key = { pk: schedulePk(entry.customerId), sk: queueSk[queue] };
      const onConditionFailed = () => new CareScheduleMovedError(entry.customerId);
      if (!next) {
        return {
          item: { Delete: { TableName: '', Key, ConditionExpression: 'due = :was', ExpressionAttributeValues: { ':was': entry.due } } },
          onConditionFailed,
        };
      }
      return {
        item: {
          Update: {
            TableName: '',
            Key,
            UpdateExpression: 'SET due = :due, gsi5pk = :gpk, gsi5sk = :gsk',
            ConditionExpression: 'due = :was',
            ExpressionAttributeValues: {
              ':due': next,
              ':gpk': queuePk(queue, entry.customerId),
              ':gsk': queueSortKey(next, entry.customerId),
              ':was': entry.due,
            },
          },
        },
        onConditionFailed,
      };
    },

    /** The lunar slot just used moves two lunar years on, so the index always holds the next two dates. */
    advanceLunarOp(entry: ScheduleEntry, next: { lunarYear: number; date: Day }): WriteOp {
      return {
        item: {
          Update: {
            TableName: '',
            Key: { pk: schedulePk(entry.customerId), sk: `LUNAR#${entry.who}#${entry.slot}` },
            UpdateExpression: 'SET lunarYear = :y, due = :d, gsi4pk = :gpk',
            ConditionExpression: 'lunarYear = :was',
            ExpressionAttributeValues: { ':y': next.lunarYear, ':d': next.date, ':gpk': `BDAY#${next.date}`, ':was': entry.lunarYear },
          },
        },
        onConditionFailed: () => new CareScheduleMovedError(entry.customerId),
      };
    },

    /**
     * Moves a queue entry after a contact, if the customer has one (none means
     * no care of that kind). Index upkeep, not part of the contact's transaction.
     */
    async moveQueue(customerId: string, queue: CareQueue, due: Day): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: { pk: schedulePk(customerId), sk: queueSk[queue] },
            UpdateExpression: 'SET due = :due, gsi5pk = :gpk, gsi5sk = :gsk',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':due': due, ':gpk': queuePk(queue, customerId), ':gsk': queueSortKey(due, customerId) },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async scheduleOf(customerId: string): Promise<ScheduleEntry[]> {
      return queryAll<ScheduleEntry>({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': schedulePk(customerId) } });
    },

    /** Deletes a customer's tasks and care schedule (erasure); their audit events are the audit repository's. */
    async eraseForCustomer(customerId: string): Promise<void> {
      const tasks = await queryAll<CareTask>({
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': `TASK_CUSTOMER#${customerId}` },
      });
      await deleteAll(db, [...tasks.map((t) => taskKey(t.id)), ...(await partitionKeys(db, schedulePk(customerId)))]);
    },

    // ── tasks ──

    async getTask(id: string): Promise<CareTask | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: taskKey(id) }));
      return res.Item ? stripKeys<CareTask>(res.Item) : undefined;
    },

    /** Create (expectedVersion 0: the id must be free) or replace at a version. */
    putTaskOp(task: CareTask, expectedVersion: number): WriteOp {
      const create = expectedVersion === 0;
      return {
        item: {
          Put: {
            TableName: '',
            Item: taskItem(task),
            ConditionExpression: create ? 'attribute_not_exists(pk)' : 'version = :v',
            ExpressionAttributeValues: create ? undefined : { ':v': expectedVersion },
          },
        },
        onConditionFailed: (existing) =>
          create
            ? new CareTaskExistsError(existing ? stripKeys<CareTask>(existing) : undefined)
            : new VersionMismatchError('task', task.id, expectedVersion),
      };
    },

    /** Open tasks to put in front of their assignees on a day (all assignees; the DM groups them). */
    async tasksToRemindOn(day: Day): Promise<CareTask[]> {
      return queryAll<CareTask>({
        IndexName: 'gsi5',
        KeyConditionExpression: 'gsi5pk = :pk',
        ExpressionAttributeValues: { ':pk': `TASK_DUE#${day}` },
      });
    },

    /**
     * Who has a pending task whose due date has passed: the pending-by-due-date index read up to
     * `day`, only the assignee projected. Its cost is the backlog of overdue work, which someone
     * has to be told about anyway.
     */
    async assigneesWithPendingDueBefore(day: Day): Promise<string[]> {
      const rows = await queryAll<{ assigneeId: string }>({
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :day',
        ExpressionAttributeValues: { ':pk': 'TASK_STATUS#pending', ':day': day },
        ProjectionExpression: 'assigneeId',
      });
      return [...new Set(rows.map((r) => r.assigneeId))];
    },

    /** After the DM, a task created ahead of its day waits in the index for that day. */
    async moveRemindOn(task: CareTask, from: Day, to: Day): Promise<void> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: taskKey(task.id),
            UpdateExpression: 'SET remindOn = :to, gsi5pk = :gpk',
            ConditionExpression: 'remindOn = :from',
            ExpressionAttributeValues: { ':to': to, ':gpk': `TASK_DUE#${to}`, ':from': from },
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    },

    /** Tasks by assignee, status or customer, in due-date order; kind and the rest are filtered on the page read. */
    async listTasks(filter: TaskFilter, limit: number, cursor?: string): Promise<Page<CareTask>> {
      const openOnly = filter.openOnly || filter.status === 'pending' || filter.status === 'snoozed';
      const [index, pk] = filter.assigneeId
        ? openOnly
          ? (['gsi1', `TASK_OPEN#${filter.assigneeId}`] as const)
          : (['gsi4', `TASK_ASSIGNEE#${filter.assigneeId}`] as const)
        : filter.customerId
          ? (['gsi3', `TASK_CUSTOMER#${filter.customerId}`] as const)
          : (['gsi2', `TASK_STATUS#${filter.status ?? 'pending'}`] as const);
      const conditions: string[] = [];
      const values: Record<string, unknown> = { ':pk': pk, ':lo': filter.dueFrom ?? '0000', ':hi': `${filter.dueTo ?? '9999'}~` };
      const names: Record<string, string> = {};
      if (filter.status && index !== 'gsi2') {
        conditions.push('#status = :status');
        values[':status'] = filter.status;
        names['#status'] = 'status';
      } else if (filter.openOnly && index !== 'gsi1') {
        conditions.push('#status IN (:pending, :snoozed)');
        Object.assign(values, { ':pending': 'pending', ':snoozed': 'snoozed' });
        names['#status'] = 'status';
      }
      if (filter.kind) {
        conditions.push('kind = :kind');
        values[':kind'] = filter.kind;
      }
      if (filter.customerId && index !== 'gsi3') {
        conditions.push('customerId = :cid');
        values[':cid'] = filter.customerId;
      }
      const scope = `${pk}|${values[':lo']}|${values[':hi']}|${conditions.join()}`;
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk AND ${index}sk BETWEEN :lo AND :hi`,
          FilterExpression: conditions.length ? conditions.join(' AND ') : undefined,
          ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
          ExpressionAttributeValues: values,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, scope),
        }),
      );
      return { items: (res.Items ?? []).map((i) => stripKeys<CareTask>(i)), cursor: encodeCursor(res.LastEvaluatedKey, scope) };
    },

    /** Every task of a customer (export, erase). */
    async tasksOfCustomer(customerId: string): Promise<CareTask[]> {
      return queryAll<CareTask>({
        IndexName: 'gsi3',
        KeyConditionExpression: 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': `TASK_CUSTOMER#${customerId}` },
      });
    },
  };
}

export type CareRepo = ReturnType<typeof createCareRepo>;
