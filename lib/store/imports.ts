import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../domain/errors';
import type { ImportColumn, ImportIssue, PlannedRow } from '../domain/import-table';
import type { Db, WriteOp } from './db';
import { stripKeys } from './item';
import { queryAll } from './query';

/**
 * Import jobs (see README.md). A job is one partition: the JOB item (status,
 * counts, checkpoint, lease), the planned rows in CHUNK items written at
 * upload, and one RESULT item per finished chunk (its invalid rows). While a
 * job is queued or running it sits in gsi5 under IMPORT_ACTIVE, sorted by the
 * moment its lease runs out, so the sweep finds stalled jobs with one Query.
 * Everything expires (TTL) after `retentionDays`.
 */
export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface SlackProgress {
  channel: string;
  ts?: string;
  userId: string;
  locale: 'zh-CN' | 'en';
}

export interface ImportJob {
  id: string;
  status: ImportStatus;
  actorId: string;
  actorRole: string;
  fileName?: string;
  format: 'csv' | 'xlsx';
  encoding?: string;
  sheet?: string;
  /** owner of rows that name none */
  defaultOwnerId?: string;
  columns: ImportColumn[];
  warnings: ImportIssue[];
  rows: number;
  chunks: number;
  nextChunk: number;
  rowsDone: number;
  created: number;
  skipped: number;
  invalid: number;
  attempts: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  leaseOwner?: string;
  leaseUntil?: string;
  failure?: string;
  slack?: SlackProgress;
}

export interface InvalidRow extends ImportIssue {
  line: number;
  cells: string[];
}

export interface ChunkResult {
  chunk: number;
  created: number;
  skipped: number;
  invalid: InvalidRow[];
}

const pk = (id: string) => `IMPORT#${id}`;
const jobKey = (id: string) => ({ pk: pk(id), sk: 'JOB' });
const chunkSk = (n: number) => `CHUNK#${String(n).padStart(5, '0')}`;
const resultSk = (n: number) => `RESULT#${String(n).padStart(5, '0')}`;
const ACTIVE = 'IMPORT_ACTIVE';
const activeSk = (until: string, id: string) => `${until}#${id}`;

