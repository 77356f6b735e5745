import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { increments, metric } from '../../lib/domain/metrics';
import { systemActor } from '../../lib/domain/staff';
import { upsertStaff } from '../../lib/services/staff';
import { startTestApp, type TestApp } from '../support/app';

/** GET /api/reports/monthly: the digest's figures for a month, as JSON or CSV. */
describe('monthly report API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    const { ctx } = app;
    await upsertStaff(
      ctx,
      systemActor,
      { slackUserId: 'U0ANN', name: '=Ann, "the" agent', role: 'agent' },
      new Date('2026-01-01T00:00:00Z'),
    );
    const add = (day: string, m: Record<string, number>) => ctx.store.transact([...ctx.store.counters.incrementOps(day, m)]);
    await add('2026-09-10', { 'complaints.opened': 4, 'complaints.sla.due': 4, 'complaints.sla.met': 2, 'care.return_visits.due': 0 });
    await add(
      '2026-10-03',
      increments(
        [
          metric.complaintOpened('major', 'delivery'),
          metric.complaintSlaDue,
          metric.complaintSlaMet,
          metric.npsAnswer(10),
          metric.npsAnswer(0),
          metric.npsAnswer(8),
        ],
        'U0ANN',
      ),
    );
    await add('2026-10-31', {
      ...increments([metric.complaintOpened('critical', 'billing'), metric.complaintSlaDue]),
      'care.return_visits.due': 3,
      'care.return_visits.done': 2,
    });
  });
  afterAll(() => app.close());

  it('returns each figure with the previous month and the change', async () => {
    const res = await app.api('/api/reports/monthly?month=2026-10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      month: string;
      period: unknown;
      previous: unknown;
      partial: boolean;
      figures: Array<{ key: string; value: number | null; previous: number | null; delta: number | null; relative: number | null }>;
      owners: Array<{ ownerId: string; name?: string; opened: number }>;
    };
    expect(body).toMatchObject({
      month: '2026-10',
      period: { start: '2026-10-01', end: '2026-10-31' },
      previous: { month: '2026-09', start: '2026-09-01', end: '2026-09-30' },
      partial: false,
    });
    const fig = (key: string) => body.figures.find((f) => f.key === key);
    expect(fig('complaints.opened')).toEqual({ key: 'complaints.opened', value: 2, previous: 4, delta: -2, relative: -0.5 });
    expect(fig('complaints.sla_compliance')).toEqual({
      key: 'complaints.sla_compliance',
      value: 0.5,
      previous: 0.5,
      delta: 0,
      relative: 0,
    });
    // (1 promoter − 1 detractor) ÷ 3 answers = 0; September had no answers, so there is no change to tell.
    expect(fig('surveys.nps')).toEqual({ key: 'surveys.nps', value: 0, previous: null, delta: null, relative: null });
    // Visits: 2 of 3 done; September had 0 due → no rate, no change (no division by zero).
    expect(fig('care.return_visit_completion')).toMatchObject({ previous: null, delta: null });
    expect(fig('care.return_visit_completion')!.value).toBeCloseTo(2 / 3, 10);
    expect(body.owners).toEqual([expect.objectContaining({ ownerId: 'U0ANN', name: '=Ann, "the" agent', opened: 1 })]);
  });

  it('returns CSV when asked for text/csv, one row per figure and per owner figure', async () => {
    const res = await app.api('/api/reports/monthly?month=2026-10', { headers: { accept: 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('careloop-report-2026-10.csv');
    const rows = parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>;
    expect(rows.find((r) => r.metric === 'complaints.opened' && r.section === 'complaints')).toMatchObject({
      unit: 'count',
      value: '2',
      previous: '4',
      change: '-2',
      change_relative: '-0.5',
    });
    expect(rows.find((r) => r.metric === 'care.return_visit_completion' && r.section === 'care')).toMatchObject({
      value: '0.6667',
      previous: '',
      change: '',
    });
    const owner = rows.find((r) => r.section === 'owner' && r.metric === 'complaints.opened')!;
    // A name that a spreadsheet would run as a formula is kept as text.
    expect(owner).toMatchObject({ owner_id: 'U0ANN', owner_name: `'=Ann, "the" agent`, value: '1' });
  });

  it('refuses a malformed or future month, naming the field', async () => {
    const bad = await app.api('/api/reports/monthly?month=2026-13');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('month');
    const missing = await app.api('/api/reports/monthly');
    expect(missing.status).toBe(422);
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 2, 1);
    const future = await app.api(`/api/reports/monthly?month=${next.toISOString().slice(0, 7)}`);
    expect(future.status).toBe(422);
  });

  it('needs an API key', async () => {
    const res = await fetch(`${app.baseUrl}/api/reports/monthly?month=2026-10`);
    expect(res.status).toBe(401);
  });
});
