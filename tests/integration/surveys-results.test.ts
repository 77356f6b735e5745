import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../../lib/domain/calendar';
import { detractorsIn } from '../../lib/services/digest-sources';
import { submitSurvey } from '../../lib/services/survey-answers';
import type { SurveyResults } from '../../lib/services/survey-results';
import { startTestApp, type TestApp } from '../support/app';
import { aSurveyLink } from '../support/surveys';

/**
 * NPS = % promoters − % detractors; CSAT = % of 4–5; CES = mean effort (docs/domain.md, Digests and metrics).
 * Owner UA: NPS 10, 9, 3 and CSAT 5, 2; owner UB: NPS 8 and CSAT 4, CES 6, 3.
 */
describe('survey results', () => {
  let app: TestApp;
  const answeredAt = new Date('2025-06-20T03:00:00Z');
  beforeAll(async () => {
    app = await startTestApp();
    const answers: Array<[string, string, string]> = [
      ['UA', 'nps', '10'],
      ['UA', 'nps', '9'],
      ['UA', 'nps', '3'],
      ['UA', 'csat', '5'],
      ['UA', 'csat', '2'],
      ['UB', 'nps', '8'],
      ['UB', 'csat', '4'],
      ['UB', 'ces', '6'],
      ['UB', 'ces', '3'],
    ];
    for (const [owner, templateId, score] of answers) {
      const { token } = await aSurveyLink(app.ctx, {
        customer: { name: `客户${owner}${score}`, ownerId: owner },
        templateId,
        now: new Date('2025-06-19T03:00:00Z'),
      });
      await submitSurvey(app.ctx, token, { q_score: score, ...(score === '3' ? { q_why: '太慢了' } : {}) }, answeredAt);
    }
    // An answer outside the range must not count.
    const { token } = await aSurveyLink(app.ctx, { customer: { ownerId: 'UA' }, now: new Date('2025-07-01T03:00:00Z') });
    await submitSurvey(app.ctx, token, { q_score: '0' }, new Date('2025-07-02T03:00:00Z'));
  });
  afterAll(() => app.close());

  const results = async (query: string) => (await (await app.api(`/api/surveys/results?${query}`)).json()) as SurveyResults;

  it('computes NPS, CSAT and CES for a range of days', async () => {
    const r = await results('from=2025-06-01&to=2025-06-30');
    expect(r.responsesRead).toBe(9);
    expect(r.overall.nps).toEqual({ answers: 4, promoters: 2, passives: 1, detractors: 1, score: 25 });
    expect(r.overall.csat).toEqual({ answers: 3, satisfied: 2, score: 66.7 });
    expect(r.overall.ces).toEqual({ answers: 2, sum: 9, average: 4.5 });
  });

  it('groups by owner, trigger and month', async () => {
    const byOwner = await results('from=2025-06-01&to=2025-07-31&groupBy=owner');
    const ua = byOwner.groups.find((g) => g.key === 'UA')!;
    expect(ua.nps).toMatchObject({ answers: 4, promoters: 2, detractors: 2, score: 0 });
    expect(ua.csat.score).toBe(50);
    expect(byOwner.groups.find((g) => g.key === 'UB')!.ces.average).toBe(4.5);
    const byTrigger = await results('from=2025-06-01&to=2025-07-31&groupBy=trigger');
    expect(byTrigger.groups.map((g) => [g.key, g.responses])).toEqual([['manual', 10]]);
    const byMonth = await results('from=2025-06-01&to=2025-07-31&groupBy=month');
    expect(byMonth.groups.map((g) => [g.key, g.responses])).toEqual([
      ['2025-06', 9],
      ['2025-07', 1],
    ]);
    const byTier = await results('from=2025-06-01&to=2025-07-31&groupBy=tier');
    expect(byTier.groups.map((g) => g.key)).toEqual(['C']);
  });

  it('reads the time index with one Query per month, not a Scan', async () => {
    const before = { ...app.ctx.store.stats.byCommand };
    // Partitions are UTC months: Shanghai's 2025-05-02 … 07-31 is May, June and July in UTC.
    await results('from=2025-05-02&to=2025-07-31');
    const after = app.ctx.store.stats.byCommand;
    expect((after.QueryCommand ?? 0) - (before.QueryCommand ?? 0)).toBe(3);
    expect(after.ScanCommand).toBeUndefined();
  });

  it('refuses a reversed or oversized range, naming the field', async () => {
    const reversed = await app.api('/api/surveys/results?from=2025-07-01&to=2025-06-01');
    expect(reversed.status).toBe(422);
    const huge = await app.api('/api/surveys/results?from=2020-01-01&to=2025-06-01');
    expect(huge.status).toBe(422);
    expect(JSON.stringify(await huge.json())).toContain('"path":"to"');
    expect((await app.api('/api/surveys/results?groupBy=city')).status).toBe(422);
  });

  it("writes daily counters for the digests in the answer's transaction, with owner copies", async () => {
    const day = localDay(answeredAt, app.config.company.timeZone);
    const sums = (await app.ctx.store.counters.forDays([day])).get(day)!;
    expect(sums).toMatchObject({
      'surveys.answered': 9,
      'surveys.answered.manual': 9,
      'surveys.nps.answers': 4,
      'surveys.nps.promoters': 2,
      'surveys.nps.detractors': 1,
      'surveys.csat.answers': 3,
      'surveys.csat.satisfied': 2,
      'surveys.ces.answers': 2,
      'surveys.ces.sum': 9,
      'owner.UA.surveys.nps.answers': 3,
      'owner.UB.surveys.ces.sum': 9,
    });
    const sentDay = (await app.ctx.store.counters.forDays(['2025-06-19'])).get('2025-06-19')!;
    expect(sentDay['surveys.sent']).toBe(9);
    expect(sentDay['owner.UA.surveys.sent.manual']).toBe(5);
  });

  it('gives the digest its detractors, newest first', async () => {
    const rows = await detractorsIn(app.ctx, { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-08-01T00:00:00Z') });
    expect(rows?.map((r) => [r.score, r.ownerId])).toEqual([
      [0, 'UA'],
      [3, 'UA'],
    ]);
    expect(rows?.[1]).toMatchObject({ customerName: '客户UA3', comment: '太慢了' });
  });
});
