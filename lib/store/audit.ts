import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { FieldChange } from '../domain/audit';
import { decodeCursor, encodeCursor, type Page } from './cursor';
import type { Db, WriteOp } from './db';
import { newId } from './ids';
import { deleteAll } from './item';
import { partitionKeys } from './query';

export interface AuditEvent {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  changes?: Record<string, FieldChange>;
  note?: string;
}

const pk = (entity: string, entityId: string) => `AUDIT#${entity}#${entityId}`;

/** Append-only: a put that refuses to overwrite. The op joins the change's transaction. */
export function auditOp(event: Omit<AuditEvent, 'id'>): WriteOp {
  const id = newId('aud', Date.parse(event.at));
  return {
    item: {
      Put: {
        TableName: '',
        Item: {
          pk: pk(event.entity, event.entityId),
          sk: `${event.at}#${id}`,
          gsi6pk: `AUDIT_DAY#${event.at.slice(0, 10)}`,
          gsi6sk: `${event.at}#${id}`,
          type: 'audit',
          id,
          ...event,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

export function createAuditRepo(db: Db) {
  return {
    /** The history of one record, newest first. */
    async forRecord(entity: string, entityId: string, limit = 50, cursor?: string): Promise<Page<AuditEvent>> {
      const key = pk(entity, entityId);
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': key },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, key),
        }),
      );
      return { items: (res.Items ?? []).map(toEvent), cursor: encodeCursor(res.LastEvaluatedKey, key) };
    },
    /** Deletes every event of the given records (erasure; the events may quote personal data). */
    async eraseRecords(entity: string, entityIds: string[]): Promise<void> {
      const keys = await Promise.all(entityIds.map((id) => partitionKeys(db, pk(entity, id))));
      await deleteAll(db, keys.flat());
    },
  };
}

function toEvent(item: Record<string, unknown>): AuditEvent {
  const { pk: _pk, sk: _sk, gsi6pk: _g, gsi6sk: _s, type: _t, ...event } = item;
  return event as unknown as AuditEvent;
}
