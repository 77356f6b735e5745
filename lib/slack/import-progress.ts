import { t } from '../i18n';
import type { AppContext } from '../services/context';
import { rejectedRowsCsv } from '../services/import-jobs';
import { observeImports } from '../services/import-worker';
import type { ImportJob } from '../store/imports';
import { importProgressMessage, importSummaryMessage, progressStep } from './blocks/imports';

/**
 * Shows a job started from Slack in the message the bot posted for it
 * (job.slack): chat.update at every tenth of the rows — Slack rate-limits
 * chat.update, so not at every chunk — then the summary, and the rejected
 * rows as a CSV file in the same conversation (files.uploadV2). Loaded by
 * the Slack worker's jobs and by the import worker Lambda.
 */
const shownStep = new Map<string, number>();

const rejectedName = (job: Pick<ImportJob, 'fileName'>) => `rejected-${(job.fileName ?? 'import').replace(/\.[^.]+$/, '')}.csv`;

observeImports({
  async progress(ctx: AppContext, job: ImportJob) {
    if (!job.slack?.ts || job.rowsDone >= job.rows) return;
    const step = progressStep(job);
    if (shownStep.get(job.id) === step) return;
    shownStep.set(job.id, step);
    await ctx.notifier.update(job.slack.channel, job.slack.ts, importProgressMessage(job, job.slack.locale));
  },
  async finished(ctx: AppContext, job: ImportJob) {
    shownStep.delete(job.id);
    const slack = job.slack;
    if (!slack?.ts) return;
    const rejected = job.status === 'done' && job.invalid > 0 ? rejectedName(job) : undefined;
    await ctx.notifier.update(slack.channel, slack.ts, importSummaryMessage(job, slack.locale, rejected));
    if (!rejected) return;
    // The same file as GET /api/imports/{id}/rejected.csv (UTF-8 with BOM, cells neutralised).
    const csv = await rejectedRowsCsv(ctx, job.id);
    await ctx.notifier.upload(slack.channel, {
      filename: rejected,
      data: Buffer.from(csv, 'utf8'),
      title: t(slack.locale, 'slack.import.rejected_title'),
    });
  },
});
