import { randomBytes } from 'node:crypto';
import { localDay } from '../domain/calendar';
import type { Customer } from '../domain/customer';
import { rowFingerprint, rowToCustomerInput } from '../domain/customer-csv';
import { ConflictError, DomainError, ValidationError } from '../domain/errors';
import { columnOfField, type PlannedRow } from '../domain/import-table';
import { increments, metric } from '../domain/metrics';
import type { Actor, Role } from '../domain/staff';
import { type StaffDirectory, staffDirectory } from '../domain/staff-reference';
import {
  AlreadyCountedError,
  auditOp,
  type BulkItem,
  type ChunkResult,
  type ImportJob,
  type InvalidRow,
  LeaseLostError,
  MAX_TRANSACTION_ITEMS,
  packTransactions,
  type WriteOp,
} from '../store';
import type { AppContext } from './context';
import { customerBulkWrites, newCustomer } from './customers';
import { dispatchImport, registerInProcessImportRunner } from './import-dispatch';

/**
 * The import worker: writes a job's rows chunk by chunk. Each row's profile
 * and uniqueness claims (phone, e-mail, external id and the row's own
 * fingerprint) are written together; rows share TransactWriteItems up to its
 * item limit, several in flight, and a group with a refused claim is written
 * again row by row (transactionGroups); the derived index items (name keys, care
 * schedule) follow in batches of 25 for the whole chunk; each chunk ends with
 * one transaction that moves the checkpoint, stores the chunk's invalid rows
 * and writes the chunk's audit event and daily counters. A worker holds a
 * lease it renews at every checkpoint; when it dies, the lease runs out and
 * the sweep (or Lambda's retry) starts a new worker at the checkpoint. Rows of
 * the interrupted chunk that were already written are recognised by their
 * claim (it names this import) and counted as created, not written twice.
 */
export interface RunOptions {
  /** milliseconds this invocation may still run (Lambda's getRemainingTimeInMillis) */
  remainingMs?: () => number;
  /** called after every checkpoint (Slack progress) */
  onProgress?: (job: ImportJob) => Promise<void>;
}

/**
 * Channels that show a job's progress register here (lib/services/import-progress.ts
 * for a job started from Slack): called after every checkpoint and once the job
 * is done or failed. A failing observer is logged and never stops the import.
 */
export interface ImportObserver {
  progress(ctx: AppContext, job: ImportJob): Promise<void>;
  finished(ctx: AppContext, job: ImportJob): Promise<void>;
}
const observers: ImportObserver[] = [];
export function observeImports(observer: ImportObserver): void {
  if (!observers.includes(observer)) observers.push(observer);
}
async function tellObservers(ctx: AppContext, job: ImportJob, what: keyof ImportObserver): Promise<void> {
  for (const o of observers)
    await o[what](ctx, job).catch((error: unknown) =>
      ctx.logger.warn('import progress not shown', { importId: job.id, error: error as Error }),
    );
}
async function tellFinished(ctx: AppContext, importId: string): Promise<void> {
  if (!observers.length) return;
  const job = await ctx.store.imports.get(importId);
  if (job) await tellObservers(ctx, job, 'finished');
}

/** Time kept back for one more chunk and the hand-over before Lambda's timeout. */
const HANDOVER_MS = 90_000;

