import type { SlackFeature } from './feature-module';

/**
 * Conversational queries: a DM to the bot or an @mention, in Chinese or
 * English. The listener hands the text to the worker (jobs/ask.ts), which
 * asks lib/services/ask.ts and answers in the DM or in the mention's thread.
 */
interface MessageEvent {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
}

const botUserIdOf = (body: unknown) => (body as { authorizations?: Array<{ user_id?: string }> }).authorizations?.[0]?.user_id;

export const ask: SlackFeature = {
  register(app, kit) {
    app.event('message', async ({ event, body }) => {
      const m = event as unknown as MessageEvent;
      // Only people's own DMs: no edits, joins or bot messages (the bot's own replies come back as events too).
      if (m.channel_type !== 'im' || m.subtype || m.bot_id || !m.user || !m.text?.trim()) return;
      await kit.handOff({
        kind: 'ask.answer',
        userId: m.user,
        channelId: m.channel,
        ...(m.thread_ts ? { threadTs: m.thread_ts } : {}),
        args: { text: m.text, botUserId: botUserIdOf(body) },
      });
    });
    app.event('app_mention', async ({ event, body }) => {
      if (!event.user || (event as { bot_id?: string }).bot_id) return;
      await kit.handOff({
        kind: 'ask.answer',
        userId: event.user,
        channelId: event.channel,
        threadTs: event.thread_ts ?? event.ts,
        args: { text: event.text, botUserId: botUserIdOf(body) },
      });
    });
  },
};
