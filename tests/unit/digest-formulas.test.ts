import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakdownsOf,
  changeOf,
  changesOf,
  type DaySums,
  dailySeries,
  digestFigures,
  figureDefs,
  keyAccountsQuarterToDate,
  medianFromBuckets,
  netOpenChange,
  npsOf,
  ownerRowsOf,
  type PeriodStates,
  quarterStartOf,
  ratio,
  retentionOf,
} from '../../lib/domain/digest';
import { increments, metric } from '../../lib/domain/metrics';

/** Day sums built the way the features write them: metric names → increments. */
const sums = (days: Record<string, Record<string, number>>): DaySums => new Map(Object.entries(days));
const noStates: PeriodStates = {
  complaintsOpen: null,
  complaintsOverdue: null,
  careTasksOverdue: null,
  customerBaseAtStart: null,
  keyAccountsContactedQuarter: null,
};
const merge = (...parts: Array<Record<string, number>>) => {
  const out: Record<string, number> = {};
  for (const p of parts) for (const [k, v] of Object.entries(p)) out[k] = (out[k] ?? 0) + v;
  return out;
};

describe('digest formulas (docs/domain.md, Digests and metrics)', () => {
  it('an empty period: counts are 0, every rate and median is unknown (null), never NaN', () => {
    const f = digestFigures(sums({}), ['2026-11-23'], noStates);
    expect(f['complaints.opened']).toBe(0);
    expect(f['surveys.sent']).toBe(0);
    for (const key of [
      'surveys.nps',
      'surveys.csat',
      'surveys.response_rate',
      'surveys.ces',
      'complaints.sla_compliance',
      'care.return_visit_completion',
      'customers.retention',
      'complaints.first_response_median',
      'complaints.resolution_median',
      'complaints.open',
    ] as const) {
      expect(f[key], key).toBeNull();
    }
  });

  it('NPS = % promoters − % detractors: 5 promoters, 3 passives, 2 detractors → +30', () => {
    const day = merge(...[10, 9, 9, 10, 9, 8, 7, 7, 6, 0].map((s) => increments([metric.npsAnswer(s)])));
    expect(day['surveys.nps.answers']).toBe(10);
    expect(digestFigures(sums({ d: day }), ['d'], noStates)['surveys.nps']).toBeCloseTo(30, 10);
  });

  it('NPS of a single answer is +100, 0 or −100', () => {
    expect(npsOf(1, 0, 1)).toBe(100);
    expect(npsOf(0, 0, 1)).toBe(0);
    expect(npsOf(0, 1, 1)).toBe(-100);
    expect(npsOf(0, 0, 0)).toBeNull();
  });

  it('NPS with thirds: 1 promoter, 1 passive, 1 detractor → 0; 2 promoters, 1 detractor → 33.3…', () => {
    expect(npsOf(1, 1, 3)).toBe(0);
    expect(npsOf(2, 1, 3)).toBeCloseTo(33.333, 3);
  });

  it('CSAT = share of answers 4–5: 7 of 8 → 87.5 %; a single 3 → 0 %', () => {
    const day = merge(...[5, 5, 4, 4, 4, 5, 4, 2].map((s) => increments([metric.csatAnswer(s)])));
    expect(digestFigures(sums({ d: day }), ['d'], noStates)['surveys.csat']).toBe(0.875);
    const single = increments([metric.csatAnswer(3)]);
    expect(digestFigures(sums({ d: single }), ['d'], noStates)['surveys.csat']).toBe(0);
  });

  it('SLA compliance = complaints meeting both targets ÷ complaints due: 3 of 4 → 75 %; none due → null', () => {
    expect(
      digestFigures(sums({ d: { 'complaints.sla.due': 4, 'complaints.sla.met': 3 } }), ['d'], noStates)['complaints.sla_compliance'],
    ).toBe(0.75);
    expect(digestFigures(sums({ d: { 'complaints.sla.met': 0 } }), ['d'], noStates)['complaints.sla_compliance']).toBeNull();
  });

  it('return-visit completion = done ÷ due; response rate = answered ÷ sent; CES = sum ÷ answers', () => {
    const day = {
      'care.return_visits.due': 12,
      'care.return_visits.done': 9,
      'surveys.sent': 40,
      'surveys.answered': 10,
      'surveys.ces.answers': 4,
      'surveys.ces.sum': 18,
    };
    const f = digestFigures(sums({ d: day }), ['d'], noStates);
    expect(f['care.return_visit_completion']).toBe(0.75);
    expect(f['surveys.response_rate']).toBe(0.25);
    expect(f['surveys.ces']).toBe(4.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, null)).toBeNull();
  });

  it('sums each counter over the days of the period only', () => {
    const s = sums({
      '2026-11-22': { 'complaints.opened': 100 },
      '2026-11-23': { 'complaints.opened': 2 },
      '2026-11-24': { 'complaints.opened': 3 },
    });
    expect(digestFigures(s, ['2026-11-23', '2026-11-24'], noStates)['complaints.opened']).toBe(5);
  });

  it('retention ≈ (base at start − churned) ÷ base at start: 200 and 10 churned → 95 %; no base → null; never below 0', () => {
    expect(retentionOf(200, 10)).toBe(0.95);
    expect(retentionOf(200, 0)).toBe(1);
    expect(retentionOf(0, 0)).toBeNull();
    expect(retentionOf(null, 3)).toBeNull();
    expect(retentionOf(5, 9)).toBe(0);
    expect(
      digestFigures(sums({ d: { 'customers.churned': 10 } }), ['d'], { ...noStates, customerBaseAtStart: 200 })['customers.retention'],
    ).toBe(0.95);
  });

  it('states the counters cannot sum come in from the snapshot', () => {
    const f = digestFigures(sums({}), ['d'], {
      complaintsOpen: 7,
      complaintsOverdue: 2,
      careTasksOverdue: 5,
      customerBaseAtStart: 10,
      keyAccountsContactedQuarter: 3,
    });
    expect([f['complaints.open'], f['complaints.overdue'], f['care.tasks_overdue'], f['care.key_accounts_contacted_quarter']]).toEqual([
      7, 2, 5, 3,
    ]);
  });
});

