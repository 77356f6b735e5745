import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createApiKeyRepo } from './api-keys';
import { createAuditRepo } from './audit';
import { createBackfillRepo } from './backfills';
import { createCareRepo } from './care';
import { createComplaintRepo } from './complaints';
import { createCounterRepo } from './counters';
import { createCustomerRepo } from './customers';
import { type Db, transact, type WriteOp } from './db';
import { createExportRepo } from './exports';
import { createIdempotencyRepo } from './idempotency';
import { createImportRepo } from './imports';
import { createLookupLimitRepo } from './lookup-limits';
import { createStaffRepo } from './staff';
import { createSurveyRepo } from './surveys';
import { createTimelineRepo } from './timeline';

export { auditOp } from './audit';
export type { Db, WriteOp } from './db';

/** Every repository over one table. Services receive this and never see a key. */
export function createStore(db: Db) {
  return {
    db,
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
    /** One strongly consistent GetItem of a key that never exists: proves the table answers (health checks). */
    ping: async (): Promise<void> => {
      await db.doc.send(new GetCommand({ TableName: db.tableName, Key: { pk: 'HEALTH', sk: 'HEALTH' }, ConsistentRead: true }));
    },
    exports: createExportRepo(db),
    backfills: createBackfillRepo(db),
    /** All-or-nothing write of ops built by the repositories. */
    transact: (ops: WriteOp[], token?: string) => transact(db, ops, token),
  };
}

export type Store = ReturnType<typeof createStore>;
