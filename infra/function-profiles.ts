import { Duration } from 'aws-cdk-lib';

/**
 * What each function in functions/ may do and how it is sized. A new file in
 * functions/ gets `newFunctionProfile` (read-only, no secrets) until it is
 * listed here: permissions are widened on purpose, never by accident.
 */
export type TableAccess = 'read' | 'readWrite' | 'readWriteErase';

export interface FunctionProfile {
  description: string;
  memorySize: number;
  timeout: Duration;
  /**
   * read: Get/BatchGet/Query/ConditionCheck. readWrite adds Put/Update/Delete
   * (transactions, idempotency claims and their release). readWriteErase adds
   * BatchWriteItem, used by customer erasure (lib/store/item.ts deleteAll) and
   * by the import worker's derived index items (putAll).
   */
  tableAccess: TableAccess;
  /** Slack bot token, signing secret and survey key (lib/config/secrets.ts). */
  readsSecrets: boolean;
  /**
   * May create, update and delete one-off reminder schedules: every entry point
   * whose use cases create, snooze or close care tasks (lib/services/reminders.ts).
   */
  managesReminders: boolean;
}

/** The REST API's functions, split by feature (lib/http/route-functions.ts). */
const restApi = {
  memorySize: 1024,
  // HTTP API gives up on an integration after 30 s.
  timeout: Duration.seconds(29),
  readsSecrets: true,
  managesReminders: true,
} as const;

export const functionProfiles: Record<string, FunctionProfile> = {
  api: {
    ...restApi,
    description: 'CareLoop REST API: health, OpenAPI, staff, care tasks, complaints, reports, surveys',
    tableAccess: 'readWrite',
  },
  'api-customers': {
    ...restApi,
    description: 'CareLoop REST API: customers, erasure, import and export jobs',
    // Erasing a customer deletes their partitions in batches.
    tableAccess: 'readWriteErase',
  },
  slack: {
    description: 'CareLoop Slack endpoint: verifies, acknowledges, hands slow work to slack-worker',
    // More memory = more CPU = faster cold start; Slack wants the ack within 3 s.
    memorySize: 1024,
    timeout: Duration.seconds(10),
    tableAccess: 'readWrite',
    readsSecrets: true,
    managesReminders: true,
  },
  'slack-worker': {
    description: 'CareLoop Slack worker: runs what the Slack endpoint handed over',
    memorySize: 1024,
    timeout: Duration.seconds(60),
    tableAccess: 'readWriteErase',
    readsSecrets: true,
    managesReminders: true,
  },
  'import-worker': {
    description: "CareLoop import worker: writes an import job's rows chunk by chunk from its checkpoint",
    // 1,769 MB is one full vCPU: row validation, pinyin keys and 24 transactions in flight.
    memorySize: 1769,
    // Hands over to a fresh invocation 90 s before this (lib/services/import-worker.ts).
    timeout: Duration.minutes(15),
    tableAccess: 'readWriteErase',
    readsSecrets: false,
    managesReminders: false,
  },
  survey: {
    description: 'CareLoop survey pages (/s/{token})',
    memorySize: 512,
    timeout: Duration.seconds(10),
    tableAccess: 'readWrite',
    readsSecrets: true,
    managesReminders: false,
  },
  scheduled: {
    description: 'CareLoop scheduled jobs and one-off reminders (EventBridge Scheduler target)',
    memorySize: 1024,
    // Sweeps read only due work, but a backlog after an outage may take a while.
    timeout: Duration.minutes(5),
    tableAccess: 'readWrite',
    readsSecrets: true,
    managesReminders: true,
  },
  events: {
    description: "CareLoop event subscribers: the table's stream (outbox items) → follow-ups",
    memorySize: 1024,
    // Below the subscriber claim's lease (lib/services/events.ts CLAIM_LEASE_SECONDS), so a retry never overlaps a live run.
    timeout: Duration.seconds(60),
    tableAccess: 'readWrite',
    readsSecrets: true,
    managesReminders: true,
  },
};

export const newFunctionProfile: FunctionProfile = {
  description: 'CareLoop function',
  memorySize: 512,
  timeout: Duration.seconds(30),
  tableAccess: 'read',
  readsSecrets: false,
  managesReminders: false,
};

export const profileOf = (name: string): FunctionProfile => functionProfiles[name] ?? newFunctionProfile;