describe('median from histogram buckets', () => {
  const first = (minutes: number[]) => merge(...minutes.map((m) => increments([metric.firstResponseBucket(m)])));

  it('interpolates inside the bucket holding the middle answer: 10, 45, 50 min → 37.5 min', () => {
    // buckets: ≤15: 1, (30,60]: 2 → rank 1.5 falls a quarter into (30,60] → 30 + 0.25 × 30
    expect(medianFromBuckets('complaints.first_response', first([10, 45, 50]))).toBe(37.5);
  });

  it('a single answer sits in the middle of its bucket: 200 min → (120,240] → 180', () => {
    expect(medianFromBuckets('complaints.first_response', first([200]))).toBe(180);
  });

  it('an even split ends on the bound between buckets: 5, 10, 20, 25 min → 15', () => {
    expect(medianFromBuckets('complaints.first_response', first([5, 10, 20, 25]))).toBe(15);
  });

  it('beyond the last bucket answers with its lower bound (30 days); no answers → null', () => {
    expect(medianFromBuckets('complaints.first_response', first([100_000, 100_000]))).toBe(43200);
    expect(medianFromBuckets('complaints.first_response', {})).toBeNull();
  });

  it('reads resolution buckets apart from first-response ones', () => {
    const day = merge(first([10]), increments([metric.resolutionBucket(3000)]));
    expect(medianFromBuckets('complaints.resolution', day)).toBe(2880 + 0.5 * (4320 - 2880));
  });
});

