import type { WebClient } from '@slack/web-api';
import type { AckContext } from '../services/context';
import { errorText, isOurFault } from './errors';
import type { Kit, WorkerJobInput } from './feature-module';
import type { App } from './runtime/bolt';
import { postToResponseUrl } from './runtime/response-url';
import type { Session } from './runtime/session';
import { openViewOnce } from './runtime/view-once';
import type { WorkerJobKind } from './worker-job-kinds';

/**
 * Button and modal listeners with the chores done once: one ack, the
 * session loaded on demand, hand-off to the worker with the click's reply
 * address, and any failure told to the user in their language.
 */

/** Where a click came from: a message (maybe ephemeral), a modal or the App Home. */
export interface Click {
  userId: string;
  triggerId?: string;
  responseUrl?: string;
  channelId?: string;
  messageTs?: string;
  isEphemeral: boolean;
  viewId?: string;
  viewType?: string;
  /** the blocks of the message clicked, to edit one part of it */
  messageBlocks?: unknown[];
}

interface ActionBody {
  user: { id: string };
  trigger_id?: string;
  response_url?: string;
  container?: { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean; view_id?: string };
  channel?: { id?: string };
  message?: { ts?: string; blocks?: unknown[] };
  view?: { id?: string; type?: string };
}

export function clickOf(body: ActionBody): Click {
  return {
    userId: body.user.id,
    triggerId: body.trigger_id,
    responseUrl: body.response_url,
    channelId: body.container?.channel_id ?? body.channel?.id,
    messageTs: body.container?.message_ts ?? body.message?.ts,
    isEphemeral: Boolean(body.container?.is_ephemeral),
    viewId: body.container?.view_id ?? body.view?.id,
    viewType: body.view?.type,
    messageBlocks: body.message?.blocks,
  };
}

export interface ActionArgs {
  ctx: AckContext;
  client: WebClient;
  click: Click;
  value: string;
  now: Date;
  session(): Promise<Session>;
  ack(): Promise<void>;
  /** views.open with the click's trigger_id (valid for three seconds) */
  openModal(view: unknown): Promise<void>;
  /** the worker answers; `reply` goes to the click's response_url when there is one */
  handOff(kind: WorkerJobKind, args?: Record<string, unknown>): Promise<void>;
}

async function tell(client: WebClient, click: Click, text: string): Promise<void> {
  if (click.responseUrl) await postToResponseUrl(click.responseUrl, { text });
  else await client.chat.postMessage({ channel: click.userId, text });
}

export function onAction(app: App, kit: Kit, actionId: string, run: (a: ActionArgs) => Promise<void>): void {
  app.action(actionId, async ({ ack, body, client, action }) => {
    const now = new Date();
    const click = clickOf(body as unknown as ActionBody);
    const value = String(
      (action as { value?: string; selected_option?: { value?: string } }).value ??
        (action as { selected_option?: { value?: string } }).selected_option?.value ??
        '',
    );
    let acked = false;
    let session: Promise<Session> | undefined;
    const a: ActionArgs = {
      ctx: kit.ctx,
      client,
      click,
      value,
      now,
      session: () => (session ??= kit.session(client, click.userId)),
      async ack() {
        if (acked) return;
        acked = true;
        await ack();
      },
      async openModal(view) {
        if (!click.triggerId) throw new Error('no trigger_id to open a modal with');
        await openViewOnce(kit.ctx, client, click.triggerId, view, now);
      },
      async handOff(kind, args = {}) {
        const job: WorkerJobInput = {
          kind,
          userId: click.userId,
          responseUrl: click.responseUrl,
          channelId: click.channelId,
          args: {
            ...args,
            click: {
              channelId: click.channelId,
              messageTs: click.messageTs,
              isEphemeral: click.isEphemeral,
              viewId: click.viewId,
              viewType: click.viewType,
            },
          },
          receivedAt: now.toISOString(),
        };
        await kit.handOff(job);
        await a.ack();
      },
    };
    try {
      await run(a);
    } catch (error) {
      if (isOurFault(error)) kit.ctx.logger.error('slack action failed', { actionId, error: error as Error });
      await a.ack();
      const locale = (await a.session().catch(() => undefined))?.locale ?? kit.ctx.config.company.defaultLocale;
      await tell(client, click, errorText(error, locale)).catch(() => {});
    } finally {
      await a.ack();
    }
  });
}

export interface ViewArgs {
  ctx: AckContext;
  client: WebClient;
  userId: string;
  viewId: string;
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  now: Date;
  session(): Promise<Session>;
  /** closes the modal, or answers with errors / an updated view */
  ack(response?: Record<string, unknown>): Promise<void>;
  /** `route`: the reply address of the click that opened the modal (kept in private_metadata) */
  handOff(kind: WorkerJobKind, args?: Record<string, unknown>, route?: { responseUrl?: string; channelId?: string }): Promise<void>;
}

export function onView(app: App, kit: Kit, callbackId: string, run: (v: ViewArgs) => Promise<void>): void {
  app.view(callbackId, async ({ ack, body, view, client }) => {
    const now = new Date();
    const userId = body.user.id;
    let acked = false;
    let session: Promise<Session> | undefined;
    const v: ViewArgs = {
      ctx: kit.ctx,
      client,
      userId,
      viewId: view.id,
      values: view.state.values as unknown as ViewArgs['values'],
      privateMetadata: view.private_metadata,
      now,
      session: () => (session ??= kit.session(client, userId)),
      async ack(response) {
        if (acked) return;
        acked = true;
        await ack(response as never);
      },
      async handOff(kind, args = {}, route = {}) {
        await kit.handOff({ kind, userId, ...route, args: { ...args, viewId: view.id }, receivedAt: now.toISOString() });
      },
    };
    try {
      await run(v);
    } catch (error) {
      if (isOurFault(error)) kit.ctx.logger.error('slack view failed', { callbackId, error: error as Error });
      const locale = (await v.session().catch(() => undefined))?.locale ?? kit.ctx.config.company.defaultLocale;
      await v.ack();
      await client.chat.postMessage({ channel: userId, text: errorText(error, locale) }).catch(() => {});
    } finally {
      await v.ack();
    }
  });
}
