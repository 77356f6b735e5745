import { createHmac, randomBytes } from 'node:crypto';

/**
 * Requests shaped exactly as Slack sends them, signed with the signing
 * secret: slash commands (form-encoded), interactivity (form field `payload`
 * holding JSON) and Events API callbacks (JSON). Used by the Slack tests, the
 * benchmark and `npm run chat`.
 */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

const TEAM = { id: 'T0CARELOOP', domain: 'careloop-demo' };
const APP_ID = 'A0CARELOOP';

export const randomId = (prefix: string, n = 10) => `${prefix}${randomBytes(n).toString('hex').toUpperCase().slice(0, n)}`;
export const triggerId = () => `${Date.now()}.${Math.floor(Math.random() * 1e12)}.${randomBytes(8).toString('hex')}`;

export function sign(
  secret: string,
  body: string,
  contentType: string,
  opts: { timestamp?: number; headers?: Record<string, string> } = {},
): SignedRequest {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...opts.headers,
    },
  };
}

export interface SlashCommandInput {
  userId: string;
  text: string;
  responseUrl: string;
  channelId?: string;
  triggerId?: string;
  userName?: string;
}

export function slashCommandBody(c: SlashCommandInput): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: c.channelId ?? `D${c.userId.slice(1)}`,
    channel_name: c.channelId ? 'general' : 'directmessage',
    user_id: c.userId,
    user_name: c.userName ?? c.userId.toLowerCase(),
    command: '/crm',
    text: c.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId ?? triggerId(),
  }).toString();
}

/** Interactivity: `payload=<json>`, form-encoded. */
export const interactivityBody = (payload: unknown) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: TEAM.id });

export interface ButtonClick {
  userId: string;
  actionId: string;
  value: string;
  responseUrl?: string;
  triggerId?: string;
  /** where the button is: a message (channel + ts, maybe ephemeral), or a view (the App Home) */
  message?: { channelId: string; ts: string; blocks?: unknown[]; ephemeral?: boolean };
  view?: { id: string; type: 'home' | 'modal' };
  blockId?: string;
}

export function blockActionsPayload(c: ButtonClick) {
  const action = {
    type: 'button',
    action_id: c.actionId,
    block_id: c.blockId ?? `b${c.actionId}`,
    text: { type: 'plain_text', text: c.actionId, emoji: true },
    value: c.value,
    action_ts: `${Date.now() / 1000}`,
  };
  return {
    type: 'block_actions',
    user: user(c.userId),
    api_app_id: APP_ID,
    token: 'deprecated-verification-token',
    trigger_id: c.triggerId ?? triggerId(),
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    ...(c.message
      ? {
          container: {
            type: c.message.ephemeral ? 'message' : 'message',
            message_ts: c.message.ts,
            channel_id: c.message.channelId,
            is_ephemeral: Boolean(c.message.ephemeral),
          },
          channel: { id: c.message.channelId, name: 'channel' },
          ...(c.message.ephemeral
            ? {}
            : {
                message: {
                  type: 'message',
                  ts: c.message.ts,
                  text: '',
                  user: 'UFAKEBOT',
                  bot_id: 'BFAKEBOT',
                  blocks: c.message.blocks ?? [],
                },
              }),
        }
      : {}),
    ...(c.view
      ? {
          container: { type: 'view', view_id: c.view.id },
          view: { id: c.view.id, type: c.view.type, blocks: [], state: { values: {} }, hash: 'h' },
        }
      : {}),
    ...(c.responseUrl ? { response_url: c.responseUrl } : {}),
    state: { values: {} },
    actions: [action],
  };
}

/** A modal submitted: `values` is block_id → the element's state (as Slack sends it). */
export function viewSubmissionPayload(o: {
  userId: string;
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  viewId?: string;
  triggerId?: string;
}) {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [blockId, state] of Object.entries(o.values)) values[blockId] = { [String(state.action_id ?? 'value')]: state };
  return {
    type: 'view_submission',
    team: TEAM,
    user: user(o.userId),
    api_app_id: APP_ID,
    token: 'deprecated-verification-token',
    trigger_id: o.triggerId ?? triggerId(),
    view: {
      id: o.viewId ?? randomId('V', 10),
      team_id: TEAM.id,
      type: 'modal',
      callback_id: o.callbackId,
      private_metadata: o.privateMetadata ?? '',
      blocks: [],
      state: { values },
      hash: `${Date.now()}.abc`,
      title: { type: 'plain_text', text: 'form' },
      app_id: APP_ID,
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** Element states as Slack reports them. */
export const state = {
  text: (value: string | null) => ({ type: 'plain_text_input', value }),
  select: (value: string | null) => ({
    type: 'static_select',
    selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value },
  }),
  external: (value: string | null, actionId = 'customer.search') => ({
    type: 'external_select',
    action_id: actionId,
    selected_option: value === null ? null : { text: { type: 'plain_text', text: value }, value },
  }),
  user: (id: string | null) => ({ type: 'users_select', selected_user: id }),
  dateTime: (at: Date | null) => ({ type: 'datetimepicker', selected_date_time: at ? Math.floor(at.getTime() / 1000) : null }),
  date: (day: string | null) => ({ type: 'datepicker', selected_date: day }),
  checkboxes: (values: string[]) => ({
    type: 'checkboxes',
    selected_options: values.map((value) => ({ text: { type: 'plain_text', text: value }, value })),
  }),
};

export function blockSuggestionPayload(o: { userId: string; actionId: string; value: string; blockId?: string }) {
  return {
    type: 'block_suggestion',
    user: user(o.userId),
    container: { type: 'view', view_id: randomId('V', 10) },
    api_app_id: APP_ID,
    token: 'deprecated-verification-token',
    action_id: o.actionId,
    block_id: o.blockId ?? 'customer',
    value: o.value,
    team: TEAM,
    view: { id: randomId('V', 10), type: 'modal', callback_id: 'complaint.modal', state: { values: {} } },
  };
}

export function messageShortcutPayload(o: {
  userId: string;
  channelId: string;
  message: { ts: string; text: string; user: string };
  responseUrl: string;
  triggerId?: string;
}) {
  return {
    type: 'message_action',
    token: 'deprecated-verification-token',
    action_ts: `${Date.now() / 1000}`,
    team: TEAM,
    user: user(o.userId),
    channel: { id: o.channelId, name: 'support' },
    is_enterprise_install: false,
    callback_id: 'complaint.from_message',
    trigger_id: o.triggerId ?? triggerId(),
    response_url: o.responseUrl,
    message_ts: o.message.ts,
    message: { type: 'message', user: o.message.user, ts: o.message.ts, text: o.message.text },
  };
}

export function eventCallbackBody(event: Record<string, unknown>, o: { eventId?: string; botUserId?: string } = {}): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: TEAM.id,
    api_app_id: APP_ID,
    event: { event_ts: `${Date.now() / 1000}`, ...event },
    type: 'event_callback',
    event_id: o.eventId ?? randomId('Ev', 10),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM.id, user_id: o.botUserId ?? 'UFAKEBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

export const dmEvent = (userId: string, text: string) => ({
  type: 'message',
  channel: `D${userId.slice(1)}`,
  channel_type: 'im',
  user: userId,
  text,
  ts: `${Date.now() / 1000}`,
});
