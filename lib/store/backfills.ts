import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import type { Key } from './item';

/** Where an unfinished backfill pass stands, so a stopped run is resumed instead of started over. */
export interface BackfillProgress {
  /** opaque cursor of the next page to read */
  cursor: string;
  pages: number;
  items: number;
  startedAt: string;
  updatedAt: string;
}

const progressKey = (name: string): Key => ({ pk: `BACKFILL#${name}`, sk: 'PROGRESS' });

export function createBackfillRepo(db: Db) {
  return {
    async progress(name: string): Promise<BackfillProgress | undefined> {
      const res = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: progressKey(name), ConsistentRead: true }));
      if (!res.Item) return undefined;
      const { cursor, pages, items, startedAt, updatedAt } = res.Item;
      return { cursor, pages, items, startedAt, updatedAt } as BackfillProgress;
    },

    async saveProgress(name: string, progress: BackfillProgress): Promise<void> {
      await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...progressKey(name), type: 'backfill', ...progress } }));
    },

    /** The pass is finished (or abandoned): the next run starts from the beginning. */
    async clearProgress(name: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: progressKey(name) }));
    },
  };
}
