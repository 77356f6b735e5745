import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutOfSurveys, submitSurvey } from '../../lib/services/survey-answers';
import type { CampaignReport } from '../../lib/services/survey-campaigns';
import type { SlackMessage } from '../../lib/slack/notices/slack-transport';
import { startTestApp, type TestApp } from '../support/app';
import { aCustomer, tokenOf } from '../support/surveys';

/**
 * 2025-06-15 is a Sunday: working days 5 and 9 after it are 06-20 and 06-26,
 * and the 10-working-day target ends on 06-27 (company time, Asia/Shanghai).
 */
describe('survey campaigns', () => {
  let app: TestApp;
  const at = (day: string) => `${day}T02:00:00.000Z`; // 10:00 in Shanghai, when the job runs
  const runJob = async (day: string) => {
    const res = await fetch(`${app.baseUrl}/_local/jobs/survey-campaigns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ time: at(day) }),
    });
    const body = (await res.json()) as {
      result: {
        ok: boolean;
        result: { started?: string; sent: unknown[]; reminded: Array<{ round: number; reminded: number }>; finished: string[] };
      };
    };
    expect(body.result.ok).toBe(true);
    return body.result.result;
  };
  const linkDms = (from = 0) =>
    app.outbox.sent
      .slice(from)
      .filter((e) => e.kind === 'post' && (e.message as SlackMessage).text.includes('/s/'))
      .map((e) => ({ channel: e.channel!, text: (e.message as SlackMessage).text }));
  const linksIn = (dms: Array<{ text: string }>) =>
    dms.flatMap((d) =>
      d.text
        .split('\n')
        .filter((l) => l.includes('/s/'))
        .map((l) => ({ name: l.split(': ')[0]!, link: l.split(': ')[1]! })),
    );
  const progress = async () => (await (await app.api('/api/survey-campaigns/camp_20250615')).json()) as CampaignReport;

  let firstLinks: Array<{ name: string; link: string }> = [];

  beforeAll(async () => {
    app = await startTestApp({ CARELOOP_SURVEYS: JSON.stringify({ campaigns: { pageSize: 10 }, linksPerMessage: 5 }) });
    const joined = new Date('2025-01-02T00:00:00Z');
    for (let i = 0; i < 25; i++) {
      await aCustomer(
        app.ctx,
        {
          name: `活跃客户${String(i).padStart(2, '0')}`,
          ownerId: i % 2 ? 'UCAMPA' : 'UCAMPB',
          lifecycleStage: 'active',
          ...(i < 3 ? { consent: { contact: true, surveys: false, thirdPartySharing: false } } : {}),
          ...(i === 5 ? { emails: ['five@example.com'] } : {}),
        },
        joined,
      );
    }
    for (let i = 0; i < 4; i++) await aCustomer(app.ctx, { name: `新客户${i}`, lifecycleStage: 'new' }, joined);
  });
  afterAll(() => app.close());

  it('does nothing on a day that is not a campaign date', async () => {
    const run = await runJob('2025-06-14');
    expect(run.started).toBeUndefined();
    expect((await app.api('/api/survey-campaigns/camp_20250615')).status).toBe(404);
  });

  it('starts on its date: every active customer with survey consent gets a link through their owner', async () => {
    const before = app.outbox.sent.length;
    const run = await runJob('2025-06-15');
    expect(run.started).toBe('camp_20250615');
    const dms = linkDms(before);
    firstLinks = linksIn(dms);
    expect(firstLinks).toHaveLength(22);
    expect(new Set(firstLinks.map((l) => l.name)).size).toBe(22);
    expect(firstLinks.some((l) => l.name.startsWith('新客户'))).toBe(false);
    expect(firstLinks.some((l) => ['活跃客户00', '活跃客户01', '活跃客户02'].includes(l.name))).toBe(false);
    expect(new Set(dms.map((d) => d.channel))).toEqual(new Set(['UCAMPA', 'UCAMPB']));
    expect(dms.every((d) => linksIn([d]).length <= 5)).toBe(true);
    expect(app.outbox.sent.slice(before).some((e) => e.kind === 'email' && (e.message as { to: string }).to === 'five@example.com')).toBe(
      true,
    );
    const p = await progress();
    expect(p.campaign).toMatchObject({
      status: 'running',
      startDay: '2025-06-15',
      plan: { reminderDays: ['2025-06-20', '2025-06-26'], targetDay: '2025-06-27' },
    });
    expect(p.counts).toMatchObject({ audience: 25, noConsent: 3, invited: 22, reached: 22, emailed: 1, answered: 0 });
    expect(p.progress).toMatchObject({ eligible: 22, reachRate: 1, reachMet: true, answerMet: false });
  });

  it('starts only once, however often the job runs that day', async () => {
    const before = app.outbox.sent.length;
    const run = await runJob('2025-06-15');
    expect(run.started).toBeUndefined();
    expect(linkDms(before)).toEqual([]);
    expect((await progress()).counts.invited).toBe(22);
  });

  it('counts answers within the target days', async () => {
    for (const { link } of firstLinks.slice(0, 12))
      await submitSurvey(app.ctx, tokenOf(link), { q_score: '9' }, new Date(at('2025-06-17')));
    const p = await progress();
    expect(p.counts).toMatchObject({ answered: 12, answeredInTarget: 12 });
    expect(p.progress.answerRateInTarget).toBeCloseTo(12 / 22, 3);
  });

  it('reminds only non-responders who still consent, once per round, on working day 5', async () => {
    await optOutOfSurveys(app.ctx, tokenOf(firstLinks[21]!.link), new Date(at('2025-06-18')));
    const quiet = app.outbox.sent.length;
    expect((await runJob('2025-06-19')).reminded).toEqual([]);
    expect(linkDms(quiet)).toEqual([]);
    const run = await runJob('2025-06-20');
    expect(run.reminded).toEqual([{ campaignId: 'camp_20250615', round: 1, reminded: 9 }]);
    const reminders = linksIn(linkDms(quiet));
    expect(reminders.map((r) => r.name).sort()).toEqual(
      firstLinks
        .slice(12, 21)
        .map((l) => l.name)
        .sort(),
    );
    expect(reminders.every((r) => !firstLinks.some((l) => l.link === r.link))).toBe(true);
    expect(app.outbox.sent.slice(quiet).some((e) => e.kind === 'post' && (e.message as SlackMessage).text.includes('尚未回复'))).toBe(true);
    const again = app.outbox.sent.length;
    expect((await runJob('2025-06-20')).reminded).toEqual([]);
    expect(linkDms(again)).toEqual([]);
    expect((await progress()).counts.reminded).toBe(9);
  });

  it('accepts one answer per customer whichever link they use, and counts late answers outside the target', async () => {
    const fresh = linksIn(linkDms(0)).filter((l) => !firstLinks.some((f) => f.link === l.link));
    const target = fresh[0]!;
    await submitSurvey(app.ctx, tokenOf(target.link), { q_score: '4' }, new Date(at('2025-06-21')));
    const original = firstLinks.find((l) => l.name === target.name)!;
    await expect(submitSurvey(app.ctx, tokenOf(original.link), { q_score: '10' }, new Date(at('2025-06-21')))).rejects.toThrow(
      /not available/,
    );
    await submitSurvey(app.ctx, tokenOf(fresh[1]!.link), { q_score: '8' }, new Date(at('2025-06-28')));
    const p = await progress();
    expect(p.counts).toMatchObject({ answered: 14, answeredInTarget: 13 });
  });

  it('lists campaigns with their progress and targets', async () => {
    const res = await app.api('/api/survey-campaigns');
    const { items } = (await res.json()) as { items: CampaignReport[] };
    expect(items.map((c) => c.campaign.id)).toEqual(['camp_20250615']);
    expect(items[0]!.targets).toEqual({ reach: 0.95, answer: 0.95, workingDays: 10, targetDay: '2025-06-27' });
  });

  it('finishes once its links have expired', async () => {
    const run = await runJob('2025-07-01');
    expect(run.finished).toEqual(['camp_20250615']);
    expect((await progress()).campaign.status).toBe('finished');
  });
});
