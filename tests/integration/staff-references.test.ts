import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIanaTimeZone, systemActor } from '../../lib/domain/staff';
import { sendDueDigests } from '../../lib/services/digest';
import { upsertStaff } from '../../lib/services/staff';
import { startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Staff references and time zones are validated at the edge; one bad stored record stops no job for others (issue 15). */
const LONG_AGO = new Date('2026-01-01T00:00:00Z');
const MONDAY_9_SHANGHAI = new Date('2026-11-30T01:00:00Z');

describe('staff references and time zones', () => {
  let app: TestApp;
  const issuePaths = async (res: Response) => ((await res.json()) as Json).error.details.issues.map((i: Json) => i.path);

  beforeAll(async () => {
    app = await startTestApp();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0MGR1', name: 'Mia', role: 'manager', timeZone: 'Asia/Shanghai' }, LONG_AGO);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0MGR3', name: 'Dan', role: 'manager', timeZone: 'Asia/Shanghai' }, LONG_AGO);
  });
  afterAll(() => app.close());

  it('knows IANA names and nothing else', () => {
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'UTC', 'Europe/London']) expect(isIanaTimeZone(tz)).toBe(true);
    for (const tz of ['Mars/Base', 'Asia/Shanghia', '', '+08:00', 'Asia/../etc']) expect(isIanaTimeZone(tz)).toBe(false);
  });

  it('refuses an unknown time zone, an unknown supervisor and an unknown owner with 422 naming the field, changing nothing', async () => {
    const before = await tableSnapshot(app.ctx);
    const tz = await app.api('/api/staff/U0BAD1', { method: 'PUT', json: { name: 'Bad', role: 'agent', timeZone: 'Mars/Base' } });
    expect(tz.status).toBe(422);
    expect(await issuePaths(tz)).toEqual(['timeZone']);
    const sup = await app.api('/api/staff/U0BAD2', { method: 'PUT', json: { name: 'Bad', role: 'agent', supervisorId: 'U0NOBODY' } });
    expect(sup.status).toBe(422);
    expect(await issuePaths(sup)).toEqual(['supervisorId']);
    const owner = await app.api('/api/customers', { method: 'POST', json: { name: '无主客户', ownerId: 'U0NOBODY' } });
    expect(owner.status).toBe(422);
    expect(await issuePaths(owner)).toEqual(['ownerId']);
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('refuses a PATCH moving a customer to an unknown owner; a known one is fine', async () => {
    const created = (await (
      await app.api('/api/customers', { method: 'POST', json: { name: '有主客户', ownerId: 'U0MGR1' } })
    ).json()) as Json;
    const bad = await app.api(`/api/customers/${created.id}`, {
      method: 'PATCH',
      headers: { 'if-match': '1' },
      json: { ownerId: 'U0NOBODY' },
    });
    expect(bad.status).toBe(422);
    expect(await issuePaths(bad)).toEqual(['ownerId']);
    const good = await app.api(`/api/customers/${created.id}`, {
      method: 'PATCH',
      headers: { 'if-match': '1' },
      json: { ownerId: 'U0MGR3' },
    });
    expect(good.status).toBe(200);
  });

  it('a manager stored with Mars/Base (written before validation existed) does not stop the digest for the others', async () => {
    const now = LONG_AGO.toISOString();
    await app.ctx.store.transact([
      app.ctx.store.staff.putOp(
        { slackUserId: 'U0MGR2', name: 'Marvin', role: 'manager', timeZone: 'Mars/Base', createdAt: now, updatedAt: now, version: 1 },
        0,
      ),
    ]);
    const summary = await sendDueDigests(app.ctx, MONDAY_9_SHANGHAI);
    expect(summary.sent.sort()).toEqual(['U0MGR1', 'U0MGR3']);
    expect(summary.failed).toEqual(['U0MGR2']);
    const counters = (await app.ctx.store.counters.forDays(['2026-11-30'])).get('2026-11-30')!;
    expect(counters['jobs.digest.item_failures']).toBe(1);
    // Fixed, it goes out on the next run; the others are not sent twice.
    await upsertStaff(
      app.ctx,
      systemActor,
      { slackUserId: 'U0MGR2', name: 'Marvin', role: 'manager', timeZone: 'Asia/Shanghai' },
      MONDAY_9_SHANGHAI,
    );
    const retry = await sendDueDigests(app.ctx, new Date(MONDAY_9_SHANGHAI.getTime() + 3600_000));
    expect(retry.sent).toEqual(['U0MGR2']);
  });
});
