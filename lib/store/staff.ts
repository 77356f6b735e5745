import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { VersionMismatchError } from '../domain/errors';
import type { Role, Staff } from '../domain/staff';
import type { Db, WriteOp } from './db';
import { stripKeys } from './item';
import { queryAll } from './query';

const staffKey = (slackUserId: string) => ({ pk: `STAFF#${slackUserId}`, sk: 'PROFILE' });

export function createStaffRepo(db: Db) {
  return {
    async get(slackUserId: string): Promise<Staff | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: staffKey(slackUserId) }));
      return res.Item ? stripKeys<Staff>(res.Item) : undefined;
    },

    /** Create or replace; `expectedVersion` 0 means "must not exist yet". */
    putOp(member: Staff, expectedVersion: number): WriteOp {
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
  };
}

const byIndex = (db: Db, index: string, value: string) =>
  queryAll<Staff>(db, { IndexName: index, KeyConditionExpression: `${index}pk = :pk`, ExpressionAttributeValues: { ':pk': value } });
