import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay, plusDays } from '../../lib/domain/calendar';
import type { CareTask } from '../../lib/domain/care';
import type { Actor } from '../../lib/domain/staff';
import { runCareDaily } from '../../lib/services/care-daily';
import { createCustomer } from '../../lib/services/customers';
import { startTestApp, type TestApp } from '../support/app';

const agent: Actor = { id: 'U1', kind: 'staff', role: 'agent' };

describe('REST /api/tasks', () => {
  let app: TestApp;
  let tasks: CareTask[];
  beforeAll(async () => {
    // Only Christmas is active, so no festival adds holiday tasks to these February days.
    app = await startTestApp({ CARELOOP_CARE: JSON.stringify({ festivals: ['christmas'] }) });
    const joined = new Date('2025-01-01T00:00:00Z');
    for (const [name, owner, day] of [
      ['甲', 'U1', 10],
      ['乙', 'U1', 10],
      ['丙', 'U2', 10],
      ['丁', 'U1', 12],
    ] as const) {
      await createCustomer(app.ctx, agent, { name, ownerId: owner, birthday: { month: 2, day } }, joined);
    }
    await runCareDaily(app.ctx, new Date('2025-02-10T00:00:00Z'));
    await runCareDaily(app.ctx, new Date('2025-02-12T00:00:00Z'));
    const res = await app.api('/api/tasks?assignee=U1&limit=100');
    tasks = ((await res.json()) as { items: CareTask[] }).items;
  });
  afterAll(() => app.close());

  const patch = (id: string, json: unknown, headers: Record<string, string> = {}) =>
    app.api(`/api/tasks/${id}`, { method: 'PATCH', json, headers });

  it("lists an assignee's tasks in due order", () => {
    expect(tasks.map((t) => t.dueDate)).toEqual(['2025-02-10', '2025-02-10', '2025-02-12']);
    expect(tasks.every((t) => t.assigneeId === 'U1')).toBe(true);
  });

  it('filters by status, kind and due range, and pages with a cursor', async () => {
    const inRange = (await (await app.api('/api/tasks?status=pending&kind=birthday&dueFrom=2025-02-11&dueTo=2025-02-28')).json()) as {
      items: CareTask[];
    };
    expect(inRange.items.map((t) => t.customerName)).toEqual(['丁']);
    const first = (await (await app.api('/api/tasks?assignee=U1&limit=2')).json()) as { items: CareTask[]; cursor?: string };
    expect(first.items).toHaveLength(2);
    const second = (await (await app.api(`/api/tasks?assignee=U1&limit=2&cursor=${first.cursor}`)).json()) as { items: CareTask[] };
    expect(second.items.map((t) => t.id)).toEqual([tasks[2]!.id]);
  });

  it('refuses a bad filter, naming it', async () => {
    const res = await app.api('/api/tasks?dueFrom=2025-13-01');
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('dueFrom');
    expect((await app.api('/api/tasks?status=open')).status).toBe(422);
  });

  it('PATCH done closes the task and writes the customer timeline; done again is a 409', async () => {
    const res = await patch(tasks[0]!.id, { action: 'done', note: '电话祝福' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await res.json()).toMatchObject({ status: 'done', outcomeNote: '电话祝福' });
    const timeline = (await (await app.api(`/api/customers/${tasks[0]!.customerId}/interactions`)).json()) as {
      items: Array<{ kind: string; refId: string }>;
    };
    expect(timeline.items[0]).toMatchObject({ kind: 'care-task', refId: tasks[0]!.id });
    expect((await patch(tasks[0]!.id, { action: 'done' })).status).toBe(409);
  });

  it('If-Match is optional, but when sent it must be the current version', async () => {
    expect((await patch(tasks[1]!.id, { action: 'snooze', days: 7 }, { 'if-match': '"9"' })).status).toBe(412);
    const res = await patch(tasks[1]!.id, { action: 'snooze', days: 7 }, { 'if-match': '"1"' });
    expect(res.status).toBe(200);
    // The API acts "now": a week from today in the company's zone.
    expect(await res.json()).toMatchObject({ status: 'snoozed', dueDate: plusDays(localDay(new Date(), 'Asia/Shanghai'), 7) });
  });

  it('PATCH skip closes the task with its reason', async () => {
    const res = await patch(tasks[2]!.id, { action: 'skip', note: '客户出国' });
    expect(await res.json()).toMatchObject({ status: 'skipped', outcomeNote: '客户出国' });
  });

  it('validates the change and answers 404 for an unknown task', async () => {
    expect((await patch(tasks[2]!.id, { action: 'archive' })).status).toBe(422);
    expect((await patch(tasks[2]!.id, { action: 'snooze', days: 400 })).status).toBe(422);
    expect((await patch('ctk_nope', { action: 'done' })).status).toBe(404);
  });

  it('GET one task carries its version as ETag', async () => {
    const res = await app.api(`/api/tasks/${tasks[2]!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
  });

  it("export carries a customer's care tasks, and erase removes them with the care schedule", async () => {
    const id = tasks[0]!.customerId;
    const exported = (await (await app.api(`/api/customers/${id}/export`)).json()) as { careTasks: CareTask[] };
    expect(exported.careTasks.map((t) => t.id)).toContain(tasks[0]!.id);
    expect((await app.api(`/api/customers/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await app.ctx.store.care.tasksOfCustomer(id)).toEqual([]);
    expect(await app.ctx.store.care.scheduleOf(id)).toEqual([]);
    expect((await app.api(`/api/tasks/${tasks[0]!.id}`)).status).toBe(404);
  });
});
