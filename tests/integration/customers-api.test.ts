import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStaff, startTestApp, type TestApp } from '../support/app';
import { tableSnapshot } from '../support/table-snapshot';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('customers REST API', () => {
  let app: TestApp;
  const create = async (body: Json) => {
    const res = await app.api('/api/customers', { method: 'POST', json: body });
    return { status: res.status, body: (await res.json()) as Json };
  };

  beforeAll(async () => {
    app = await startTestApp();
    await seedStaff(app.ctx, ['U1', 'U0AG1', 'UPAGER']);
  });
  afterAll(() => app.close());

  it('refuses requests without a key or with a wrong key (401)', async () => {
    expect((await fetch(`${app.baseUrl}/api/customers`)).status).toBe(401);
    const wrong = await fetch(`${app.baseUrl}/api/customers`, { headers: { authorization: 'Bearer clk_wrong' } });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Json).error.code).toBe('unauthorized');
  });

  it('creates a customer with normalised phone, computed tier and an audit event', async () => {
    const { status, body } = await create({
      name: 'Emily Johnson',
      ownerId: 'U0AG1',
      phones: ['+1 415 555 2671'],
      emails: ['Emily@Example.com'],
      purchases: { count: 20, amount: 150000 },
    });
    expect(status).toBe(201);
    expect(body).toMatchObject({ phones: ['+14155552671'], emails: ['emily@example.com'], tier: 'A', version: 1, lifecycleStage: 'new' });
    const audit = await app.ctx.store.audit.forRecord('customer', body.id);
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ action: 'customer.created', actor: 'apikey:test' });
    expect(audit.items[0]!.changes!.name).toEqual({ before: undefined, after: 'Emily Johnson' });
  });

  it('names every invalid field (422) and writes nothing', async () => {
    const before = await tableSnapshot(app.ctx);
    const { status, body } = await create({ name: '', ownerId: 'U1', phones: ['not a phone'], birthday: { month: 13, day: 1 } });
    expect(status).toBe(422);
    const paths = body.error.details.issues.map((i: Json) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'birthday.month']));
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('refuses a phone or email that already belongs to another customer (409), atomically', async () => {
    await create({ name: '李四', ownerId: 'U1', phones: ['13912345678'] });
    const before = await tableSnapshot(app.ctx);
    const dup = await create({ name: '李四二', ownerId: 'U1', phones: ['+86 139 1234 5678'] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('+8613912345678');
    expect(await tableSnapshot(app.ctx)).toEqual(before);
  });

  it('finds by exact phone (any format) and email', async () => {
    const { body: c } = await create({ name: 'Phone Person', ownerId: 'U1', phones: ['13811112222'], emails: ['pp@example.com'] });
    const byPhone = (await (await app.api('/api/customers?phone=%2B86%20138-1111-2222')).json()) as Json;
    expect(byPhone.items.map((i: Json) => i.id)).toEqual([c.id]);
    const byEmail = (await (await app.api('/api/customers?email=PP@example.com')).json()) as Json;
    expect(byEmail.items.map((i: Json) => i.id)).toEqual([c.id]);
    const none = (await (await app.api('/api/customers?phone=13800000001')).json()) as Json;
    expect(none.items).toEqual([]);
  });

  it('updates with If-Match and refuses a stale version (412) or a missing one (428)', async () => {
    const { body: c } = await create({ name: 'Versioned', ownerId: 'U1', phones: ['13700001111'] });
    const ok = await app.api(`/api/customers/${c.id}`, {
      method: 'PATCH',
      headers: { 'if-match': '1' },
      json: { title: 'CFO', phones: ['13700002222'] },
    });
    expect(ok.status).toBe(200);
    const updated = (await ok.json()) as Json;
    expect(updated).toMatchObject({ version: 2, title: 'CFO', phones: ['+8613700002222'] });
    expect(ok.headers.get('etag')).toBe('"2"');
    const stale = await app.api(`/api/customers/${c.id}`, { method: 'PATCH', headers: { 'if-match': '1' }, json: { title: 'CEO' } });
    expect(stale.status).toBe(412);
    const missing = await app.api(`/api/customers/${c.id}`, { method: 'PATCH', json: { title: 'CEO' } });
    expect(missing.status).toBe(428);
    // the old phone was released and the new one claimed
    const again = await create({ name: 'Takes old phone', ownerId: 'U1', phones: ['13700001111'] });
    expect(again.status).toBe(201);
    const taken = await create({ name: 'Takes new phone', ownerId: 'U1', phones: ['13700002222'] });
    expect(taken.status).toBe(409);
  });

  it('lets exactly one of many concurrent updates at the same version win', async () => {
    const { body: c } = await create({ name: 'Contended', ownerId: 'U1' });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        app
          .api(`/api/customers/${c.id}`, { method: 'PATCH', headers: { 'if-match': '1' }, json: { title: `T${i}` } })
          .then((r) => r.status),
      ),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(1);
    expect(results.filter((s) => s === 412 || s === 409)).toHaveLength(9);
    const audit = await app.ctx.store.audit.forRecord('customer', c.id);
    expect(audit.items.filter((e) => e.action === 'customer.updated')).toHaveLength(1);
  });

  it('records a manual tier override with its reason', async () => {
    const { body: c } = await create({ name: 'Override', ownerId: 'U1' });
    expect(c.tier).toBe('C');
    const res = await app.api(`/api/customers/${c.id}`, {
      method: 'PATCH',
      headers: { 'if-match': '1' },
      json: { tierOverride: { tier: 'A', reason: 'strategic account' } },
    });
    const body = (await res.json()) as Json;
    expect(body.tier).toBe('A');
    expect(body.tierOverride).toMatchObject({ tier: 'A', reason: 'strategic account', by: 'apikey:test' });
  });

  it('searches names by characters, pinyin and initials', async () => {
    const { body: zs } = await create({ name: '张三', ownerId: 'U1' });
    for (const q of ['张', 'zhang', 'zhangsan', 'zs']) {
      const res = (await (await app.api(`/api/customers?q=${encodeURIComponent(q)}`)).json()) as Json;
      expect(
        res.items.map((i: Json) => i.id),
        q,
      ).toContain(zs.id);
    }
  });

  it('lists by tier, owner and stage with an opaque cursor', async () => {
    for (let i = 0; i < 5; i++) await create({ name: `Paged ${i}`, ownerId: 'UPAGER', lifecycleStage: 'active' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = (await (await app.api(`/api/customers?ownerId=UPAGER&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as Json;
      seen.push(...res.items.map((i: Json) => i.name));
      cursor = res.cursor;
    } while (cursor);
    expect(seen).toEqual(['Paged 0', 'Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
    const bad = await app.api('/api/customers?ownerId=UPAGER&cursor=garbage');
    expect(bad.status).toBe(400);
    const foreign = (await (await app.api('/api/customers?ownerId=UPAGER&limit=1')).json()) as Json;
    expect((await app.api(`/api/customers?tier=C&cursor=${foreign.cursor}`)).status).toBe(400);
  });

  it('masks nothing for API keys but hides the credit grade unless asked, and audits that read', async () => {
    const { body: c } = await create({ name: 'Credit', ownerId: 'U1', creditGrade: 'red' });
    const plain = (await (await app.api(`/api/customers/${c.id}`)).json()) as Json;
    expect(plain.creditGrade).toBeUndefined();
    const restricted = (await (await app.api(`/api/customers/${c.id}?include=restricted`)).json()) as Json;
    expect(restricted.creditGrade).toBe('red');
    const audit = await app.ctx.store.audit.forRecord('customer', c.id);
    expect(audit.items.map((e) => e.action)).toContain('customer.restricted_read');
  });

  it('keeps contacts under organizations and a newest-first timeline', async () => {
    const { body: org } = await create({ name: 'Acme Trading', kind: 'organization', ownerId: 'U1' });
    const contact = await app.api(`/api/customers/${org.id}/contacts`, {
      method: 'POST',
      json: { name: '刘总', decisionRole: 'decision-maker', phone: '13600001234' },
    });
    expect(contact.status).toBe(201);
    expect(((await contact.json()) as Json).phone).toBe('+8613600001234');
    const { body: person } = await create({ name: 'Solo', ownerId: 'U1' });
    const refused = await app.api(`/api/customers/${person.id}/contacts`, { method: 'POST', json: { name: 'X' } });
    expect(refused.status).toBe(422);
    for (const [i, at] of ['2026-01-01T10:00:00Z', '2026-03-01T10:00:00Z', '2026-02-01T10:00:00Z'].entries()) {
      const r = await app.api(`/api/customers/${org.id}/interactions`, {
        method: 'POST',
        json: { kind: 'call', summary: `call ${i}`, at },
      });
      expect(r.status).toBe(201);
    }
    const page1 = (await (await app.api(`/api/customers/${org.id}/interactions?limit=2`)).json()) as Json;
    expect(page1.items.map((i: Json) => i.summary)).toEqual(['call 1', 'call 2']);
    const page2 = (await (await app.api(`/api/customers/${org.id}/interactions?limit=2&cursor=${page1.cursor}`)).json()) as Json;
    expect(page2.items.map((i: Json) => i.summary)).toEqual(['call 0']);
    const after = await app.ctx.store.customers.get(org.id);
    expect(after?.lastInteractionAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('exports everything held on one customer', async () => {
    const { body: c } = await create({ name: 'Exported', ownerId: 'U1', phones: ['13500001111'] });
    await app.api(`/api/customers/${c.id}/interactions`, { method: 'POST', json: { kind: 'note', summary: 'likes tea' } });
    const res = await app.api(`/api/customers/${c.id}/export`);
    expect(res.status).toBe(200);
    const data = (await res.json()) as Json;
    expect(data.customer.phones).toEqual(['+8613500001111']);
    expect(data.timeline.map((t: Json) => t.summary)).toEqual(['likes tea']);
    expect(data.audit.map((a: Json) => a.action)).toContain('customer.created');
  });

  it('erases a customer with contacts, timeline, claims and history, keeping only that an erase happened', async () => {
    const { body: c } = await create({
      name: '王五',
      kind: 'organization',
      ownerId: 'U1',
      phones: ['13300001111'],
      emails: ['wang@example.com'],
    });
    await app.api(`/api/customers/${c.id}/contacts`, { method: 'POST', json: { name: '联系人' } });
    await app.api(`/api/customers/${c.id}/interactions`, { method: 'POST', json: { kind: 'visit', summary: 'visited' } });
    const del = await app.api(`/api/customers/${c.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await app.api(`/api/customers/${c.id}`)).status).toBe(404);
    const snapshot = (await tableSnapshot(app.ctx)).join('\n');
    expect(snapshot).not.toContain('王五');
    expect(snapshot).not.toContain('13300001111');
    expect(snapshot).not.toContain('wang@example.com');
    const audit = await app.ctx.store.audit.forRecord('customer', c.id);
    expect(audit.items.map((e) => e.action)).toEqual(['customer.erased']);
    expect(JSON.stringify(audit.items)).not.toContain('王五');
    const search = (await (await app.api(`/api/customers?q=wangwu`)).json()) as Json;
    expect(search.items).toEqual([]);
    // the phone is free again
    expect((await create({ name: 'New owner of phone', ownerId: 'U1', phones: ['13300001111'] })).status).toBe(201);
  });

  it('answers 404 for unknown customers and routes, 415 for a wrong content type', async () => {
    expect((await app.api('/api/customers/cus_nope')).status).toBe(404);
    expect((await app.api('/api/nothing')).status).toBe(404);
    const text = await app.api('/api/customers', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"name":"x"}' });
    expect(text.status).toBe(415);
  });

  it('publishes an OpenAPI document generated from the schemas', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/openapi.json`)).json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/api/customers'].post;
    expect(post.requestBody.content['application/json'].schema.properties.name.type).toBe('string');
    expect(post.requestBody.content['application/json'].schema.required).toContain('ownerId');
    expect(doc.paths['/api/customers/{id}'].patch).toBeDefined();
  });
});
