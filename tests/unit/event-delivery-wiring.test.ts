import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { createContext } from '../../lib/services/context';
import { deliverEvent, stageEvent } from '../../lib/services/events';
import { openStore } from '../../lib/store';

/**
 * This file imports neither lib/services/subscribers nor tests/support/app (vitest gives each
 * file its own modules), so it is an entry point that did not load the subscribers, like every
 * function but functions/events.ts. No request reaches DynamoDB: staging only builds an op.
 */
const event = { type: 'interaction.logged', at: '2026-12-06T08:00:00.000Z', customerId: 'cus_1', kind: 'call', by: 'U0AGENT' } as const;
const now = new Date(event.at);

function contextWith(eventDelivery: 'inline' | 'stream') {
  const config = loadConfig({ TABLE_NAME: 'wiring', EVENT_DELIVERY: eventDelivery });
  // A port nothing listens on: a request would fail, and none is made.
  return createContext({ config, store: openStore({ tableName: 'wiring', endpoint: 'http://127.0.0.1:9', region: 'us-east-1' }) });
}

describe('an entry point without the event subscribers', () => {
  it('stages events for the stream to deliver', () => {
    const staged = stageEvent(contextWith('stream'), event, now);
    expect(staged.event).toEqual(event);
    expect(staged.op).toBeDefined();
  });

  it('refuses to stage an event it would have to deliver inline, before anything is written', () => {
    expect(() => stageEvent(contextWith('inline'), event, now)).toThrow(/has not loaded lib\/services\/subscribers/);
  });

  it('refuses to deliver one', async () => {
    await expect(deliverEvent(contextWith('stream'), 'evt_1', event, now)).rejects.toThrow(/interaction\.logged delivered/);
  });
});