export async function runImport(
  ctx: AppContext,
  importId: string,
  clock: () => Date,
  opts: RunOptions = {},
): Promise<'done' | 'failed' | 'handed-over' | 'not-mine'> {
  const { imports } = ctx.store;
  const settings = ctx.config.customers.imports;
  const owner = `wrk_${randomBytes(6).toString('hex')}`;
  const leaseEnd = () => new Date(clock().getTime() + settings.leaseSeconds * 1000).toISOString();
  let job = await imports.acquire(importId, owner, clock().toISOString(), leaseEnd());
  if (!job) return 'not-mine';
  const log = ctx.logger;
  if (job.attempts > settings.maxAttempts) {
    await imports.finish(
      importId,
      owner,
      'failed',
      clock().toISOString(),
      `stopped ${job.attempts - 1} times before finishing; ${job.rowsDone} of ${job.rows} rows done`,
    );
    await tellFinished(ctx, importId);
    return 'failed';
  }
  const actor: Actor = { id: job.actorId, kind: job.actorId.startsWith('apikey:') ? 'apikey' : 'staff', role: job.actorRole as Role };
  const directory = staffDirectory(await ctx.store.staff.all());
  // Chunks in flight, oldest first: the next chunk's rows are written while the last groups of the
  // one before finish, and each is checkpointed in order once it is wholly written. If the worker
  // dies, rows of a chunk past the checkpoint are recognised by their claim when it is resumed.
  const inFlight: Array<{ n: number; now: Date; result: Promise<WrittenChunk> }> = [];
  let nextToStart = job.nextChunk;
  const taken = job; // what writing a row needs of the job (id, columns, default owner) never changes
  const start = (n: number) => {
    const now = clock();
    const result = imports.chunk(importId, n).then((rows) => writeChunk(ctx, taken, actor, directory, rows, n, now));
    result.catch(() => {}); // met again when awaited, in order
    inFlight.push({ n, now, result });
  };
  try {
    while (job.nextChunk < job.chunks) {
      const handingOver = Boolean(opts.remainingMs && opts.remainingMs() < HANDOVER_MS);
      if (handingOver && !inFlight.length) {
        await imports.release(importId, owner, clock().toISOString());
        await dispatchImport(ctx, importId);
        return 'handed-over';
      }
      while (!handingOver && nextToStart < job.chunks && inFlight.length < settings.chunksInFlight) start(nextToStart++);
      const oldest = inFlight.shift()!;
      const result = await oldest.result;
      await checkpoint(ctx, job, owner, result, oldest.now, leaseEnd());
      job = {
        ...job,
        nextChunk: oldest.n + 1,
        rowsDone: job.rowsDone + result.created + result.skipped + result.invalid.length,
        created: job.created + result.created,
        skipped: job.skipped + result.skipped,
        invalid: job.invalid + result.invalid.length,
      };
      if (opts.onProgress)
        await opts.onProgress(job).catch((error: unknown) => log.warn('import progress not shown', { importId, error: error as Error }));
      await tellObservers(ctx, job, 'progress');
    }
    await imports.finish(importId, owner, 'done', clock().toISOString());
    await tellFinished(ctx, importId);
    return 'done';
  } catch (error) {
    // Nothing of this worker goes on writing once it has returned: the next one starts from a settled table.
    await Promise.allSettled(inFlight.map((c) => c.result));
    if (error instanceof LeaseLostError) {
      log.warn('import lease lost; the other worker goes on', { importId });
      return 'not-mine';
    }
    // The lease runs out and the sweep resumes from the checkpoint.
    throw error;
  }
}

interface CreatedRow {
  customerId: string;
  ownerId: string;
  /** name keys and care schedule items, batch-written after the chunk's rows */
  derived: BulkItem[];
}

type WrittenChunk = ChunkResult & { createdRows: CreatedRow[] };

