import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createApiKeyRepo } from './api-keys';
import { createAuditRepo } from './audit';
import { createBackfillRepo } from './backfills';
import { type BulkItem, putBulkItems } from './bulk';
import { createCareRepo } from './care';
import { createChannelPostRepo } from './channel-posts';
import { createComplaintRepo } from './complaints';
import { createCounterRepo } from './counters';
import { createCustomerRepo } from './customers';
import { createDb, type Db, type DbOptions, transact, type WriteOp } from './db';
import { createExportRepo } from './exports';
import { createIdempotencyRepo } from './idempotency';
import { createImportRepo } from './imports';
import { createLookupLimitRepo } from './lookup-limits';
import { createOutboxRepo } from './outbox';
import { createStaffRepo } from './staff';
import { createSurveyRepo } from './surveys';
import { createTimelineRepo } from './timeline';

/*
 * The store's public entry: everything outside lib/store imports from here (or the
 * table declaration, lib/store/table.ts). Keys, the client and the batch helpers stay
 * inside; the dependency-cruiser rule `store-is-sealed` checks it.
 */
export { type AckStore, openAckStore } from './ack-store';
export { type AuditEvent, auditOp } from './audit';
export type { BulkItem } from './bulk';
export { splitPlainPuts } from './bulk';
export type { CareQueue, ScheduleEntry, TaskFilter } from './care';
export type { ChannelPost, ChannelPostRepo } from './channel-posts';
export { ComplaintExistsError, type ComplaintFilter, CorrectiveActionExistsError } from './complaints';
export { COUNTER_SHARDS } from './counters';
export { MAX_CURSOR_LENGTH, type Page, useCursorKey } from './cursor';
export type { ExtraClaim } from './customers';
export { type DbStats, MAX_TRANSACTION_ITEMS, type WriteOp } from './db';
export { type ExportJob, type ExportStatus, PART_BYTES } from './exports';
export type { ClaimId } from './idempotency';
export { newId } from './ids';
export {
  AlreadyCountedError,
  type ChunkResult,
  type ImportJob,
  type ImportStatus,
  type InvalidRow,
  LeaseLostError,
  type SlackProgress,
} from './imports';
export { LastContactMovedError } from './timeline';
export { packTransactions } from './transaction-groups';

/** Every repository over one table. Services receive this and never see a key. */
export function createStore(db: Db) {
  return {
    customers: createCustomerRepo(db),
    timeline: createTimelineRepo(db),
    staff: createStaffRepo(db),
    audit: createAuditRepo(db),
    apiKeys: createApiKeyRepo(db),
    idempotency: createIdempotencyRepo(db),
    counters: createCounterRepo(db),
    care: createCareRepo(db),
    complaints: createComplaintRepo(db),
    surveys: createSurveyRepo(db),
    imports: createImportRepo(db),
    lookupLimits: createLookupLimitRepo(db),
    exports: createExportRepo(db),
    outbox: createOutboxRepo(db),
    /** One strongly consistent GetItem of a key that never exists: proves the table answers (health checks). */
    ping: async (): Promise<void> => {
      await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' }, ConsistentRead: true }));
    },
    channelPosts: createChannelPostRepo(db),
    backfills: createBackfillRepo(db),
    /** All-or-nothing write of ops built by the repositories. */
    transact: (ops: WriteOp[], token?: string) => transact(db, ops, token),
    /** Plain puts of independent items built by the repositories (a bulk import's derived index items), in batches. */
    putAll: (items: BulkItem[]) => putBulkItems(db, items),
    /** Requests and items read since the store was opened (benchmarks read this; never a way to the table). */
    stats: db.stats,
  };
}

export type Store = ReturnType<typeof createStore>;

/** Opens the table with a client of its own. */
export function openStore(options: DbOptions): Store {
  return createStore(createDb(options));
}
export { outboxItemFromStreamImage } from './outbox';
