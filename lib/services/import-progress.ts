import type { ImportJob } from '../store';
import type { AppContext } from './context';
import { rejectedRowsCsv } from './import-jobs';
import { observeImports } from './import-worker';

/**
 * Tells the conversation an import was started from (job.slack: where and in
 * which language) how it goes: a notice at every tenth of the rows — a chat
 * channel edits one message, and Slack rate-limits edits, so not at every
 * chunk — then the summary with the rejected rows as a CSV. Loaded by the
 * Slack worker's jobs and by the import worker function.
 */
const shownStep = new Map<string, number>();
const STEPS = 10;

const stepOf = (job: Pick<ImportJob, 'rows' | 'rowsDone'>) => (job.rows ? Math.floor((job.rowsDone / job.rows) * STEPS) : STEPS);
const rejectedName = (job: Pick<ImportJob, 'fileName'>) => `rejected-${(job.fileName ?? 'import').replace(/\.[^.]+$/, '')}.csv`;

observeImports({
  async progress(ctx: AppContext, job: ImportJob) {
    if (!job.slack?.ts || job.rowsDone >= job.rows) return;
    const step = stepOf(job);
    if (shownStep.get(job.id) === step) return;
    shownStep.set(job.id, step);
    await ctx.notices.send({ channel: job.slack.channel }, { kind: 'import-progress', locale: job.slack.locale, job });
  },
  async finished(ctx: AppContext, job: ImportJob) {
    shownStep.delete(job.id);
    const origin = job.slack;
    if (!origin?.ts) return;
    // The same file as GET /api/imports/{id}/rejected.csv (UTF-8 with BOM, cells neutralised).
    const rejected =
      job.status === 'done' && job.invalid > 0 ? { fileName: rejectedName(job), csv: await rejectedRowsCsv(ctx, job.id) } : undefined;
    await ctx.notices.send(
      { channel: origin.channel },
      { kind: 'import-finished', locale: origin.locale, job, ...(rejected ? { rejected } : {}) },
    );
  },
});
