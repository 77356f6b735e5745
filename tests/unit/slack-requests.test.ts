import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { deliveryIdOf } from '../../lib/slack/runtime/dedupe';
import { hasValidSignature, parseSlackBody, rawBodyOf } from '../../lib/slack/runtime/receiver';
import { localeFromSlack } from '../../lib/slack/runtime/session';

const SECRET = 'unit-secret';
const eventWith = (body: string, ts: number, signature?: string): APIGatewayProxyEventV2 =>
  ({
    headers: {
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature ?? `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
    },
    body,
    isBase64Encoded: false,
  }) as unknown as APIGatewayProxyEventV2;

describe('Slack request signatures', () => {
  const now = Date.parse('2025-06-18T04:00:00Z');
  const ts = now / 1000;

  it('accepts an HMAC-SHA256 over v0:<timestamp>:<body> made with the signing secret', () => {
    expect(hasValidSignature(SECRET, eventWith('a=1', ts), 'a=1', now)).toBe(true);
  });

  it('rejects another secret, a changed body, or a missing signature', () => {
    expect(hasValidSignature('other', eventWith('a=1', ts), 'a=1', now)).toBe(false);
    expect(hasValidSignature(SECRET, eventWith('a=1', ts), 'a=2', now)).toBe(false);
    expect(hasValidSignature(SECRET, { headers: {} } as APIGatewayProxyEventV2, '', now)).toBe(false);
  });

  it('accepts timestamps up to five minutes away in either direction, and nothing further', () => {
    for (const skew of [-300, 300]) expect(hasValidSignature(SECRET, eventWith('x', ts + skew), 'x', now)).toBe(true);
    for (const skew of [-301, 301]) expect(hasValidSignature(SECRET, eventWith('x', ts + skew), 'x', now)).toBe(false);
  });
});

describe('Slack bodies', () => {
  it('decodes base64 bodies as UTF-8, so Chinese survives API Gateway', () => {
    const text = JSON.stringify({ text: '我今天有什么任务' });
    expect(rawBodyOf({ body: Buffer.from(text).toString('base64'), isBase64Encoded: true })).toBe(text);
  });

  it('reads commands as forms, interactivity as the JSON in `payload`, events as JSON', () => {
    expect(parseSlackBody('command=%2Fcrm&text=%E5%BC%A0%E4%B8%89', 'application/x-www-form-urlencoded')).toMatchObject({
      command: '/crm',
      text: '张三',
    });
    expect(parseSlackBody(`payload=${encodeURIComponent('{"type":"block_actions"}')}`, 'application/x-www-form-urlencoded')).toEqual({
      type: 'block_actions',
    });
    expect(parseSlackBody('{"type":"event_callback"}', 'application/json')).toEqual({ type: 'event_callback' });
    expect(parseSlackBody('{not json', 'application/json')).toBeUndefined();
  });

  it('names a delivery by event_id for events and by trigger_id for interactions; option lists need none', () => {
    expect(deliveryIdOf({ type: 'event_callback', event_id: 'Ev1', event: {} })).toBe('event:Ev1');
    expect(deliveryIdOf({ command: '/crm', trigger_id: 't1' })).toBe('trigger:t1');
    expect(deliveryIdOf({ type: 'view_submission', trigger_id: 't2' })).toBe('trigger:t2');
    expect(deliveryIdOf({ type: 'block_suggestion', value: 'zh' })).toBeUndefined();
  });

  it('maps Slack locales to the two CareLoop speaks', () => {
    expect(localeFromSlack('zh-CN')).toBe('zh-CN');
    expect(localeFromSlack('zh-TW')).toBe('zh-CN');
    expect(localeFromSlack('en-GB')).toBe('en');
    expect(localeFromSlack('ja-JP')).toBeUndefined();
  });
});
