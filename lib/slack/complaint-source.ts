import type { WebClient } from '@slack/web-api';
import type { AckContext } from '../services/context';

/**
 * What a "Log complaint" button refers to. Button values hold 2,000
 * characters at most and come back as typed by nobody: they carry a short
 * reference (where the form was asked for), never user text, and the click
 * reads the message or customer again.
 *   home | customer:<id> | message:<channel>:<ts>
 */
export type ComplaintSource =
  | { kind: 'home' }
  | { kind: 'customer'; customerId: string }
  | { kind: 'message'; channelId: string; ts: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TS = /^\d{1,12}\.\d{1,8}$/;

export function complaintSourceValue(source: ComplaintSource): string {
  switch (source.kind) {
    case 'home':
      return 'home';
    case 'customer':
      return `customer:${source.customerId}`;
    case 'message':
      return `message:${source.channelId}:${source.ts}`;
  }
}

/** The reference back from a button value; anything else is an empty form. */
export function complaintSourceOf(value: string | undefined): ComplaintSource | undefined {
  const [kind, a, b] = (value ?? '').split(':');
  if (kind === 'home') return { kind: 'home' };
  if (kind === 'customer' && a && ID.test(a)) return { kind: 'customer', customerId: a };
  if (kind === 'message' && a && ID.test(a) && b && TS.test(b)) return { kind: 'message', channelId: a, ts: b };
  return undefined;
}

/** The text of a message (top-level, else a thread reply); undefined when the bot cannot read it. */
export async function readMessageText(client: WebClient, ctx: AckContext, channel: string, ts: string): Promise<string | undefined> {
  try {
    const history = await client.conversations.history({ channel, latest: ts, oldest: ts, inclusive: true, limit: 1 });
    const top = history.messages?.find((m) => m.ts === ts);
    if (top?.text) return top.text;
    const replies = await client.conversations.replies({ channel, ts, limit: 1 });
    return replies.messages?.find((m) => m.ts === ts)?.text;
  } catch (error) {
    ctx.logger.warn('could not read the message', { channel, ts, error: error as Error });
    return undefined;
  }
}
