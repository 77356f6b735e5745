import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ExportRequest } from '../domain/customer-export';
import { NotFoundError } from '../domain/errors';
import type { Db } from './db';
import { stripKeys } from './item';
import { queryAll } from './query';

/**
 * Customer export jobs (see README.md). A job is one partition `EXPORT#<id>`:
 * the JOB item (status, filters, counts) and, once the file is written, the
 * file itself in PART items of at most PART_BYTES (an item holds 400 KB).
 * Everything expires (TTL) after `retentionDays`.
 */
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJob {
  id: string;
  status: ExportStatus;
  actorId: string;
  actorRole: string;
  request: ExportRequest;
  rows: number;
  bytes: number;
  parts: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  failure?: string;
}

export const PART_BYTES = 350_000;

const pk = (id: string) => `EXPORT#${id}`;
const jobKey = (id: string) => ({ pk: pk(id), sk: 'JOB' });
const partSk = (n: number) => `PART#${String(n).padStart(5, '0')}`;

export function createExportRepo(db: Db) {
  const ttl = (createdAt: string, days: number) => Math.floor(Date.parse(createdAt) / 1000) + days * 86_400;
  return {
    async create(job: ExportJob, retentionDays: number): Promise<void> {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...jobKey(job.id), type: 'export', ...job, expiresAt: ttl(job.createdAt, retentionDays) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(id: string): Promise<ExportJob | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: jobKey(id), ConsistentRead: true }));
      return res.Item ? stripKeys<ExportJob>(res.Item) : undefined;
    },

    async mustGet(id: string): Promise<ExportJob> {
      const job = await this.get(id);
      if (!job) throw new NotFoundError('export', id);
      return job;
    },

    /** queued → running; false when another worker already took it or it is finished. */
    async start(id: string, now: string): Promise<boolean> {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: jobKey(id),
            UpdateExpression: 'SET #status = :running, startedAt = :now',
            ConditionExpression: '#status = :queued',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':running': 'running', ':queued': 'queued', ':now': now },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    /** The file's parts first, the job's `done` last: a job is never done without its whole file. */
    async putFile(job: Pick<ExportJob, 'id' | 'createdAt'>, file: Uint8Array, retentionDays: number): Promise<number> {
      const parts: Uint8Array[] = [];
      for (let i = 0; i < file.length; i += PART_BYTES) parts.push(file.subarray(i, i + PART_BYTES));
      const expiresAt = ttl(job.createdAt, retentionDays);
      for (let i = 0; i < parts.length; i += 8) {
        await Promise.all(
          parts.slice(i, i + 8).map((data, k) =>
            db.doc.send(
              new PutCommand({
                TableName: db.tableName,
                Item: { pk: pk(job.id), sk: partSk(i + k), type: 'export-part', data, expiresAt },
              }),
            ),
          ),
        );
      }
      return parts.length;
    },

    async finish(
      id: string,
      patch: Pick<ExportJob, 'status' | 'finishedAt'> & Partial<Pick<ExportJob, 'rows' | 'bytes' | 'parts' | 'failure'>>,
    ): Promise<void> {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = Object.entries(patch).map(([k, v]) => {
        names[`#${k}`] = k;
        values[`:${k}`] = v;
        return `#${k} = :${k}`;
      });
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: jobKey(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    },

    async file(id: string): Promise<Buffer> {
      const parts = await queryAll<{ data: Uint8Array }>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :part)',
        ExpressionAttributeValues: { ':pk': pk(id), ':part': 'PART#' },
        ConsistentRead: true,
      });
      return Buffer.concat(parts.map((p) => Buffer.from(p.data)));
    },
  };
}
