import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMove } from '../../lib/domain/customer';
import { seedStaff, startTestApp, type TestApp } from '../support/app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Lifecycle signals only from real events (issue 15), through the REST API as an ERP would send them. */
describe('customer lifecycle signals', () => {
  let app: TestApp;
  const create = async (body: Json) => (await (await app.api('/api/customers', { method: 'POST', json: body })).json()) as Json;
  const patch = (id: string, etag: string, body: Json) =>
    app.api(`/api/customers/${id}`, { method: 'PATCH', headers: { 'if-match': etag }, json: body });
  const winBacks = async (id: string) => (await app.ctx.store.care.tasksOfCustomer(id)).filter((t) => t.kind === 'win-back');

  beforeAll(async () => {
    app = await startTestApp();
    await seedStaff(app.ctx, ['U1']);
  });
  afterAll(async () => app.close());

  it('a move is a change from one known address to another; filling one in is not', () => {
    expect(isMove(undefined, { city: '上海' })).toBe(false);
    expect(isMove({ city: '上海' }, { city: '上海', line: '南京西路1号' })).toBe(false);
    expect(isMove({ city: 'Shanghai ' }, { city: 'shanghai' })).toBe(false);
    expect(isMove({ city: '上海' }, { city: '北京' })).toBe(true);
    expect(isMove({ city: '上海', line: '南京西路1号' }, { city: '上海', line: '淮海中路2号' })).toBe(true);
  });

  it('filling in the address of a new customer changes no stage, makes no task, and its ETag stays good', async () => {
    const c = await create({ name: '新客户', ownerId: 'U1', lifecycleStage: 'active' });
    const first = await patch(c.id, '1', { address: { city: '上海' } });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ lifecycleStage: 'active', version: 2 });
    expect(await winBacks(c.id)).toEqual([]);
    const second = await patch(c.id, first.headers.get('etag')!, { title: '采购经理' });
    expect(second.status).toBe(200);
    const card = (await (await app.api(`/api/customers/${c.id}`)).json()) as Json;
    expect(card.lifecycleStage).toBe('active');
  });

  it('a real move marks the customer at risk, and the PATCH returns the final version: its ETag works for the next PATCH', async () => {
    const c = await create({ name: '搬家客户', ownerId: 'U1', lifecycleStage: 'active', address: { city: '上海' } });
    const moved = await patch(c.id, '1', { address: { city: '北京' } });
    expect(moved.status).toBe(200);
    const body = (await moved.json()) as Json;
    expect(body.lifecycleStage).toBe('at-risk');
    expect(moved.headers.get('etag')).toBe(`"${body.version}"`);
    expect(await winBacks(c.id)).toHaveLength(1);
    const next = await patch(c.id, moved.headers.get('etag')!, { title: '总经理' });
    expect(next.status).toBe(200);
  });
});
