import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { VersionMismatchError } from '../domain/errors';
import type { Role, Staff } from '../domain/staff';
import type { Db, WriteOp } from './db';
import { stripKeys } from './item';
import { queryAll } from './query';

const staffKey = (slackUserId: string) => ({ pk: `STAFF#${slackUserId}`, sk: 'PROFILE' });

/**
 * The whole staff list changes a few times a year but every question to the bot reads it (names of
 * colleagues): a container keeps it this long. A write through this repository drops it (a question
 * racing that write may keep the old list); a write in another container shows here within the
 * minute. Roles are never read from it.
 */
const DIRECTORY_TTL_MS = 60_000;

export function createStaffRepo(db: Db) {
  // one Query shared by the questions that arrive while it is in flight
  let directory: { readAt: number; staff: Promise<Staff[]> } | undefined;
  return {
    async get(slackUserId: string): Promise<Staff | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: staffKey(slackUserId) }));
      return res.Item ? stripKeys<Staff>(res.Item) : undefined;
    },

    /** Create or replace; `expectedVersion` 0 means "must not exist yet". */
    putOp(member: Staff, expectedVersion: number): WriteOp {
      directory = undefined;
      return {
        item: {
          Put: {
            TableName: '',
            Item: {
              ...staffKey(member.slackUserId),
              type: 'staff',
              gsi1pk: `STAFF_ROLE#${member.role}`,
              gsi1sk: member.name,
              gsi2pk: 'STAFF',
              gsi2sk: member.name,
              ...member,
            },
            ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
            ExpressionAttributeValues: expectedVersion === 0 ? undefined : { ':v': expectedVersion },
          },
        },
        onConditionFailed: () => new VersionMismatchError('staff', member.slackUserId, expectedVersion),
      };
    },

    async withRole(role: Role): Promise<Staff[]> {
      return byIndex(db, 'gsi1', `STAFF_ROLE#${role}`);
    },

    async all(): Promise<Staff[]> {
      return byIndex(db, 'gsi2', 'STAFF');
    },

    /** `all()`, read at most once a minute per container (DIRECTORY_TTL_MS); for names, never for roles. */
    directory(nowMs: number): Promise<Staff[]> {
      const age = directory ? nowMs - directory.readAt : Number.POSITIVE_INFINITY;
      if (directory && age >= 0 && age < DIRECTORY_TTL_MS) return directory.staff;
      const read = { readAt: nowMs, staff: this.all() };
      directory = read;
      // a failed read is not kept: the next question asks the table again
      read.staff.catch(() => {
        if (directory === read) directory = undefined;
      });
      return read.staff;
    },
  };
}

const byIndex = (db: Db, index: string, value: string) =>
  queryAll<Staff>(db, { IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': value } });
