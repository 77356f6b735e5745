import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStaff, startTestApp, type TestApp, tableOf } from '../support/app';

describe('local stack', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedStaff(app.ctx, ['U001']);
  });
  afterAll(() => app.close());

  it('answers /healthz without a key', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checks: { dynamodb: 'ok' } });
    const live = await fetch(`${app.baseUrl}/livez`);
    expect(live.status).toBe(200);
  });

  it('/healthz answers 503 naming DynamoDB when the table cannot be reached; /livez stays 200', async () => {
    const ping = app.ctx.store.ping;
    app.ctx.store.ping = () =>
      tableOf(app.ctx)
        .doc.send(new GetCommand({ TableName: 'no_such_table_13', Key: { pk: 'x', sk: 'y' } }))
        .then(() => undefined);
    try {
      const res = await fetch(`${app.baseUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, checks: { dynamodb: 'unreachable' } });
      expect((await fetch(`${app.baseUrl}/livez`)).status).toBe(200);
    } finally {
      app.ctx.store.ping = ping;
    }
  });

  it('creates and reads back a customer', async () => {
    const created = await app.api('/api/customers', { method: 'POST', json: { name: '张三', ownerId: 'U001', phones: ['13800138000'] } });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; phones: string[] };
    expect(body.phones).toEqual(['+8613800138000']);
    const read = await app.api(`/api/customers/${body.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { name: string }).name).toBe('张三');
  });
});
