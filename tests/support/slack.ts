import { type FakeSlack, startFakeSlack } from '../../lib/local/fake-slack';
import {
  type ButtonClick,
  blockActionsPayload,
  eventCallbackBody,
  interactivityBody,
  sign,
  slashCommandBody,
} from '../../lib/local/slack-payloads';
import { webApiTransport } from '../../lib/slack/notices/slack-transport';
import { forgetSlackProfiles } from '../../lib/slack/runtime/session';
import { inProcessJobsSettled } from '../../lib/slack/runtime/worker-dispatch';
import { startTestApp, type TestApp } from './app';

/**
 * The local stack wired to a fake Slack: the bot's Web API calls, and the
 * Slack notice adapter's, land in `fake`. `send*` post signed requests to /slack/events.
 */
export const SIGNING_SECRET = 'test-secret';

export interface SlackTestApp extends TestApp {
  fake: FakeSlack;
  post(
    body: string,
    contentType: string,
    opts?: { timestamp?: number; headers?: Record<string, string>; secret?: string },
  ): Promise<Response>;
  command(
    userId: string,
    text: string,
    opts?: { responseUrl?: string; triggerId?: string; channelId?: string },
  ): Promise<{ res: Response; responseUrl: string }>;
  interact(payload: unknown, opts?: { headers?: Record<string, string> }): Promise<Response>;
  click(c: Omit<ButtonClick, 'responseUrl'> & { responseUrl?: string }): Promise<{ res: Response; responseUrl: string }>;
  event(event: Record<string, unknown>, opts?: { eventId?: string; headers?: Record<string, string> }): Promise<Response>;
  /** waits until every in-process worker job has finished */
  settled(): Promise<void>;
}

export async function startSlackTestApp(env: Record<string, string> = {}): Promise<SlackTestApp> {
  const fake = await startFakeSlack({ botToken: 'xoxb-test' });
  forgetSlackProfiles();
  const app = await startTestApp(
    { SLACK_API_URL: fake.url, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', ...env },
    webApiTransport('xoxb-test', fake.url),
  );
  const post: SlackTestApp['post'] = (body, contentType, opts = {}) => {
    const signed = sign(opts.secret ?? SIGNING_SECRET, body, contentType, opts);
    return fetch(`${app.baseUrl}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  };
  const interact: SlackTestApp['interact'] = (payload, opts = {}) =>
    post(interactivityBody(payload), 'application/x-www-form-urlencoded', opts);
  return {
    ...app,
    fake,
    post,
    interact,
    async command(userId, text, opts = {}) {
      const responseUrl = opts.responseUrl ?? fake.responseUrl();
      const res = await post(
        slashCommandBody({ userId, text, responseUrl, triggerId: opts.triggerId, channelId: opts.channelId }),
        'application/x-www-form-urlencoded',
      );
      return { res, responseUrl };
    },
    async click(c) {
      const responseUrl = c.responseUrl ?? fake.responseUrl();
      const res = await interact(blockActionsPayload({ ...c, responseUrl }));
      return { res, responseUrl };
    },
    event: (event, opts = {}) => post(eventCallbackBody(event, { eventId: opts.eventId }), 'application/json', { headers: opts.headers }),
    settled: () => inProcessJobsSettled(),
    async close() {
      await inProcessJobsSettled();
      await app.close();
      await fake.stop();
      assertNothingRefused(fake);
    },
  };
}

/** Fails when the bot sent anything real Slack would have refused (the strict twin's record). */
export function assertNothingRefused(fake: FakeSlack): void {
  const refused = fake.refusals();
  if (!refused.length) return;
  const lines = refused.map((c) => `${c.method} → ${c.refusal!.error} ${c.refusal!.messages.slice(0, 5).join('; ')}`);
  throw new Error(`Slack would have refused ${refused.length} call(s):\n${lines.join('\n')}`);
}

/** The response_url post made for one request. */
export function responseFor(fake: FakeSlack, responseUrl: string) {
  const id = responseUrl.split('/').pop();
  return fake.waitFor((c) => c.method === 'response_url' && c.args.id === id);
}

/** Every text of a Block Kit message, flattened, for assertions that read like what a user sees. */
export function textOf(message: { text?: unknown; blocks?: unknown } | undefined): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [k, v] of Object.entries(node)) {
      if (k === 'text' && typeof v === 'string') out.push(v);
      else if (typeof v === 'object') walk(v);
    }
  };
  if (typeof message?.text === 'string') out.push(message.text);
  walk(message?.blocks);
  return out.join('\n');
}
