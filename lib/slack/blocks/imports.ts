import { type Locale, t } from '../../i18n';
import type { ImportJob } from '../../store';
import { type Block, context, esc, section } from './elements';

/**
 * The one message a Slack import keeps updating: a progress bar while the
 * worker runs, then the summary (and, below it, the rejected-rows file).
 */
const BAR_CELLS = 10;

export type ImportView = Pick<
  ImportJob,
  'fileName' | 'rows' | 'rowsDone' | 'created' | 'skipped' | 'invalid' | 'warnings' | 'status' | 'failure' | 'startedAt' | 'finishedAt'
>;

const fileOf = (job: Pick<ImportJob, 'fileName'>) => job.fileName ?? 'CSV';

/** `▓▓▓▓░░░░░░ 40%` */
export function progressBar(done: number, total: number): string {
  const share = total ? Math.min(1, done / total) : 1;
  const filled = Math.floor(share * BAR_CELLS);
  return `${'▓'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)} ${Math.floor(share * 100)}%`;
}

export function importReadingMessage(fileName: string, locale: Locale) {
  const text = t(locale, 'slack.import.reading', { file: fileName });
  return { text, blocks: [section(esc(text))] as Block[] };
}

export function importProgressMessage(job: ImportView, locale: Locale) {
  const text = t(locale, 'slack.import.progress', { file: fileOf(job), done: job.rowsDone, rows: job.rows });
  return { text, blocks: [section(esc(text)), context(`\`${progressBar(job.rowsDone, job.rows)}\``), ...warningBlocks(job, locale)] };
}

export function importSummaryMessage(job: ImportView, locale: Locale, rejectedFileName?: string) {
  const seconds =
    job.startedAt && job.finishedAt ? Math.max(0, Math.round((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 100) / 10) : 0;
  const text =
    job.status === 'done'
      ? t(locale, 'slack.import.done', {
          file: fileOf(job),
          created: job.created,
          skipped: job.skipped,
          invalid: job.invalid,
          seconds,
        })
      : t(locale, 'slack.import.failed', { file: fileOf(job), reason: job.failure ?? '?', done: job.rowsDone, rows: job.rows });
  const blocks: Block[] = [section(esc(text)), context(`\`${progressBar(job.rowsDone, job.rows)}\``), ...warningBlocks(job, locale)];
  if (rejectedFileName) blocks.push(context(esc(t(locale, 'slack.import.rejected_hint', { name: rejectedFileName }))));
  return { text, blocks };
}

function warningBlocks(job: ImportView, locale: Locale): Block[] {
  const columns = job.warnings.map((w) => w.column).filter(Boolean);
  return columns.length ? [context(esc(t(locale, 'slack.import.unknown_columns', { columns: columns.join(', ') })))] : [];
}