async function writeChunk(
  ctx: AppContext,
  job: ImportJob,
  actor: Actor,
  directory: StaffDirectory,
  rows: PlannedRow[],
  chunk: number,
  now: Date,
): Promise<WrittenChunk> {
  const invalid: InvalidRow[] = [];
  const createdRows: CreatedRow[] = [];
  /** derived items of rows not written by a whole group (written row by row, or found already written) */
  const derivedLeft: BulkItem[] = [];
  let skipped = 0;
  const record = (row: PlannedRow, outcome: RowOutcome) => {
    if (outcome === 'skipped') skipped++;
    else if ('reason' in outcome)
      invalid.push({ line: row.line, ...(outcome.column ? { column: outcome.column } : {}), reason: outcome.reason, cells: row.cells });
    else createdRows.push(outcome);
  };
  // Rows already claimed — a re-run of the same file, or rows this job wrote before its worker
  // stopped — are found with batched reads (100 claims a request) and never sent in a transaction
  // that would be refused. The claims in each row's transaction still decide a race.
  const fingerprints = new Map<PlannedRow, string>();
  for (const row of rows) if (!row.problem) fingerprints.set(row, rowFingerprint(row.record));
  const claims = await ctx.store.customers.importClaims([...fingerprints.values()]);
  // Rows are prepared as the workers ask for groups, so the CPU work of one group
  // overlaps the transactions of the others in flight (bench/import-profile.ts).
  const prepared = (function* () {
    for (const row of rows) {
      const fingerprint = fingerprints.get(row);
      const claim = fingerprint ? claims.get(fingerprint) : undefined;
      if (claim && claim.importId !== job.id) {
        record(row, 'skipped');
        continue;
      }
      const p = prepareRow(ctx, job, actor, directory, row, fingerprint, now);
      if (!('ops' in p)) record(row, p);
      else if (claim) {
        const again = writtenBefore(ctx, p, claim.customerId, now);
        derivedLeft.push(...again.derived);
        record(row, again);
      } else yield p;
    }
  })();
  const groups = transactionGroups(prepared, ctx.config.customers.imports.rowsPerTransaction);
  const worker = async () => {
    for (let next = groups.next(); !next.done; next = groups.next()) {
      const group = next.value;
      let written = false;
      try {
        await ctx.store.transact(group.flatMap((p) => p.ops));
        written = true;
      } catch (error) {
        // Some row of the group is refused (a claim already taken, say) and the whole
        // transaction with it: each row goes again alone and meets its own outcome.
        // Anything else (the service unreachable) stops the worker; the sweep resumes it.
        if (!(error instanceof DomainError)) throw error;
        for (const p of group) {
          const outcome = await writePrepared(ctx, job, p, now);
          if (typeof outcome === 'object' && 'derived' in outcome) derivedLeft.push(...outcome.derived);
          record(p.row, outcome);
        }
      }
      if (written) {
        for (const p of group) record(p.row, p.created);
        // Plain puts right behind the group's transaction, before the checkpoint: if the worker
        // dies first, the resumed chunk writes them again.
        await ctx.store.putAll(group.flatMap((p) => p.created.derived));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(ctx.config.customers.imports.concurrency, rows.length)) }, worker));
  await ctx.store.putAll(derivedLeft);
  invalid.sort((a, b) => a.line - b.line);
  return { chunk, created: createdRows.length, skipped, invalid, createdRows };
}

/** A row this very job wrote before its worker stopped: it counts as created, once, and its derived items are written again. */
function writtenBefore(ctx: AppContext, p: PreparedRow, customerId: string, now: Date): CreatedRow {
  const same = { ...p.customer, id: customerId };
  return { customerId, ownerId: p.created.ownerId, derived: customerBulkWrites(ctx, same, now, []).derived };
}

type RowOutcome = CreatedRow | 'skipped' | { column?: string; reason: string };

interface PreparedRow {
  row: PlannedRow;
  customer: Customer;
  ops: WriteOp[];
  created: CreatedRow;
}

/**
 * Rows share a transaction up to its item limit, each row's claims beside its
 * profile as before: one request writes many rows, and a refused claim still
 * refuses its own row only (writeChunk then writes the group row by row).
 */
function transactionGroups(ready: Iterable<PreparedRow>, maxRows: number): Generator<PreparedRow[]> {
  return packTransactions(ready, (p) => p.ops, maxRows);
}

/** The row's customer and writes, or the reason it is invalid; no I/O. */
function prepareRow(
  ctx: AppContext,
  job: ImportJob,
  actor: Actor,
  directory: StaffDirectory,
  row: PlannedRow,
  fingerprint: string | undefined,
  now: Date,
): PreparedRow | { column?: string; reason: string } {
  if (row.problem) return { column: row.problem.column, reason: row.problem.reason };
  const owner = ownerOfRow(job, directory, row.record.ownerId);
  try {
    // Validated even when the owner is refused, so the report names every problem of the row at once.
    const customer = newCustomer(ctx, actor, { ...rowToCustomerInput(row.record), ownerId: owner.ownerId ?? UNRESOLVED_OWNER }, now);
    if (owner.problem) return owner.problem;
    const { ops, derived } = customerBulkWrites(ctx, customer, now, [
      { key: 'import', value: fingerprint ?? rowFingerprint(row.record), importId: job.id },
    ]);
    return { row, customer, ops, created: { customerId: customer.id, ownerId: owner.ownerId, derived } };
  } catch (error) {
    if (error instanceof ValidationError) {
      const first = error.issues[0];
      const issues = error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      if (owner.problem) return { column: owner.problem.column, reason: `${owner.problem.reason}; ${issues}` };
      return { column: columnOfField(job.columns, first?.path), reason: issues };
    }
    if (error instanceof DomainError && error.code !== 'conflict') return { reason: error.message };
    throw error;
  }
}

