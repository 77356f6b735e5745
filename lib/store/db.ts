import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError, DomainError } from '../domain/errors';

export interface DbStats {
  requests: number;
  itemsRead: number;
  byCommand: Record<string, number>;
}

/** A table handle: the document client plus the table's name. */
export interface Db {
  doc: DynamoDBDocumentClient;
  tableName: string;
  /** requests and items read since creation (benchmarks read this) */
  stats: DbStats;
}

export interface DbOptions {
  tableName: string;
  endpoint?: string;
  region?: string;
}

export function createDb({ tableName, endpoint, region }: DbOptions): Db {
  const client = new DynamoDBClient({
    region: region ?? 'us-east-1',
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: 3,
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  const stats: DbStats = { requests: 0, itemsRead: 0, byCommand: {} };
  // Counting at the client is the only honest way to check "one request per call" budgets.
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      // Counted before the call: a cancelled transaction or failed condition is still a request.
      stats.requests += 1;
      stats.byCommand[name] = (stats.byCommand[name] ?? 0) + 1;
      const result = await next(args);
      const out = result.output as { Item?: unknown; Items?: unknown[]; Responses?: Record<string, unknown[]> | unknown[] };
      if (out.Item) stats.itemsRead += 1;
      if (Array.isArray(out.Items)) stats.itemsRead += out.Items.length;
      if (out.Responses && !Array.isArray(out.Responses)) {
        for (const items of Object.values(out.Responses)) stats.itemsRead += items.length;
      } else if (Array.isArray(out.Responses)) stats.itemsRead += out.Responses.length;
      return result;
    },
    { step: 'initialize', name: 'careloopStats' },
  );
  return { doc, tableName, stats };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * One write inside a transaction. Repositories build these (they own the keys);
 * services combine them so a change and its timeline, audit and counters land
 * together or not at all.
 */
export interface WriteOp {
  item: TransactItem;
  /** the error to raise when this op's condition is what cancelled the transaction */
  onConditionFailed?: (existing?: Record<string, unknown>) => Error;
}

/** DynamoDB allows 100 items per transaction. */
export const MAX_TRANSACTION_ITEMS = 100;

export async function transact(db: Db, ops: WriteOp[], clientRequestToken?: string): Promise<void> {
  if (ops.length === 0) return;
  if (ops.length > MAX_TRANSACTION_ITEMS) {
    throw new DomainError('payload_too_large', `A change may touch at most ${MAX_TRANSACTION_ITEMS} items`);
  }
  const command = new TransactWriteCommand({
    TransactItems: ops.map((op) => withTable(op.item, db.tableName)),
    ClientRequestToken: clientRequestToken,
  });
  for (let attempt = 1; ; attempt++) {
    try {
      await db.doc.send(command);
      return;
    } catch (error) {
      // A transaction cancelled only because another one held a shared item (a day's
      // counter shard, say) changed nothing: it is safe to send again after a short pause.
      if (attempt < CONFLICT_ATTEMPTS && onlyConflicts(error)) {
        await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
        continue;
      }
      throw mapTransactionError(error, ops);
    }
  }
}

const CONFLICT_ATTEMPTS = 5;

function onlyConflicts(error: unknown): boolean {
  const e = error as { name?: string; CancellationReasons?: CancellationReason[] };
  if (e?.name !== 'TransactionCanceledException') return false;
  const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  return codes.includes('TransactionConflict') && codes.every((c) => c === 'TransactionConflict' || c === 'None');
}

function withTable(item: TransactItem, tableName: string): TransactItem {
  const [kind, body] = Object.entries(item)[0] as [keyof TransactItem, Record<string, unknown>];
  return { [kind]: { ...body, TableName: tableName, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } } as TransactItem;
}

interface CancellationReason {
  Code?: string;
  Item?: Record<string, unknown>;
}

function mapTransactionError(error: unknown, ops: WriteOp[]): unknown {
  const e = error as { name?: string; CancellationReasons?: CancellationReason[] };
  if (e?.name !== 'TransactionCanceledException') return error;
  const reasons = e.CancellationReasons ?? [];
  const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  if (failed >= 0) {
    const op = ops[failed];
    const existing = reasons[failed]?.Item;
    return (
      op?.onConditionFailed?.(existing ? unmarshallLoose(existing) : undefined) ??
      new ConflictError('The record changed while saving; read it again and retry')
    );
  }
  // Another transaction touched the same items at the same moment: the caller may retry.
  return new ConflictError('The record is being changed by someone else; retry', { reasons: reasons.map((r) => r.Code) });
}

/** Cancellation reasons come back in wire format even through the document client. */
function unmarshallLoose(item: Record<string, unknown>): Record<string, unknown> {
  try {
    return unmarshall(item as Parameters<typeof unmarshall>[0]);
  } catch {
    return {};
  }
}
