import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskFreeText } from '../../lib/domain/masking';
import { type Actor, systemActor } from '../../lib/domain/staff';
import { dmEvent, eventCallbackBody } from '../../lib/local/slack-payloads';
import { openComplaint } from '../../lib/services/complaints';
import { createCustomer, logInteraction } from '../../lib/services/customers';
import { upsertStaff } from '../../lib/services/staff';
import { responseFor, type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

/**
 * Issue 13 §2: an agent never sees the phone number or e-mail address of a
 * customer they do not own — not in the phone/e-mail fields and not inside
 * free text (notes, complaint descriptions) — on any surface the bot renders.
 * Every surface is driven as that agent; then everything the bot sent anywhere
 * is searched for the raw contact details.
 */
const PHONE_FORMS = ['13912348475', '139 1234 8475', '139-1234-8475', '+8613912348475'];
const EMAIL = 'wang5@example.com';

describe('masking on every surface', () => {
  let app: SlackTestApp;
  const owner: Actor = { id: 'U0OWNER1', kind: 'staff', role: 'agent' };

  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0OWNER1', name: 'Owner One', role: 'agent', locale: 'en' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0SNOOP1', name: 'Snoop Agent', role: 'agent', locale: 'en' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0SNOOP2', name: '偷看', role: 'agent', locale: 'zh-CN' }, now);
    const c = await createCustomer(
      app.ctx,
      systemActor,
      { name: 'Wang Wu', ownerId: 'U0OWNER1', phones: ['13912348475'], emails: [EMAIL] },
      now,
    );
    await createCustomer(app.ctx, systemActor, { name: '王五', ownerId: 'U0OWNER1' }, now);
    await openComplaint(
      app.ctx,
      owner,
      {
        customerId: c.id,
        channel: 'phone',
        category: 'delivery',
        severity: 'major',
        description: `Parcel lost; call 139 1234 8475 or write to ${EMAIL}`,
      },
      now,
    );
    // A second later than the complaint's own timeline entry, so it is the card's "last interaction".
    await logInteraction(
      app.ctx,
      owner,
      c.id,
      { kind: 'call', summary: `Asked to be called on 139-1234-8475, mail ${EMAIL}`, outcome: 'Reach him at +8613912348475' },
      new Date(now.getTime() + 1000),
    );
  });
  afterAll(() => app.close());

  const command = async (userId: string, text: string) => {
    const { responseUrl } = await app.command(userId, text);
    return textOf((await responseFor(app.fake, responseUrl)).args as { text: string; blocks: unknown[] });
  };
  const dm = async (userId: string, text: string) => {
    const after = app.fake.calls().at(-1)?.seq ?? 0;
    await app.event(dmEvent(userId, text));
    const answer = await app.fake.waitFor(
      (c) => c.seq > after && c.method === 'chat.postMessage' && c.args.channel === `D${userId.slice(1)}`,
    );
    return textOf(answer.args as { text: string; blocks: unknown[] });
  };
  const leaks = (text: string) => [...PHONE_FORMS, EMAIL].filter((raw) => text.includes(raw));

  it('the owner sees the details (the check below can fail)', async () => {
    const card = await command('U0OWNER1', 'Wang Wu');
    expect(card).toContain('+8613912348475');
    expect(card).toContain('139-1234-8475');
  });

  it("no surface shows another owner's customer contact details to an agent", async () => {
    const start = app.fake.calls().at(-1)?.seq ?? 0;
    const surfaces: Array<[string, () => Promise<string>]> = [
      ['/crm <name> (card, last note)', () => command('U0SNOOP1', 'Wang Wu')],
      ['/crm find', () => command('U0SNOOP1', 'find Wang Wu')],
      ['/crm complaints @owner', () => command('U0SNOOP1', 'complaints <@U0OWNER1|owner>')],
      ['/crm complaints', () => command('U0SNOOP1', 'complaints')],
      ['DM how is X doing', () => dm('U0SNOOP1', 'how is Wang Wu doing')],
      ['DM complaints of X', () => dm('U0SNOOP1', 'does Wang Wu have complaints recently')],
      ['DM who owns X', () => dm('U0SNOOP1', 'who owns Wang Wu')],
      ['DM X最近有投诉吗', () => dm('U0SNOOP2', 'Wang Wu最近有投诉吗')],
      ['DM X怎么样', () => dm('U0SNOOP2', 'Wang Wu最近怎么样')],
      ['DM name only', () => dm('U0SNOOP1', 'Wang Wu')],
    ];
    const found: string[] = [];
    for (const [name, run] of surfaces) {
      const text = await run();
      expect(text.length, name).toBeGreaterThan(0);
      for (const raw of leaks(text)) found.push(`${name}: ${raw}`);
    }
    await app.post(eventCallbackBody({ type: 'app_home_opened', user: 'U0SNOOP1', channel: 'D0SNOOP1', tab: 'home' }), 'application/json');
    await app.settled();
    // Everything the bot sent while the agent used it: replies, DMs, App Home views, modals.
    const sent = app.fake.calls().filter((c) => c.seq > start);
    for (const call of sent) for (const raw of leaks(JSON.stringify(call.args).replace(/\\n/g, '\n'))) found.push(`${call.method}: ${raw}`);
    expect(found).toEqual([]);
  });

  it('one masking function: phones in any spelling and e-mails inside text', () => {
    expect(maskFreeText(`call 139 1234 8475, +86 139-1234-8475 or ${EMAIL}; order 2026`)).toBe(
      'call 139****8475, 861****8475 or w***@example.com; order 2026',
    );
  });
});