export function createImportRepo(db: Db) {
  const ttl = (createdAt: string, days: number) => Math.floor(Date.parse(createdAt) / 1000) + days * 86_400;
  return {
    /**
     * Chunks first, the job last: until the job item exists nothing refers to
     * the chunks, and a failed upload leaves only items that expire.
     */
    async create(job: ImportJob, chunks: PlannedRow[][], firstLeaseAt: string, retentionDays: number): Promise<void> {
      const expiresAt = ttl(job.createdAt, retentionDays);
      await Promise.all(
        chunks.map((rows, n) =>
          db.doc.send(
            new PutCommand({
              TableName: db.tableName,
              Item: { pk: pk(job.id), sk: chunkSk(n), type: 'import-chunk', rows: JSON.stringify(rows), expiresAt },
            }),
          ),
        ),
      );
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...jobKey(job.id), type: 'import', gsi5pk: ACTIVE, gsi5sk: activeSk(firstLeaseAt, job.id), ...job, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(id: string): Promise<ImportJob | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: jobKey(id), ConsistentRead: true }));
      return res.Item ? stripKeys<ImportJob>(res.Item) : undefined;
    },

    async mustGet(id: string): Promise<ImportJob> {
      const job = await this.get(id);
      if (!job) throw new NotFoundError('import', id);
      return job;
    },

    async chunk(id: string, n: number): Promise<PlannedRow[]> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: pk(id), sk: chunkSk(n) }, ConsistentRead: true }));
      if (!res.Item) throw new NotFoundError('import chunk', `${id}/${n}`);
      return JSON.parse(res.Item.rows as string) as PlannedRow[];
    },

    /**
     * Takes the job for `owner` until `until` if nobody holds a live lease on it
     * and it is not finished; the job as it now is, or undefined.
     */
    async acquire(id: string, owner: string, now: string, until: string): Promise<ImportJob | undefined> {
      try {
        const res = await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: jobKey(id),
            UpdateExpression:
              'SET #status = :running, leaseOwner = :me, leaseUntil = :until, gsi5sk = :gsk, startedAt = if_not_exists(startedAt, :now) ADD attempts :one',
            ConditionExpression:
              'attribute_exists(pk) AND #status IN (:queued, :running) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':running': 'running',
              ':queued': 'queued',
              ':me': owner,
              ':until': until,
              ':gsk': activeSk(until, id),
              ':now': now,
              ':one': 1,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return stripKeys<ImportJob>(res.Attributes!);
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return undefined;
        throw error;
      }
    },

    /** The checkpoint after chunk n, in the transaction that also writes its result, counters and audit. */
    checkpointOps(
      job: Pick<ImportJob, 'id' | 'createdAt'>,
      owner: string,
      result: ChunkResult,
      until: string,
      retentionDays: number,
    ): WriteOp[] {
      const rows = result.created + result.skipped + result.invalid.length;
      return [
        {
          item: {
            Update: {
              TableName: '',
              Key: jobKey(job.id),
              UpdateExpression:
                'SET nextChunk = :next, leaseUntil = :until, gsi5sk = :gsk ADD rowsDone :rows, created :c, skipped :s, invalid :i',
              ConditionExpression: 'nextChunk = :n AND leaseOwner = :me',
              ExpressionAttributeValues: {
                ':next': result.chunk + 1,
                ':n': result.chunk,
                ':me': owner,
                ':until': until,
                ':gsk': activeSk(until, job.id),
                ':rows': rows,
                ':c': result.created,
                ':s': result.skipped,
                ':i': result.invalid.length,
              },
            },
          },
          onConditionFailed: () => new LeaseLostError(job.id),
        },
        {
          item: {
            Put: {
              TableName: '',
              Item: {
                pk: pk(job.id),
                sk: resultSk(result.chunk),
                type: 'import-result',
                ...result,
                expiresAt: ttl(job.createdAt, retentionDays),
              },
            },
          },
        },
      ];
    },

    /** A do-once claim for counter writes that do not fit in the checkpoint's transaction. */
    countedClaimOp(id: string, chunk: number, part: number, createdAt: string, retentionDays: number): WriteOp {
      return {
        item: {
          Put: {
            TableName: '',
            Item: {
              pk: pk(id),
              sk: `COUNTED#${String(chunk).padStart(5, '0')}#${part}`,
              type: 'import-counted',
              expiresAt: ttl(createdAt, retentionDays),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new AlreadyCountedError(),
      };
    },

    async finish(id: string, owner: string, status: 'done' | 'failed', now: string, failure?: string): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: jobKey(id),
          UpdateExpression: `SET #status = :status, finishedAt = :now${failure ? ', failure = :failure' : ''} REMOVE leaseOwner, leaseUntil, gsi5pk, gsi5sk`,
          ConditionExpression: 'leaseOwner = :me',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ':now': now, ':me': owner, ...(failure ? { ':failure': failure } : {}) },
        }),
      );
    },

    /** Gives the lease up early (the worker hands over to a fresh invocation before its time runs out). */
    async release(id: string, owner: string, now: string): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: jobKey(id),
          UpdateExpression: 'SET leaseUntil = :now, gsi5sk = :gsk',
          ConditionExpression: 'leaseOwner = :me',
          ExpressionAttributeValues: { ':now': now, ':me': owner, ':gsk': activeSk(now, id) },
        }),
      );
    },

    async setSlackMessage(id: string, slack: SlackProgress): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: jobKey(id),
          UpdateExpression: 'SET slack = :s',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':s': slack },
        }),
      );
    },

    async results(id: string): Promise<ChunkResult[]> {
      return queryAll<ChunkResult>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': pk(id), ':r': 'RESULT#' },
        ConsistentRead: true,
      });
    },

    /** Queued or running jobs whose lease ran out before `now`: their worker died or never started. */
    async stalled(now: string, limit = 25): Promise<string[]> {
      const res = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :pk AND gsi5sk < :now',
          ExpressionAttributeValues: { ':pk': ACTIVE, ':now': now },
          ProjectionExpression: 'id',
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map((i) => i.id as string);
    },
  };
}

/** Another worker took the job over (this one was too slow to renew its lease). */
export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`import ${id}: the lease passed to another worker`);
    this.name = 'LeaseLostError';
  }
}

export class AlreadyCountedError extends Error {
  constructor() {
    super('counters of this chunk part were already written');
    this.name = 'AlreadyCountedError';
  }
}

export type ImportRepo = ReturnType<typeof createImportRepo>;
