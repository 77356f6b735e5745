import type { Locale } from '../i18n';
import { errorText, isOurFault } from './errors';
import type { CommandContext, Kit, Reply, Subcommand } from './feature-module';
import type { App } from './runtime/bolt';
import type { Session } from './runtime/session';

/**
 * `/crm`, one command with subcommands. The first word picks the subcommand
 * (English or Chinese); anything else is a customer lookup. The listener only
 * acknowledges, opens a modal, or hands the work to the worker.
 */
export function registerCrmCommand(app: App, kit: Kit, subcommands: Subcommand[], lookup: Subcommand): void {
  const byWord = new Map<string, Subcommand>();
  for (const sub of subcommands) for (const word of [sub.name, ...(sub.aliases ?? [])]) byWord.set(word.toLowerCase(), sub);
  const help = byWord.get('help');

  app.command('/crm', async ({ command, ack, client }) => {
    const now = new Date();
    const text = command.text.trim();
    const first = text.split(/\s+/)[0] ?? '';
    const chosen = text === '' ? help : byWord.get(first.toLowerCase());
    let acked = false;
    let session: Promise<Session> | undefined;
    const c: CommandContext = {
      ctx: kit.ctx,
      client,
      command,
      args: chosen && text !== '' ? text.slice(first.length).trim() : text,
      now,
      session: () => (session ??= kit.session(client, command.user_id)),
      async ack(reply?: Reply) {
        if (acked) return;
        acked = true;
        await ack(reply ? { response_type: 'ephemeral', text: reply.text, blocks: reply.blocks as never } : undefined);
      },
      async handOff(kind, args = {}) {
        await kit.handOff({
          kind,
          userId: command.user_id,
          responseUrl: command.response_url,
          channelId: command.channel_id,
          args,
          receivedAt: now.toISOString(),
        });
        await c.ack();
      },
    };
    try {
      await (chosen ?? lookup).run(c);
    } catch (error) {
      if (isOurFault(error)) kit.ctx.logger.error('/crm failed', { text, error: error as Error });
      const locale: Locale = (await c.session().catch(() => undefined))?.locale ?? kit.ctx.config.company.defaultLocale;
      await c.ack({ text: errorText(error, locale) });
    } finally {
      await c.ack();
    }
  });
}