/** Stands in for a refused owner while the rest of the row is validated; never written. */
const UNRESOLVED_OWNER = 'unresolved-owner';

/** The row's owner (the owner column, else the import's default), or why it has none. */
function ownerOfRow(
  job: ImportJob,
  directory: StaffDirectory,
  ownerRef: string | undefined,
): { ownerId: string; problem?: undefined } | { ownerId?: undefined; problem: { column?: string; reason: string } } {
  const column = columnOfField(job.columns, 'ownerId');
  if (ownerRef) {
    const match = directory.resolve(ownerRef);
    return 'reason' in match ? { problem: { column, reason: match.reason } } : { ownerId: match.staff.slackUserId };
  }
  if (job.defaultOwnerId) return { ownerId: job.defaultOwnerId };
  return { problem: { column, reason: 'no owner: fill the owner column or choose an owner for the whole import' } };
}

/** One row in its own transaction: the outcome of its claims decides created, skipped or invalid. */
async function writePrepared(ctx: AppContext, job: ImportJob, p: PreparedRow, now: Date): Promise<RowOutcome> {
  try {
    await ctx.store.transact(p.ops);
    return p.created;
  } catch (error) {
    if (error instanceof ConflictError && error.key === 'error.duplicate_import') {
      const details = error.details as { importId?: string; customerId?: string };
      // Written by this very job before its worker stopped: it counts as created, once.
      if (details.importId === job.id && details.customerId) return writtenBefore(ctx, p, details.customerId, now);
      return 'skipped';
    }
    if (error instanceof ConflictError && error.key === 'error.duplicate_contact') {
      const field = (error.details as { field?: string }).field;
      return { column: columnOfField(job.columns, field), reason: error.message };
    }
    if (error instanceof DomainError && error.code !== 'conflict') return { reason: error.message };
    throw error;
  }
}

/** Checkpoint, invalid rows, audit and counters of one chunk: one transaction when they fit. */
async function checkpoint(
  ctx: AppContext,
  job: ImportJob,
  owner: string,
  result: WrittenChunk,
  now: Date,
  leaseUntil: string,
): Promise<void> {
  const { store } = ctx;
  const retention = ctx.config.customers.imports.retentionDays;
  const { createdRows, ...stored } = result;
  const ops: WriteOp[] = [
    ...store.imports.checkpointOps(job, owner, stored, leaseUntil, retention),
    auditOp({
      at: now.toISOString(),
      actor: job.actorId,
      action: 'customers.imported',
      entity: 'import',
      entityId: job.id,
      note: `chunk ${result.chunk}: created ${createdRows.map((c) => c.customerId).join(' ') || 'none'}; skipped ${result.skipped}; invalid ${result.invalid.length}`,
    }),
  ];
  const counters = createdRows.length ? counterOps(ctx, createdRows, now) : [];
  if (ops.length + counters.length <= MAX_TRANSACTION_ITEMS) {
    await store.transact([...ops, ...counters]);
    return;
  }
  // Very many owners in one chunk: the counters go first in parts, each claimed once, so a resume never counts twice.
  const part = MAX_TRANSACTION_ITEMS - 1;
  for (let i = 0; i * part < counters.length; i++) {
    try {
      await store.transact([
        store.imports.countedClaimOp(job.id, result.chunk, i, job.createdAt, retention),
        ...counters.slice(i * part, (i + 1) * part),
      ]);
    } catch (error) {
      if (!(error instanceof AlreadyCountedError)) throw error;
    }
  }
  await store.transact(ops);
}

function counterOps(ctx: AppContext, created: CreatedRow[], now: Date): WriteOp[] {
  const sums: Record<string, number> = {};
  for (const c of created) {
    for (const [name, by] of Object.entries(increments([metric.customerCreated], c.ownerId))) sums[name] = (sums[name] ?? 0) + by;
  }
  return ctx.store.counters.incrementOps(localDay(now, ctx.config.company.timeZone), sums);
}

registerInProcessImportRunner(runImport);
