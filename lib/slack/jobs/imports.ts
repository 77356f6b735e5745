import * as z from 'zod';
import { DomainError } from '../../domain/errors';
import { atLeast } from '../../domain/staff';
import { t } from '../../i18n';
import type { AppContext } from '../../services/context';
import { startImport } from '../../services/import-jobs';
import { importReadingMessage } from '../blocks/imports';
import { errorText } from '../errors';
import type { FeatureJobs, JobContext } from '../feature-module';
import { slackCredentials } from '../runtime/credentials';
import { claimDelivery, releaseDelivery } from '../runtime/dedupe';
// Loaded for its registration: the job's progress is shown wherever the worker runs.
import '../../services/import-progress';

/**
 * The worker's half of a Slack import: the file's metadata from files.info,
 * its bytes from url_private_download with the bot token, then the import job
 * (lib/services/import-jobs.ts) with the message to keep up to date. A file is
 * taken once, whatever delivers it again.
 */
const args = z.object({
  files: z
    .array(z.object({ id: z.string().regex(/^F[A-Z0-9]+$/), name: z.string().max(500).optional() }))
    .min(1)
    .max(10),
});

const SHEET_TYPES = /\.(csv|xlsx|txt|tsv)$/i;
const DOWNLOAD_TIMEOUT_MS = 30_000;

interface SlackFile {
  id: string;
  name?: string;
  size?: number;
  url_private_download?: string;
}

async function importFile(j: JobContext): Promise<void> {
  const { ctx, client, job, locale } = j;
  if (!atLeast(j.actor.role, 'manager')) return j.reply({ text: t(locale, 'slack.import.refused') });
  const { files } = args.parse(job.args);
  for (const shared of files) {
    if (!(await claimDelivery(ctx, `file:${shared.id}`, j.now))) {
      ctx.logger.info('slack file already imported', { fileId: shared.id });
      continue;
    }
    const file = (await client.files.info({ file: shared.id })).file as SlackFile | undefined;
    const name = file?.name ?? shared.name ?? shared.id;
    if (!file?.url_private_download || !SHEET_TYPES.test(name)) {
      await j.reply({ text: `:warning: ${t(locale, 'slack.import.not_a_sheet', { file: name })}` });
      continue;
    }
    const limit = ctx.config.customers.imports.maxBytes;
    if ((file.size ?? 0) > limit) {
      await j.reply({ text: `:warning: ${t(locale, 'slack.import.too_large', { file: name, size: file.size ?? 0, limit })}` });
      continue;
    }
    const reading = importReadingMessage(name, locale);
    const posted = await client.chat.postMessage({ channel: job.channelId ?? job.userId, text: reading.text, blocks: reading.blocks });
    const channel = posted.channel ?? job.channelId ?? job.userId;
    const ts = posted.ts;
    try {
      const bytes = await download(ctx, file.url_private_download, name, limit);
      await startImport(ctx, j.actor, { bytes, fileName: name, slack: { channel, ts, userId: job.userId, locale } }, j.now);
    } catch (error) {
      if (!(error instanceof DomainError)) {
        ctx.logger.error('slack import failed to start', { fileId: file.id, error: error as Error });
        // Not the file's fault (Slack or the table unreachable): the same file may be tried again.
        await releaseDelivery(ctx, `file:${shared.id}`, j.now).catch(() => {});
      }
      const text = errorText(error, locale);
      if (ts) await client.chat.update({ channel, ts, text, blocks: [] });
      else await j.reply({ text });
    }
  }
}

/**
 * The bot token goes only to Slack's own file host (or the configured Slack
 * twin). Without the files:read scope Slack answers with its sign-in page
 * (HTML, status 200), which is told apart from a CSV here.
 */
async function download(ctx: AppContext, url: string, name: string, limit: number): Promise<Uint8Array> {
  const failed = () =>
    new DomainError('bad_request', `could not download ${name} from Slack`, { file: name }, 'slack.import.download_failed', { file: name });
  const target = new URL(url);
  const twin = ctx.config.slack.apiUrl ? new URL(ctx.config.slack.apiUrl).origin : undefined;
  const slackHost = target.protocol === 'https:' && /(^|\.)slack(-edge)?\.com$/.test(target.hostname);
  if (!slackHost && target.origin !== twin) throw failed();
  const { botToken } = await slackCredentials(ctx);
  const res = await fetch(target, { headers: { authorization: `Bearer ${botToken}` }, signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok || (res.headers.get('content-type') ?? '').startsWith('text/html')) throw failed();
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > limit)
    throw new DomainError('payload_too_large', `${name} is larger than ${limit} bytes`, { limit }, 'import.error.too_large', { limit });
  return bytes;
}

export const importJobs = { 'import.file': importFile } satisfies FeatureJobs;
