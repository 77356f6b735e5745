import type { Reply } from '../feature-module';

/**
 * Answers through a command's or a click's response_url: ephemeral by
 * default, or replacing the message the click came from. Slack accepts five
 * posts per response_url within 30 minutes, plenty for one reply.
 */
export async function postToResponseUrl(url: string, reply: Reply): Promise<void> {
  const body = reply.replaceOriginal
    ? { replace_original: true, text: reply.text, blocks: reply.blocks }
    : { response_type: 'ephemeral', replace_original: false, text: reply.text, blocks: reply.blocks };
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
  await res.arrayBuffer();
}