describe('change against the previous period', () => {
  it('12 after 10 is ▲ +2 (+20 %); 8 after 10 is ▼ −2 (−20 %)', () => {
    expect(changeOf(12, 10)).toEqual({ delta: 2, relative: 0.2, direction: 'up' });
    expect(changeOf(8, 10)).toEqual({ delta: -2, relative: -0.2, direction: 'down' });
    expect(changeOf(10, 10)).toEqual({ delta: 0, relative: 0, direction: 'flat' });
  });

  it('after 0 the relative change is unknown (division by zero), the difference is not', () => {
    expect(changeOf(5, 0)).toEqual({ delta: 5, relative: null, direction: 'up' });
    expect(changeOf(0, 0)).toEqual({ delta: 0, relative: null, direction: 'flat' });
  });

  it('an unknown value on either side gives no change at all', () => {
    expect(changeOf(null, 3)).toEqual({ delta: null, relative: null, direction: null });
    expect(changeOf(0.5, null)).toEqual({ delta: null, relative: null, direction: null });
  });

  it('a negative previous NPS still reads the right way: −20 → +10 is up 150 %', () => {
    expect(changeOf(10, -20)).toEqual({ delta: 30, relative: 1.5, direction: 'up' });
  });

  it('no figure and no change is ever NaN or Infinity, whatever the counters hold', () => {
    const counter = fc.nat({ max: 1000 });
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'complaints.opened',
            'complaints.resolved',
            'complaints.sla.due',
            'complaints.sla.met',
            'surveys.sent',
            'surveys.answered',
            'surveys.nps.answers',
            'surveys.nps.promoters',
            'surveys.nps.detractors',
            'surveys.csat.answers',
            'surveys.csat.satisfied',
            'care.return_visits.due',
            'care.return_visits.done',
            'customers.churned',
            'complaints.first_response.le_60',
            'complaints.resolution.le_inf',
          ),
          counter,
        ),
        fc.dictionary(fc.constantFrom('complaints.opened', 'surveys.nps.answers', 'surveys.sent'), counter),
        fc.option(counter, { nil: null }),
        (a, b, base) => {
          const s = sums({ a, b });
          const cur = digestFigures(s, ['a'], { ...noStates, customerBaseAtStart: base });
          const prev = digestFigures(s, ['b'], noStates);
          for (const v of Object.values(cur)) if (v !== null) expect(Number.isFinite(v)).toBe(true);
          for (const c of Object.values(changesOf(cur, prev))) {
            for (const v of [c.delta, c.relative]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('what the snapshot and the counters derive', () => {
  it('active complaints gained = opened − resolved − cancelled + reopened', () => {
    expect(
      netOpenChange(
        sums({
          d: {
            'complaints.opened': 5,
            'complaints.resolved': 3,
            'complaints.cancelled': 1,
            'complaints.reopened': 2,
            'complaints.closed': 4,
          },
        }),
        ['d'],
      ),
    ).toBe(3);
  });

  it('key accounts contacted this quarter: the last snapshot’s running total plus the days after it', () => {
    const s = sums({
      '2026-10-05': { [metric.snapshotTaken]: 1, [metric.snapshotKeyAccountsQuarter]: 4, 'care.key_accounts.contacted': 1 },
      '2026-10-06': { 'care.key_accounts.contacted': 1 },
      '2026-10-07': { 'care.key_accounts.contacted': 2 },
    });
    expect(keyAccountsQuarterToDate(s, '2026-10-07')).toEqual({ value: 7 });
  });

  it('without a snapshot it sums from the quarter’s first day, and says which day it lacks', () => {
    const s = sums({ '2026-10-01': { 'care.key_accounts.contacted': 2 }, '2026-10-02': {} });
    expect(keyAccountsQuarterToDate(s, '2026-10-02')).toEqual({ value: 2 });
    expect(keyAccountsQuarterToDate(sums({ '2026-11-02': {} }), '2026-11-02')).toEqual({ missing: '2026-11-01' });
    expect(quarterStartOf('2026-12-31')).toBe('2026-10-01');
    expect(quarterStartOf('2026-02-14')).toBe('2026-01-01');
  });
});

describe('breakdowns, owners and the chart series', () => {
  const day = merge(
    increments([metric.complaintOpened('critical', 'billing')], 'U0ANN'),
    increments([metric.complaintOpened('ordinary', 'billing')], 'U0BOB'),
    increments([metric.complaintResolved, metric.complaintSlaDue, metric.complaintSlaMet], 'U0ANN'),
    increments([
      metric.complaintRootCause('billing-error'),
      metric.complaintRootCause('billing-error'),
      metric.complaintRootCause('late-truck'),
    ]),
    increments([metric.npsAnswer(10), metric.npsAnswer(3)], 'U0BOB'),
    increments([...metric.careTaskCreated('return-visit'), metric.returnVisitDue], 'U0BOB'),
  );

  it('counts new complaints by severity and category, and root causes seen at least twice', () => {
    const b = breakdownsOf(sums({ d: day }), ['d'], 5);
    expect(b.openedBySeverity).toEqual({ critical: 1, major: 0, ordinary: 1 });
    expect(b.openedByCategory.billing).toBe(2);
    expect(b.recurringRootCauses).toEqual([{ key: 'billing-error', count: 2 }]);
  });

  it('one row per owner from the owner.<id>. counters, with overdue complaints of people who had no other activity', () => {
    const rows = ownerRowsOf(sums({ d: day }), ['d'], { U0ANN: 2, U0CAROL: 1 });
    const ann = rows.find((r) => r.ownerId === 'U0ANN')!;
    const bob = rows.find((r) => r.ownerId === 'U0BOB')!;
    expect(ann).toMatchObject({ opened: 1, resolved: 1, slaCompliance: 1, overdueNow: 2, nps: null });
    expect(bob).toMatchObject({ opened: 1, tasksCreated: 1, returnVisitCompletion: 0, nps: 0 });
    expect(rows.find((r) => r.ownerId === 'U0CAROL')).toMatchObject({ opened: 0, overdueNow: 1 });
    expect(rows[0]!.ownerId).toBe('U0ANN');
  });

  it('one chart point per day; a day without NPS answers has no NPS point', () => {
    const series = dailySeries(sums({ a: day, b: { 'complaints.opened': 4 } }), ['a', 'b']);
    expect(series).toEqual([
      { day: 'a', opened: 2, resolved: 1, nps: 0 },
      { day: 'b', opened: 4, resolved: 0, nps: null },
    ]);
  });

  it('every figure has a definition with a unit', () => {
    const f = digestFigures(sums({}), [], noStates);
    expect(Object.keys(f).sort()).toEqual(figureDefs.map((d) => d.key).sort());
  });
});
