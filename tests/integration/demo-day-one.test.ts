import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config';
import { loadDemoData } from '../../lib/local/demo-data';
import { jobCurls } from '../../lib/local/job-curls';
import { runCareDaily } from '../../lib/services/care-daily';
import type { AppContext } from '../../lib/services/context';
import { sendDueDigests } from '../../lib/services/digest';
import { runSlaSweep } from '../../lib/services/sla-sweep';
import { liveInvitation } from '../../lib/services/survey-answers';
import { testTable } from '../support/app';
import type { OutboxEntry } from '../support/notice-recorder';

/**
 * The demo shows every feature on the first day, whatever the date (issue 15):
 * loaded with a fixed clock on an ordinary Wednesday in December, each job the
 * start banner names has something to post at the moment its command gives.
 */
const NOW = new Date('2026-12-09T03:30:00Z'); // 11:30 in Shanghai

describe('demo data on day one', () => {
  let ctx: AppContext;
  let outbox: { sent: OutboxEntry[] };
  let surveyLink: string;
  const curls = jobCurls('http://localhost:3000', loadConfig({}), NOW);
  const timeOf = (job: string) => new Date(JSON.parse(/-d '(.*)'/.exec(curls.find((c) => c.job === job)!.curl)![1]!).time as string);

  beforeAll(async () => {
    ({ ctx, outbox } = await testTable());
    ({ surveyLink } = await loadDemoData(ctx, NOW, () => {}));
  }, 300_000);

  it('no record was updated before it was created', async () => {
    let cursor: string | undefined;
    do {
      const page = await ctx.store.customers.list({}, 100, cursor);
      for (const c of page.items) expect(c.updatedAt >= c.createdAt, `${c.name}: ${c.updatedAt} < ${c.createdAt}`).toBe(true);
      cursor = page.cursor;
    } while (cursor);
  });

  it('care-daily posts birthdays, a dormant A customer, a key account and return visits', async () => {
    outbox.sent.length = 0;
    const result = await runCareDaily(ctx, NOW);
    expect(result.byKind.birthday).toBeGreaterThanOrEqual(1);
    expect(result.byKind['key-account-contact']).toBeGreaterThanOrEqual(1);
    expect(result.atRisk).toBeGreaterThanOrEqual(1);
    const dms = JSON.stringify(outbox.sent.filter((e) => e.kind === 'post'));
    expect(dms).toContain('钱多多');
    expect(dms).toContain('周晓燕');
    expect(dms).toContain('上海申华实业有限公司');
  });

  it('sla-sweep escalates the overdue critical complaint', async () => {
    const report = await runSlaSweep(ctx, NOW);
    expect(JSON.stringify(report)).not.toBe('{}');
    const overdue = await ctx.store.complaints.list({ status: 'open' }, 25);
    expect(overdue.items.some((c) => c.severity === 'critical' && (c.nextDeadlineAt ?? '') < NOW.toISOString())).toBe(true);
    expect(outbox.sent.some((e) => e.kind === 'post' && JSON.stringify(e.message).includes('客户反映新购设备开机即报错'))).toBe(true);
  });

  it('digest at the printed time sends the manager a digest', async () => {
    const summary = await sendDueDigests(ctx, timeOf('digest'));
    expect(summary.sent).toContain('U0DEMOMGR');
  });

  it('NPS and CSAT answers of the last 30 days include a detractor, and the printed survey link is open', async () => {
    const from = new Date(NOW.getTime() - 30 * 86_400_000).toISOString();
    const { items } = await ctx.store.surveys.responsesBetween(from, NOW.toISOString(), 100);
    expect(items.some((r) => r.scores.nps !== undefined && r.scores.nps <= 6)).toBe(true);
    expect(items.some((r) => r.scores.csat !== undefined)).toBe(true);
    const token = surveyLink.slice(surveyLink.lastIndexOf('/') + 1);
    expect(await liveInvitation(ctx, token, NOW)).toBeDefined();
  });

  it('the banner names every scheduled job with its command', () => {
    expect(curls.map((c) => c.job).sort()).toEqual(['care-daily', 'digest', 'sla-sweep', 'survey-campaigns']);
    expect(timeOf('digest').toISOString()).toBe('2026-12-10T01:00:00.000Z');
    expect(timeOf('survey-campaigns').toISOString()).toBe('2026-12-15T02:00:00.000Z');
  });
});
