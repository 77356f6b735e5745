import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStaff, startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// The REST routes read the real clock; 2100 (the schema's last year) is after any day these tests run.
describe('customers REST API: a birthday in the future', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedStaff(app.ctx, ['UBDAY01']);
  });
  afterAll(() => app.close());

  const pathsOf = async (res: Response) => ((await res.json()) as Json).error.details.issues.map((i: Json) => i.path);

  it('is refused on create (422 naming birthday) and writes nothing', async () => {
    const before = await tableSnapshot(app.ctx);
    const res = await app.api('/api/customers', {
      method: 'POST',
      json: { name: '未来客户', ownerId: 'UBDAY01', birthday: { year: 2100, month: 1, day: 1 } },
    });
    expect(res.status).toBe(422);
    expect(await pathsOf(res)).toEqual(['birthday']);
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('is refused on update (422 naming the field), the customer unchanged; a past birthday is accepted', async () => {
    const created = await app.api('/api/customers', {
      method: 'POST',
      json: { name: '过去客户', ownerId: 'UBDAY01', birthday: { year: 1990, month: 5, day: 20 } },
    });
    expect(created.status).toBe(201);
    const customer = (await created.json()) as Json;
    const before = await tableSnapshot(app.ctx);
    const refused = await app.api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      headers: { 'if-match': '1' },
      json: { lunarBirthday: { year: 2100, month: 3, day: 3 } },
    });
    expect(refused.status).toBe(422);
    expect(await pathsOf(refused)).toEqual(['lunarBirthday.year']);
    expect(await tableSnapshot(app.ctx)).toEqual(before);
    const fine = await app.api(`/api/customers/${customer.id}`, {
      method: 'PATCH',
      headers: { 'if-match': '1' },
      json: { lunarBirthday: { year: 1990, month: 4, day: 26 } },
    });
    expect(fine.status).toBe(200);
  });
});
