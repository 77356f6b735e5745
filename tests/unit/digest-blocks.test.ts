import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { digestChartSvg, renderDigestChart } from '../../lib/chart/digest';
import {
  breakdownsOf,
  changeOf,
  changesOf,
  type DaySums,
  dailySeries,
  digestFigures,
  ownerRowsOf,
  type PeriodStates,
} from '../../lib/domain/digest';
import { periodContaining, previousPeriod } from '../../lib/domain/digest-period';
import { increments, metric } from '../../lib/domain/metrics';
import { digest as digestMessages } from '../../lib/i18n/digest';
import type { DigestContent, DigestLists } from '../../lib/services/digest';
import { digestChartLabels, digestMessage, formatChange, formatFigure, ownerTable, subscriptionReply } from '../../lib/slack/blocks/digest';

const period = periodContaining('weekly', '2026-11-25');
const previous = previousPeriod(period);
const states: PeriodStates = {
  complaintsOpen: 7,
  complaintsOverdue: 2,
  careTasksOverdue: 1,
  customerBaseAtStart: 100,
  keyAccountsContactedQuarter: 3,
};

function contentOf(cur: Record<string, number>, prev: Record<string, number>, lists?: DigestLists): DigestContent {
  const sums: DaySums = new Map([
    [previous.start, prev],
    [period.start, cur],
  ]);
  const figures = digestFigures(sums, [period.start], states);
  const previousFigures = digestFigures(sums, [previous.start], { ...states, complaintsOpen: 5 });
  return {
    kind: 'weekly',
    period,
    previous,
    partial: false,
    figures,
    previousFigures,
    changes: changesOf(figures, previousFigures),
    breakdowns: breakdownsOf(sums, [period.start], 5),
    owners: ownerRowsOf(sums, [period.start], { U0ANN: 1 }),
    ...(lists ? { lists } : {}),
    series: dailySeries(sums, [previous.start, period.start]),
    liveCapped: false,
    generatedAt: '2026-11-30T01:00:00.000Z',
  };
}

const week = {
  ...increments([metric.complaintOpened('critical', 'billing'), metric.complaintOpened('major', 'delivery')], 'U0ANN'),
  'complaints.resolved': 3,
  'complaints.sla.due': 4,
  'complaints.sla.met': 3,
  ...increments([metric.npsAnswer(10), metric.npsAnswer(9), metric.npsAnswer(2)], '王小明'),
};
const lastWeek = { 'complaints.opened': 1, 'complaints.resolved': 3, 'complaints.sla.due': 5, 'complaints.sla.met': 4 };
const lists: DigestLists = {
  overdueComplaints: [
    {
      id: 'cmp_1',
      customerId: 'cus_1',
      customerName: 'Acme <Ltd>',
      severity: 'critical',
      category: 'billing',
      assigneeId: 'U0ANN',
      deadlineAt: '2026-11-29T02:00:00.000Z',
    },
  ],
  detractors: null,
  atRiskKeyAccounts: { items: [{ id: 'cus_9', name: '华东贸易', ownerId: 'U0BOB', tier: 'A' }], total: 1, capped: false },
};
const en = { locale: 'en' as const, timeZone: 'Asia/Shanghai', names: { U0ANN: 'Ann Lee', 王小明: '王小明' } };

describe('digest numbers', () => {
  it('shows counts with their relative change, ratios in points, NPS in points of score', () => {
    expect(formatChange('en', 'count', changeOf(12, 10))).toBe('▲ 20%');
    expect(formatChange('en', 'ratio', changeOf(0.75, 0.8))).toBe('▼ 5 pts');
    expect(formatChange('en', 'score', changeOf(10, -20))).toBe('▲ 30');
    expect(formatChange('zh-CN', 'ratio', changeOf(0.9, 0.8))).toBe('▲ 10 个百分点');
  });

  it('after a zero it shows the difference, not a percentage; with an unknown side nothing', () => {
    expect(formatChange('en', 'count', changeOf(5, 0))).toBe('▲ 5');
    expect(formatChange('en', 'count', changeOf(null, 0))).toBe('');
    expect(formatChange('en', 'count', changeOf(3, 3))).toBe('＝');
  });

  it('formats unknown values as a dash and durations in minutes, hours or days', () => {
    expect(formatFigure('en', 'ratio', null)).toBe('—');
    expect(formatFigure('en', 'minutes', 37.5)).toBe('38 min');
    expect(formatFigure('en', 'minutes', 180)).toBe('3 h');
    expect(formatFigure('zh-CN', 'minutes', 4320)).toBe('3 天');
    expect(formatFigure('en', 'score', 33.33)).toBe('+33');
  });
});

