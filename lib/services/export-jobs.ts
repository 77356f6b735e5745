import { exportRequest } from '../domain/customer-export';
import { ForbiddenError } from '../domain/errors';
import { type Actor, atLeast } from '../domain/staff';
import { parseInput } from '../domain/validation';
import { type ExportJob, newId } from '../store';
import type { AppContext } from './context';
import { dispatchExport } from './export-dispatch';

/**
 * Export of the whole customer book (or the part the list filters select) as
 * a job: the request is answered at once, the worker (export-worker.ts) writes
 * the file. Managers and admins only: the file holds every phone and e-mail.
 */
/** A job still "running" after this long lost its worker (Lambda's limit is 15 minutes). */
const STALE_MS = 16 * 60_000;

export async function startExport(ctx: AppContext, actor: Actor, raw: unknown, now: Date): Promise<ExportJob> {
  if (!atLeast(actor.role, 'manager')) throw new ForbiddenError('Only managers and admins may export customers');
  const request = parseInput(exportRequest, raw, 'export');
  const job: ExportJob = {
    id: newId('exp', now.getTime()),
    status: 'queued',
    actorId: actor.id,
    actorRole: actor.role,
    request,
    rows: 0,
    bytes: 0,
    parts: 0,
    createdAt: now.toISOString(),
  };
  await ctx.store.exports.create(job, ctx.config.customers.imports.retentionDays);
  await dispatchExport(ctx, job.id);
  return job;
}

/** What GET /api/exports/{id} shows. */
export async function exportReport(ctx: AppContext, actor: Actor, id: string, now: Date) {
  const job = await readable(ctx, actor, id);
  const stalled =
    (job.status === 'running' || job.status === 'queued') && now.getTime() - Date.parse(job.startedAt ?? job.createdAt) > STALE_MS;
  const status = stalled ? 'failed' : job.status;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now.getTime();
  return {
    id: job.id,
    status,
    format: job.request.format,
    filters: { tier: job.request.tier, ownerId: job.request.ownerId, stage: job.request.stage },
    rows: job.rows,
    bytes: job.bytes,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    seconds: job.startedAt ? Math.max(0, Math.round((end - Date.parse(job.startedAt)) / 100) / 10) : 0,
    ...(stalled ? { failure: 'the export worker stopped; start a new export' } : job.failure ? { failure: job.failure } : {}),
    ...(status === 'done' ? { file: `/api/exports/${job.id}/file` } : {}),
  };
}

/** The finished file, with its content type and a file name. */
export async function exportFile(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ bytes: Buffer; contentType: string; fileName: string } | undefined> {
  const job = await readable(ctx, actor, id);
  if (job.status !== 'done') return undefined;
  const xlsx = job.request.format === 'xlsx';
  return {
    bytes: await ctx.store.exports.file(id),
    contentType: xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
    fileName: `customers-${job.id}.${xlsx ? 'xlsx' : 'csv'}`,
  };
}

async function readable(ctx: AppContext, actor: Actor, id: string): Promise<ExportJob> {
  if (!atLeast(actor.role, 'manager')) throw new ForbiddenError('Only managers and admins may export customers');
  return ctx.store.exports.mustGet(id);
}
