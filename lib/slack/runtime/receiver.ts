import { parse as parseQueryString } from 'node:querystring';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isValidSlackRequest } from './bolt';

/**
 * What happens to a request before Bolt sees it. AwsLambdaReceiver checks the
 * signature only against stale timestamps, decodes base64 bodies as ASCII
 * (API Gateway base64-encodes form posts; Chinese text in JSON would break) and
 * throws a 500 on a body it cannot parse before checking the signature. So the
 * body is decoded here, the signature checked in both directions of the
 * clock, and only then is the event handed on.
 */
const MAX_SKEW_SECONDS = 5 * 60;

export function header(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function rawBodyOf(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** The same event with a UTF-8 text body, as Bolt expects it. */
export function withTextBody(event: APIGatewayProxyEventV2, rawBody: string): APIGatewayProxyEventV2 {
  return { ...event, body: rawBody, isBase64Encoded: false };
}

/** HMAC-SHA256 over `v0:<timestamp>:<body>` and a timestamp within five minutes of now, either way. */
export function hasValidSignature(signingSecret: string, event: APIGatewayProxyEventV2, rawBody: string, nowMs: number): boolean {
  const signature = header(event, 'x-slack-signature');
  const timestamp = Number(header(event, 'x-slack-request-timestamp'));
  if (!signature || !Number.isInteger(timestamp)) return false;
  // Bolt rejects stale timestamps only; a timestamp from the future is as suspect.
  if (timestamp > Math.floor(nowMs / 1000) + MAX_SKEW_SECONDS) return false;
  return isValidSlackRequest({
    signingSecret,
    body: rawBody,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    nowMilliseconds: nowMs,
  });
}

/** A Slack body as Bolt reads it: JSON (events), a form (commands), or a form with a JSON `payload` (interactivity). */
export function parseSlackBody(rawBody: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
      const form = parseQueryString(rawBody);
      if (typeof form.payload === 'string') return JSON.parse(form.payload) as Record<string, unknown>;
      return form as Record<string, unknown>;
    }
    const parsed: unknown = JSON.parse(rawBody);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
