import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiScope } from '../domain/api-scopes';
import type { Role } from '../domain/staff';
import type { Db } from './db';

export interface ApiKeyRecord {
  hash: string;
  name: string;
  prefix: string;
  createdAt: string;
  /** what the key may do; a key stored before scopes existed has none and keeps its old full access */
  scopes?: ApiScope[];
  /** the role its requests act with */
  role?: Role;
}

/** API keys are stored by SHA-256 of the key; the key itself is never stored. */
export function createApiKeyRepo(db: Db) {
  return {
    async put(record: ApiKeyRecord): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { pk: `APIKEY#${record.hash}`, sk: 'APIKEY', type: 'apikey', gsi1pk: 'APIKEYS', gsi1sk: record.createdAt, ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async byHash(hash: string): Promise<ApiKeyRecord | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: `APIKEY#${hash}`, sk: 'APIKEY' } }));
      return res.Item as ApiKeyRecord | undefined;
    },
    /** Narrows (or widens) an existing key in place: the key itself stays valid. */
    async setScopes(hash: string, scopes: ApiScope[], role: Role): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: { pk: `APIKEY#${hash}`, sk: 'APIKEY' },
          UpdateExpression: 'SET scopes = :scopes, #role = :role',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':scopes': scopes, ':role': role },
        }),
      );
    },
    async list(): Promise<ApiKeyRecord[]> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'APIKEYS' },
        }),
      );
      return (res.Items ?? []).map(({ hash, name, prefix, createdAt, scopes, role }) => ({ hash, name, prefix, createdAt, scopes, role }));
    },
  };
}
