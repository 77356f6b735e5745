import { type Day, plusDays } from './calendar';
import { complaintCategories, severities } from './complaint-schemas';
import { durationBuckets, metric, ownerIdOfMetricSegment } from './metrics';

/**
 * The manager digest's figures (docs/domain.md, Digests and metrics), computed from the sums of the
 * daily counters (lib/domain/metrics.ts) and the digest job's daily snapshot.
 * Pure: ratios are null when their denominator is zero or unknown — never NaN
 * or Infinity — so "no data" reads as "—", not as 0 %.
 */
export type DaySums = Map<Day, Record<string, number>>;

/** Σ of one counter over some days (absent days and names count 0). */
export function sumOf(sums: DaySums, days: readonly Day[], name: string): number {
  let n = 0;
  for (const d of days) n += sums.get(d)?.[name] ?? 0;
  return n;
}

export const ratio = (part: number, whole: number | null): number | null => (whole !== null && whole > 0 ? part / whole : null);

/** NPS = % promoters (9–10) − % detractors (0–6), from −100 to 100. */
export const npsOf = (promoters: number, detractors: number, answers: number): number | null =>
  answers > 0 ? ((promoters - detractors) / answers) * 100 : null;

/**
 * Median minutes from the `le_<minutes>` histogram (metric.firstResponseBucket):
 * the bucket holding the middle answer, interpolated linearly inside it (the
 * Prometheus histogram_quantile rule). The open-ended bucket answers with the
 * last finite bound: the median is "at least" that much.
 */
export function medianFromBuckets(prefix: string, counts: Record<string, number>): number | null {
  const bounds = [...durationBuckets, Infinity];
  const perBucket = bounds.map((b) => counts[`${prefix}.le_${b === Infinity ? 'inf' : b}`] ?? 0);
  const total = perBucket.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = total / 2;
  let below = 0;
  for (let i = 0; i < bounds.length; i++) {
    const inBucket = perBucket[i]!;
    if (below + inBucket >= rank && inBucket > 0) {
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      const upper = bounds[i]!;
      if (upper === Infinity) return lower;
      return lower + ((rank - below) / inBucket) * (upper - lower);
    }
    below += inBucket;
  }
  return null;
}

/** Counters summed over days, one entry per name. */
export function totals(sums: DaySums, days: readonly Day[], prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of days) {
    for (const [k, v] of Object.entries(sums.get(d) ?? {})) {
      if (!k.startsWith(prefix)) continue;
      const name = k.slice(prefix.length);
      out[name] = (out[name] ?? 0) + v;
    }
  }
  return out;
}

/** Active complaints gained over some days: opened − resolved − cancelled + reopened (closing a resolved one changes nothing). */
export function netOpenChange(sums: DaySums, days: readonly Day[]): number {
  const t = (name: string) => sumOf(sums, days, name);
  return t('complaints.opened') - t(metric.complaintResolved) - t(metric.complaintCancelled) + t(metric.complaintReopened);
}

/** Customers gained by the base (not churned) over some days. */
export function netBaseChange(sums: DaySums, days: readonly Day[]): number {
  const t = (name: string) => sumOf(sums, days, name);
  return t(metric.customerCreated) - t(metric.customerChurned) + t(metric.customerWonBack);
}

// ── The digest job's daily snapshot ──────────────────────────────────────────

/** What the digest job records, once, for a day that has ended (metric.snapshot*). */
export interface DaySnapshot {
  /** active complaints at the end of the day (exact: live count minus later counters) */
  complaintsOpen: number;
  /** complaints past a deadline when the snapshot was taken (within the hour after the day ended) */
  complaintsOverdue: number;
  careTasksOverdue: number;
  /** customers not churned (created − churned + won back, chained day by day from a count) */
  customerBase: number | null;
  /** key accounts contacted from the quarter's first day to this day */
  keyAccountsContactedQuarter: number;
}