describe('digest message', () => {
  it('puts each figure beside the previous period with its change', () => {
    const m = digestMessage(contentOf(week, lastWeek, lists), en);
    const json = JSON.stringify(m.blocks);
    expect((m.blocks[0] as { text: { text: string } }).text.text).toBe('Weekly digest · 2026-W48 (2026-11-23 – 2026-11-29)');
    expect(json).toContain('*New complaints*\\n2  ▲ 100%\\n_prev 1_');
    expect(json).toContain('*SLA compliance*\\n75%  ▼ 5 pts\\n_prev 80%_');
    expect(json).toContain('*Open at end*\\n7  ▲ 40%\\n_prev 5_');
    expect(m.text).toContain('2 new complaints');
    expect(m.blocks.length).toBeLessThanOrEqual(50);
  });

  it('lists have buttons that open the complaint or the customer', () => {
    const m = digestMessage(contentOf(week, lastWeek, lists), en);
    const buttons = m.blocks.flatMap((b) =>
      (b as { accessory?: { action_id: string; value: string } }).accessory
        ? [(b as { accessory: { action_id: string; value: string } }).accessory]
        : [],
    );
    expect(buttons.map((b) => [b.action_id, b.value])).toEqual([
      ['complaint.show', 'cmp_1'],
      ['customer.pick', 'cus_9'],
    ]);
    expect(JSON.stringify(m.blocks)).toContain('Acme &lt;Ltd&gt;');
  });

  it('without a survey source the detractors list says how many there were', () => {
    const json = JSON.stringify(digestMessage(contentOf(week, lastWeek, lists), en).blocks);
    expect(json).toContain('Detractors this period: 1');
  });

  it('reads in Chinese for a zh-CN manager', () => {
    const m = digestMessage(contentOf(week, lastWeek, lists), { ...en, locale: 'zh-CN' });
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('每周简报');
    expect(json).toContain('新增投诉');
    expect(json).toContain('上期 1');
  });

  it('an empty period reads as dashes and zeros, not NaN', () => {
    const json = JSON.stringify(
      digestMessage(contentOf({}, {}, { ...lists, overdueComplaints: [], atRiskKeyAccounts: { items: [], total: 0, capped: false } }), en),
    );
    expect(json).not.toMatch(/NaN|Infinity|undefined/);
    expect(json).toContain('No overdue complaints');
  });

  it('the owner table lines up, Chinese names taking two columns a character', () => {
    const table = ownerTable(contentOf(week, lastWeek).owners, en, 15);
    const lines = table.split('\n').filter((l) => !l.startsWith('```'));
    expect(lines[0]).toMatch(/^Owner\s+New\s+Res\.\s+SLA\s+Late\s+Tasks\s+Visits\s+NPS$/);
    const npsColumnEnd = (l: string) => [...l].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? 2 : 1), 0);
    expect(new Set(lines.map(npsColumnEnd)).size).toBe(1);
  });
});

describe('digest chart', () => {
  const series = [
    { day: '2026-11-23', opened: 4, resolved: 2, nps: 20 },
    { day: '2026-11-24', opened: 0, resolved: 5, nps: null },
    { day: '2026-11-25', opened: 7, resolved: 1, nps: -40 },
  ];

  it("draws two bars a day and the NPS line, with dates, numbers and the labels in the reader's language", () => {
    const svg = digestChartSvg(series, { width: 800, height: 400 }, digestChartLabels('zh-CN'));
    // background, two legend swatches, two bars a day
    expect(svg.match(/<rect /g)).toHaveLength(1 + 2 + 2 * 3);
    expect(svg).toContain('>11-23<');
    for (const label of ['>每日投诉<', '>新增<', '>已解决<', '>每日 NPS（−100 至 100）<']) expect(svg).toContain(label);
    expect(digestChartSvg(series, { width: 800, height: 400 }, digestChartLabels('en'))).toContain('>Resolved<');
    expect(svg).not.toMatch(/NaN|Infinity/);
    // A day without answers breaks the line: two single points, no polyline.
    expect(svg).not.toContain('<polyline');
  });

  it('renders to PNG, also for a period with no data at all', async () => {
    const labels = digestChartLabels('en');
    const png = await renderDigestChart(series, { width: 640, height: 320, fontFiles: [], labels });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect((await renderDigestChart([], { width: 640, height: 320, fontFiles: [], labels })).length).toBeGreaterThan(100);
  });

  it("the shipped chart font holds every character of the chart's messages (else: npx tsx scripts/subset-chart-font.ts)", () => {
    const kept = new Set(readFileSync(new URL('../../lib/chart/fonts/chart-sans.chars.txt', import.meta.url), 'utf8'));
    const chartText = Object.entries(digestMessages)
      .filter(([key]) => key.startsWith('digest.chart.'))
      .flatMap(([, text]) => [...(text['zh-CN'] + text.en)]);
    expect(chartText.filter((ch) => !kept.has(ch))).toEqual([]);
  });
});

describe('subscription reply', () => {
  it('says when the first digest comes and what it covers', () => {
    const first = { period: periodContaining('weekly', '2026-11-30'), sendDay: '2026-12-07' };
    expect(subscriptionReply({ subscription: 'weekly', first }, 'en', 9)).toBe(
      'Subscribed to the weekly digest. The first one covers 2026-W49 (2026-11-30 – 2026-12-06) and arrives on 2026-12-07 at 09:00.',
    );
    expect(subscriptionReply({ subscription: 'off' }, 'zh-CN', 9)).toBe('已关闭简报。');
  });
});
