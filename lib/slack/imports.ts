import { ForbiddenError } from '../domain/errors';
import { atLeast } from '../domain/staff';
import { type Locale, t } from '../i18n';
import type { AckContext } from '../services/context';
import { type Block, modal, plain } from './blocks/elements';
import type { SlackFeature } from './feature-module';
import { onView } from './listeners';

/**
 * Customer import from Slack: a manager drops a .csv or .xlsx into a DM with
 * the bot (the `message` event, subtype `file_share`), or picks the file in
 * the `/crm import` modal (a file_input). The listener only hands the file ids
 * to the worker (jobs/imports.ts), which downloads, starts the import job and
 * keeps one message up to date (lib/services/import-progress.ts). Slack also sends
 * `file_shared` for the same upload; the app does not subscribe to it, so one
 * drop is one event.
 */
export const IMPORT_MODAL = 'import.upload';
export const IMPORT_FILE_BLOCK = 'file';
const FILE_ACTION = 'file';

interface SharedFile {
  id: string;
  name?: string;
}

interface FileShareEvent {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  channel: string;
  files?: SharedFile[];
}

export function importModal(ctx: AckContext, locale: Locale) {
  const limits = ctx.config.customers;
  const blocks: Block[] = [
    {
      type: 'input',
      block_id: IMPORT_FILE_BLOCK,
      label: plain(t(locale, 'slack.import.modal.file'), 2000),
      hint: plain(
        t(locale, 'slack.import.modal.hint', {
          rows: limits.importMaxRows,
          megabytes: Math.floor(limits.imports.maxBytes / 1_048_576),
        }),
        2000,
      ),
      element: { type: 'file_input', action_id: FILE_ACTION, max_files: 1, filetypes: ['csv', 'xlsx', 'txt'] },
    } as Block,
  ];
  return modal(IMPORT_MODAL, t(locale, 'slack.import.modal.title'), blocks, { submit: t(locale, 'slack.import.modal.submit') });
}

const sharedFiles = (files: SharedFile[] | undefined) =>
  (files ?? []).filter((f) => typeof f?.id === 'string').map((f) => ({ id: f.id, ...(f.name ? { name: f.name } : {}) }));

export const imports: SlackFeature = {
  subcommands: [
    {
      name: 'import',
      aliases: ['导入'],
      async run(c) {
        const s = await c.session();
        if (!atLeast(s.actor.role, 'manager')) throw new ForbiddenError('Only managers and admins may import', 'slack.import.refused');
        await c.client.views.open({ trigger_id: c.command.trigger_id, view: importModal(c.ctx, s.locale) as never });
        await c.ack();
      },
    },
  ],

  register(app, kit) {
    app.event('message', async ({ event }) => {
      const m = event as unknown as FileShareEvent;
      if (m.channel_type !== 'im' || m.subtype !== 'file_share' || m.bot_id || !m.user) return;
      const files = sharedFiles(m.files);
      if (!files.length) return;
      // The role is checked by the worker, which answers an agent in the same DM.
      await kit.handOff({ kind: 'import.file', userId: m.user, channelId: m.channel, args: { files } });
    });

    onView(app, kit, IMPORT_MODAL, async (v) => {
      const picked = v.values[IMPORT_FILE_BLOCK]?.[FILE_ACTION] as { files?: SharedFile[] } | undefined;
      const files = sharedFiles(picked?.files);
      if (!files.length) {
        const s = await v.session();
        return v.ack({ response_action: 'errors', errors: { [IMPORT_FILE_BLOCK]: t(s.locale, 'slack.import.modal.no_file') } });
      }
      await v.ack();
      await v.handOff('import.file', { files });
    });
  },
};