export function snapshotOf(day: Record<string, number> | undefined): DaySnapshot | undefined {
  if (!day?.[metric.snapshotTaken]) return undefined;
  return {
    complaintsOpen: day[metric.snapshotComplaintsOpen] ?? 0,
    complaintsOverdue: day[metric.snapshotComplaintsOverdue] ?? 0,
    careTasksOverdue: day[metric.snapshotCareTasksOverdue] ?? 0,
    customerBase: metric.snapshotCustomerBase in day ? day[metric.snapshotCustomerBase]! : null,
    keyAccountsContactedQuarter: day[metric.snapshotKeyAccountsQuarter] ?? 0,
  };
}

export const quarterStartOf = (day: Day): Day =>
  `${day.slice(0, 4)}-${String(Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;

/**
 * Key accounts contacted from the quarter's start to `end`: walk back over the
 * days read until a snapshot (which carries the running total) or the quarter's
 * first day. `missing` names the last day that was needed but not read.
 */
export function keyAccountsQuarterToDate(sums: DaySums, end: Day): { value: number } | { missing: Day } {
  const first = quarterStartOf(end);
  let n = 0;
  // A quarter has at most 92 days: the count bounds the walk even if day arithmetic wraps at a calendar's edge.
  for (let d = end, steps = 0; d >= first && steps < 92; d = plusDays(d, -1), steps++) {
    const day = sums.get(d);
    if (!day) return { missing: d };
    const snap = snapshotOf(day);
    if (snap) return { value: snap.keyAccountsContactedQuarter + n };
    n += day[metric.keyAccountContacted] ?? 0;
  }
  return { value: n };
}

// ── Figures ──────────────────────────────────────────────────────────────────

export type FigureUnit = 'count' | 'ratio' | 'minutes' | 'score' | 'average';

/** Every figure of a digest, in display order, with its unit (ratios are 0–1, NPS −100…100). */
export const figureDefs = [
  { key: 'complaints.opened', unit: 'count', group: 'complaints' },
  { key: 'complaints.resolved', unit: 'count', group: 'complaints' },
  { key: 'complaints.open', unit: 'count', group: 'complaints' },
  { key: 'complaints.overdue', unit: 'count', group: 'complaints' },
  { key: 'complaints.first_response_median', unit: 'minutes', group: 'complaints' },
  { key: 'complaints.resolution_median', unit: 'minutes', group: 'complaints' },
  { key: 'complaints.sla_compliance', unit: 'ratio', group: 'complaints' },
  { key: 'complaints.escalated', unit: 'count', group: 'complaints' },
  { key: 'care.tasks_created', unit: 'count', group: 'care' },
  { key: 'care.tasks_done', unit: 'count', group: 'care' },
  { key: 'care.tasks_overdue', unit: 'count', group: 'care' },
  { key: 'care.return_visits_due', unit: 'count', group: 'care' },
  { key: 'care.return_visits_done', unit: 'count', group: 'care' },
  { key: 'care.return_visit_completion', unit: 'ratio', group: 'care' },
  { key: 'care.key_accounts_contacted_quarter', unit: 'count', group: 'care' },
  { key: 'surveys.sent', unit: 'count', group: 'surveys' },
  { key: 'surveys.answered', unit: 'count', group: 'surveys' },
  { key: 'surveys.response_rate', unit: 'ratio', group: 'surveys' },
  { key: 'surveys.nps', unit: 'score', group: 'surveys' },
  { key: 'surveys.nps_answers', unit: 'count', group: 'surveys' },
  { key: 'surveys.detractors', unit: 'count', group: 'surveys' },
  { key: 'surveys.csat', unit: 'ratio', group: 'surveys' },
  { key: 'surveys.csat_answers', unit: 'count', group: 'surveys' },
  { key: 'surveys.ces', unit: 'average', group: 'surveys' },
  { key: 'customers.created', unit: 'count', group: 'customers' },
  { key: 'customers.at_risk', unit: 'count', group: 'customers' },
  { key: 'customers.churned', unit: 'count', group: 'customers' },
  { key: 'customers.won_back', unit: 'count', group: 'customers' },
  { key: 'customers.retention', unit: 'ratio', group: 'customers' },
] as const satisfies ReadonlyArray<{ key: string; unit: FigureUnit; group: string }>;

export type FigureKey = (typeof figureDefs)[number]['key'];
export type FigureGroup = (typeof figureDefs)[number]['group'];
export type Figures = Record<FigureKey, number | null>;

/** What the counters cannot tell: states at the period's end and the customer base at its start. */
export interface PeriodStates {
  complaintsOpen: number | null;
  complaintsOverdue: number | null;
  careTasksOverdue: number | null;
  /** customers not churned on the day before the period */
  customerBaseAtStart: number | null;
  keyAccountsContactedQuarter: number | null;
}

/**
 * Retention ≈ (customers at the start − customers churned in the period) ÷
 * customers at the start. The rule (docs/domain.md) asks for "active at the end that were
 * active at the start"; counters cannot follow individuals, so a customer who
 * churned and was won back inside the period counts as retained, and customers
 * gained during the period are left out (they were not in the base). Never below 0.
 */
export function retentionOf(baseAtStart: number | null, churned: number): number | null {
  const r = ratio((baseAtStart ?? 0) - churned, baseAtStart);
  return r === null ? null : Math.max(0, r);
}

export function digestFigures(sums: DaySums, days: readonly Day[], states: PeriodStates): Figures {
  const t = (name: string) => sumOf(sums, days, name);
  const all = totals(sums, days);
  const npsAnswers = t('surveys.nps.answers');
  const csatAnswers = t('surveys.csat.answers');
  const cesAnswers = t(metric.cesAnswer);
  return {
    'complaints.opened': t('complaints.opened'),
    'complaints.resolved': t(metric.complaintResolved),
    'complaints.open': states.complaintsOpen,
    'complaints.overdue': states.complaintsOverdue,
    'complaints.first_response_median': medianFromBuckets('complaints.first_response', all),
    'complaints.resolution_median': medianFromBuckets('complaints.resolution', all),
    'complaints.sla_compliance': ratio(t(metric.complaintSlaMet), t(metric.complaintSlaDue)),
    'complaints.escalated': t(metric.complaintEscalated),
    'care.tasks_created': t('care.tasks.created'),
    'care.tasks_done': t('care.tasks.done'),
    'care.tasks_overdue': states.careTasksOverdue,
    'care.return_visits_due': t(metric.returnVisitDue),
    'care.return_visits_done': t(metric.returnVisitDone),
    'care.return_visit_completion': ratio(t(metric.returnVisitDone), t(metric.returnVisitDue)),
    'care.key_accounts_contacted_quarter': states.keyAccountsContactedQuarter,
    'surveys.sent': t('surveys.sent'),
    'surveys.answered': t('surveys.answered'),
    'surveys.response_rate': ratio(t('surveys.answered'), t('surveys.sent')),
    'surveys.nps': npsOf(t('surveys.nps.promoters'), t('surveys.nps.detractors'), npsAnswers),
    'surveys.nps_answers': npsAnswers,
    'surveys.detractors': t('surveys.nps.detractors'),
    'surveys.csat': ratio(t('surveys.csat.satisfied'), csatAnswers),
    'surveys.csat_answers': csatAnswers,
    'surveys.ces': ratio(t(metric.cesScoreSum), cesAnswers),
    'customers.created': t(metric.customerCreated),
    'customers.at_risk': t(metric.customerAtRisk),
    'customers.churned': t(metric.customerChurned),
    'customers.won_back': t(metric.customerWonBack),
    'customers.retention': retentionOf(states.customerBaseAtStart, t(metric.customerChurned)),
  };
}

// ── Change against the previous period ───────────────────────────────────────

export interface Change {
  /** current − previous (for ratios a difference of fractions: × 100 = points) */
  delta: number | null;
  /** (current − previous) ÷ previous; null when previous is 0 or unknown */
  relative: number | null;
  direction: 'up' | 'down' | 'flat' | null;
}

export function changeOf(current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { delta: null, relative: null, direction: null };
  const delta = current - previous;
  return {
    delta,
    relative: previous !== 0 ? delta / Math.abs(previous) : null,
    direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat',
  };
}

export const arrowOf = (c: Change): string =>
  c.direction === 'up' ? '▲' : c.direction === 'down' ? '▼' : c.direction === 'flat' ? '＝' : '';

export function changesOf(current: Figures, previous: Figures): Record<FigureKey, Change> {
  return Object.fromEntries(figureDefs.map((f) => [f.key, changeOf(current[f.key], previous[f.key])])) as Record<FigureKey, Change>;
}

// ── Breakdowns ───────────────────────────────────────────────────────────────

export interface Breakdowns {
  openedBySeverity: Record<string, number>;
  openedByCategory: Record<string, number>;
  /** root causes counted at least twice in the period, most frequent first */
  recurringRootCauses: Array<{ key: string; count: number }>;
}

export function breakdownsOf(sums: DaySums, days: readonly Day[], maxRootCauses: number): Breakdowns {
  const causes = totals(sums, days, 'complaints.root_cause.');
  return {
    openedBySeverity: Object.fromEntries(severities.map((s) => [s, sumOf(sums, days, `complaints.opened.sev.${s}`)])),
    openedByCategory: Object.fromEntries(complaintCategories.map((c) => [c, sumOf(sums, days, `complaints.opened.cat.${c}`)])),
    recurringRootCauses: Object.entries(causes)
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, maxRootCauses)
      .map(([key, count]) => ({ key, count })),
  };
}

// ── Per owner ────────────────────────────────────────────────────────────────

export interface OwnerRow {
  ownerId: string;
  opened: number;
  resolved: number;
  slaCompliance: number | null;
  overdueNow: number;
  tasksDone: number;
  tasksCreated: number;
  returnVisitCompletion: number | null;
  nps: number | null;
}

/** One row per staff member with any counted activity (or an overdue complaint), busiest first. */
export function ownerRowsOf(sums: DaySums, days: readonly Day[], overdueByOwner: Record<string, number> = {}): OwnerRow[] {
  const byOwner = new Map<string, Record<string, number>>();
  for (const [key, n] of Object.entries(totals(sums, days, 'owner.'))) {
    const dot = key.indexOf('.');
    if (dot < 1) continue;
    const owner = ownerIdOfMetricSegment(key.slice(0, dot));
    const m = byOwner.get(owner) ?? {};
    m[key.slice(dot + 1)] = n;
    byOwner.set(owner, m);
  }
  for (const owner of Object.keys(overdueByOwner)) if (!byOwner.has(owner)) byOwner.set(owner, {});
  return [...byOwner.entries()]
    .map(([ownerId, m]) => {
      const v = (name: string) => m[name] ?? 0;
      return {
        ownerId,
        opened: v('complaints.opened'),
        resolved: v(metric.complaintResolved),
        slaCompliance: ratio(v(metric.complaintSlaMet), v(metric.complaintSlaDue)),
        overdueNow: overdueByOwner[ownerId] ?? 0,
        tasksDone: v('care.tasks.done'),
        tasksCreated: v('care.tasks.created'),
        returnVisitCompletion: ratio(v(metric.returnVisitDone), v(metric.returnVisitDue)),
        nps: npsOf(v('surveys.nps.promoters'), v('surveys.nps.detractors'), v('surveys.nps.answers')),
      };
    })
    .sort(
      (a, b) => b.opened + b.tasksCreated + b.overdueNow - (a.opened + a.tasksCreated + a.overdueNow) || a.ownerId.localeCompare(b.ownerId),
    );
}

// ── Chart series ─────────────────────────────────────────────────────────────

export interface DayPoint {
  day: Day;
  opened: number;
  resolved: number;
  nps: number | null;
}

export const dailySeries = (sums: DaySums, days: readonly Day[]): DayPoint[] =>
  days.map((day) => {
    const one = [day];
    return {
      day,
      opened: sumOf(sums, one, 'complaints.opened'),
      resolved: sumOf(sums, one, metric.complaintResolved),
      nps: npsOf(
        sumOf(sums, one, 'surveys.nps.promoters'),
        sumOf(sums, one, 'surveys.nps.detractors'),
        sumOf(sums, one, 'surveys.nps.answers'),
      ),
    };
  });
