import type { Interface } from 'node:readline/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatSession, followFake } from '../../lib/local/chat';
import { type FakeCall, type FakeSlack, startFakeSlack } from '../../lib/local/fake-slack';

/** `npm run chat`: typed dates in the staff member's zone; it follows the stack across a restart. */
const options = { base: 'http://localhost:1', fakeUrl: 'http://localhost:2', secret: 's', all: false };
let fakes: FakeSlack[] = [];
afterEach(async () => {
  await Promise.all(fakes.map((f) => f.stop()));
  fakes = [];
});

describe('npm run chat', () => {
  it("reads a typed date as the staff member's wall-clock time, not the machine's", () => {
    const chat = new ChatSession(options, 'http://localhost:2', {} as Interface);
    chat.zones.set('U0SH', 'Asia/Shanghai');
    chat.zones.set('U0NY', 'America/New_York');
    chat.setUser('U0SH');
    expect(chat.parseLocal('2026-12-02 18:00')?.toISOString()).toBe('2026-12-02T10:00:00.000Z');
    chat.setUser('U0NY');
    expect(chat.parseLocal('2026-12-02 18:00')?.toISOString()).toBe('2026-12-02T23:00:00.000Z');
    expect(chat.parseLocal('tomorrow')).toBeUndefined();
  });

  it('says when the stack is gone and when it is back, and follows the new record', async () => {
    const first = await startFakeSlack();
    fakes.push(first);
    const port = Number(new URL(first.url).port);
    const seen: FakeCall[] = [];
    const lines: string[] = [];
    const stop = { stopped: false };
    const following = followFake(
      first.url,
      (c) => seen.push(c),
      stop,
      (l) => lines.push(l),
    );
    const call = (url: string, text: string) =>
      fetch(`${url}/api/chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'U0SH', text }),
      });
    await new Promise((r) => setTimeout(r, 200));
    await call(first.url, 'before');
    await expect.poll(() => seen.map((c) => c.args.text)).toContain('before');
    await first.stop();
    fakes = [];
    await expect.poll(() => lines.join('\n'), { timeout: 5000 }).toContain('Lost the stack');
    const second = await startFakeSlack({ port });
    fakes.push(second);
    await call(second.url, 'after restart');
    await expect.poll(() => seen.map((c) => c.args.text), { timeout: 10_000 }).toContain('after restart');
    expect(lines.join('\n')).toContain('Reconnected');
    stop.stopped = true;
    await second.stop();
    fakes = [];
    await following;
  }, 20_000);
});
