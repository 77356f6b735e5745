import { plusDays } from '../lib/domain/calendar';
import { applyTransition, followUpSampleOf, newComplaint } from '../lib/domain/complaint-lifecycle';
import { type Complaint, complaintCategories, severities } from '../lib/domain/complaint-schemas';
import { daysOf, monthPeriod, periodContaining } from '../lib/domain/digest-period';
import { durationBuckets, metric } from '../lib/domain/metrics';
import { type Actor, systemActor } from '../lib/domain/staff';
import { slaRules } from '../lib/services/complaints';
import type { AppContext } from '../lib/services/context';
import { createCustomer } from '../lib/services/customers';
import { buildDigest, sendDueDigests } from '../lib/services/digest';
import { upsertStaff } from '../lib/services/staff';
import { COUNTER_SHARDS } from '../lib/store/counters';
import { batchWrite, benchContext, countingSlack, isMain, percentile, random, round, useSlackTransport, writeResult } from './support';

/**
 * Manager digests over one million recorded events (issue 7).
 *
 * Recording 1M events one transaction at a time would take most of an hour, so
 * the counter items are written as they look after the events: every day of
 * October and November 2026 × 4 shards, with company-wide and per-owner
 * (`owner.<id>.`) sums for 50 owners and ≥ 1,000,000 events in November alone,
 * plus the digest job's daily snapshot on each day (the steady state).
 * BENCH_DIGEST_RAW raw records (default 100,000: closed complaints and
 * customer-timeline entries) are written beside them to show that a digest
 * reads none of them; a few hundred active complaints and at-risk customers
 * stand for the open work the lists read.
 *
 * Figures: build time (first and median of warm builds) and DynamoDB requests
 * and items read by command, for the monthly digest (30 days vs 31) and the
 * weekly one (7 vs 7), and for a job run sending the monthly digest to three
 * managers (the content is built once per run). Bytes read are estimated from
 * the seeded item sizes, since per-owner counters make the shard items large.
 */
const NOW = new Date('2026-12-01T01:00:00Z'); // Tuesday 1 December, 09:00 in Shanghai: the monthly digest for November
const OWNERS = 50;
const MANAGERS = 3;
const ACTIVE_COMPLAINTS = 300;
const OVERDUE_COMPLAINTS = 40;
const AT_RISK_CUSTOMERS = 120;
const TARGET_EVENTS = 1_000_000;
const CHUNK = 150; // metrics per UpdateItem: an UpdateExpression may be 4 KB at most

/** Events of one day by kind (a weekday; weekends are quieter). Each is one event however many counters it ADDs. */
const baseDay = {
  complaintOpened: 1500,
  firstResponse: 1450,
  complaintResolved: 1400,
  complaintEscalated: 80,
  complaintWarned: 150,
  complaintClosed: 1300,
  complaintReopened: 30,
  complaintCancelled: 20,
  careCreated: 6000,
  careDone: 5200,
  careSkipped: 300,
  surveySent: 8000,
  surveyAnswered: 3000,
  customerCreated: 600,
  customerAtRisk: 60,
  customerChurned: 20,
  customerWonBack: 10,
};
type Kind = keyof typeof baseDay;
const eventsOf = (day: Record<Kind, number>) => Object.values(day).reduce((a, b) => a + b, 0);

/** The counters one day's events leave behind (company-wide names; owner copies are split off later). */
function countersOf(e: Record<Kind, number>, rnd: () => number): Record<string, number> {
  const m: Record<string, number> = {};
  const add = (name: string, n: number) => {
    if (n > 0) m[name] = (m[name] ?? 0) + n;
  };
  const spread = (total: number, names: readonly string[], prefix: string) => {
    let left = total;
    names.forEach((n, i) => {
      const part = i === names.length - 1 ? left : Math.floor(left * (0.2 + rnd() * 0.5));
      add(`${prefix}${n}`, part);
      left -= part;
    });
  };
  add('complaints.opened', e.complaintOpened);
  spread(e.complaintOpened, severities, 'complaints.opened.sev.');
  spread(e.complaintOpened, complaintCategories, 'complaints.opened.cat.');
  spread(e.firstResponse, durationBuckets.slice(0, 8).map(String), 'complaints.first_response.le_');
  add(metric.complaintResolved, e.complaintResolved);
  add(metric.complaintSlaDue, e.complaintResolved);
  add(metric.complaintSlaMet, Math.round(e.complaintResolved * (0.8 + rnd() * 0.15)));
  spread(e.complaintResolved, [...durationBuckets.slice(4).map(String), 'inf'], 'complaints.resolution.le_');
  spread(
    e.complaintResolved,
    Array.from({ length: 12 }, (_, i) => `cause-${i}`),
    'complaints.root_cause.',
  );
  add(metric.complaintEscalated, e.complaintEscalated);
  add(metric.complaintWarned, e.complaintWarned);
  add(metric.complaintClosed, e.complaintClosed);
  add(metric.complaintReopened, e.complaintReopened);
  add(metric.complaintCancelled, e.complaintCancelled);
  add('care.tasks.created', e.careCreated);
  spread(e.careCreated, ['birthday', 'holiday', 'return-visit', 'complaint-follow-up', 'win-back'], 'care.tasks.created.');
  add('care.tasks.done', e.careDone);
  spread(e.careDone, ['birthday', 'holiday', 'return-visit', 'complaint-follow-up', 'win-back'], 'care.tasks.done.');
  add(metric.careTaskSkipped, e.careSkipped);
  add(metric.returnVisitDue, Math.round(e.careCreated / 3));
  add(metric.returnVisitDone, Math.round(e.careDone / 3));
  add(metric.keyAccountContacted, Math.round(e.careDone / 150));
  add('surveys.sent', e.surveySent);
  spread(e.surveySent, ['complaint', 'visit', 'campaign'], 'surveys.sent.');
  add('surveys.answered', e.surveyAnswered);
  spread(e.surveyAnswered, ['complaint', 'visit', 'campaign'], 'surveys.answered.');
  const nps = Math.round(e.surveyAnswered * 0.6);
  add('surveys.nps.answers', nps);
  spread(nps, ['promoters', 'passives', 'detractors'], 'surveys.nps.');
  const csat = e.surveyAnswered - nps;
  add('surveys.csat.answers', csat);
  add('surveys.csat.satisfied', Math.round(csat * (0.75 + rnd() * 0.2)));
  add(metric.customerCreated, e.customerCreated);
  add(metric.customerAtRisk, e.customerAtRisk);
  add(metric.customerChurned, e.customerChurned);
  add(metric.customerWonBack, e.customerWonBack);
  return m;
}

/**
 * A day's counter items as the services write them: the company-wide totals cut over
 * the shards, and one item per owner with that owner's (uneven) share of each total.
 */
function counterItems(
  day: Record<string, number>,
  rnd: () => number,
  owners: string[],
): { shards: Array<Record<string, number>>; byOwner: Map<string, Record<string, number>> } {
  const shards: Array<Record<string, number>> = Array.from({ length: COUNTER_SHARDS }, () => ({}));
  const byOwner = new Map<string, Record<string, number>>(owners.map((o) => [o, {}]));
  for (const [name, total] of Object.entries(day)) {
    let left = total;
    for (let s = 0; s < COUNTER_SHARDS; s++) {
      const part = s === COUNTER_SHARDS - 1 ? left : Math.floor(left * rnd() * 0.5);
      if (part > 0) shards[s]![name] = (shards[s]![name] ?? 0) + part;
      left -= part;
    }
    left = total;
    owners.forEach((o, i) => {
      const part = i === owners.length - 1 ? left : Math.min(left, Math.floor((total / owners.length) * (0.5 + rnd())));
      if (part > 0) byOwner.get(o)![`owner.${o}.${name}`] = part;
      left -= part;
    });
  }
  return { shards, byOwner };
}

const itemBytes = (m: Record<string, number>) => Object.keys(m).reduce((b, k) => b + k.length + 8, 40);

interface SeedFigures {
  counterItems: number;
  counterItemAvgKb: number;
  eventsInNovember: number;
  eventsInOctober: number;
  seconds: number;
}

async function seedCounters(ctx: AppContext): Promise<{ figures: SeedFigures; bytesByDay: Map<string, number> }> {
  const started = performance.now();
  const rnd = random(7);
  const owners = Array.from({ length: OWNERS }, (_, i) => `UOWN${String(i).padStart(3, '0')}`);
  const days = daysOf('2026-09-30', '2026-12-01');
  const isWeekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
  const novDays = days.filter((d) => d.startsWith('2026-11')).length;
  const weekdayShare = days.filter((d) => d.startsWith('2026-11')).reduce((a, d) => a + (isWeekend(d) ? 0.6 : 1), 0) / novDays;
  const scale = (TARGET_EVENTS / novDays / weekdayShare / eventsOf(baseDay)) * 1.02;
  const events = { nov: 0, oct: 0 };
  const bytesByDay = new Map<string, number>();
  const updates: Array<() => Promise<void>> = [];
  let open = 2800;
  let base = 180_000;
  let qtd = 0;
  for (const d of days) {
    const quiet = isWeekend(d) ? 0.6 : 1;
    const todays = d === '2026-12-01' ? 0.05 : 1; // the digest runs at 09:00: today has barely begun
    const e = Object.fromEntries(
      Object.entries(baseDay).map(([k, v]) => [k, Math.round(v * scale * quiet * todays * (0.85 + rnd() * 0.3))]),
    ) as Record<Kind, number>;
    if (d.startsWith('2026-11')) events.nov += eventsOf(e);
    if (d.startsWith('2026-10')) events.oct += eventsOf(e);
    const counters = countersOf(e, rnd);
    const { shards, byOwner } = counterItems(counters, rnd, owners);
    // The digest job's snapshot of the day (steady state: every past day has one).
    if (d < '2026-12-01') {
      open += e.complaintOpened - e.complaintResolved - e.complaintCancelled + e.complaintReopened;
      base += e.customerCreated - e.customerChurned + e.customerWonBack;
      qtd = (d.endsWith('-01') && ['01', '04', '07', '10'].includes(d.slice(5, 7)) ? 0 : qtd) + (counters[metric.keyAccountContacted] ?? 0);
      Object.assign(shards[0]!, {
        [metric.snapshotTaken]: 1,
        [metric.snapshotComplaintsOpen]: open,
        [metric.snapshotComplaintsOverdue]: Math.round(open * 0.1),
        [metric.snapshotCareTasksOverdue]: 1500 + Math.round(rnd() * 500),
        [metric.snapshotCustomerBase]: base,
        [metric.snapshotKeyAccountsQuarter]: qtd,
      });
    }
    bytesByDay.set(
      d,
      [...shards, ...byOwner.values()].reduce((b, s) => b + itemBytes(s), 0),
    );
    const write = (metrics: Record<string, number>, shardSeed?: number) => {
      const entries = Object.entries(metrics);
      updates.push(async () => {
        for (let i = 0; i < entries.length; i += CHUNK) {
          await ctx.store.transact(ctx.store.counters.incrementOps(d, Object.fromEntries(entries.slice(i, i + CHUNK)), shardSeed));
        }
      });
    };
    shards.forEach((s, shard) => write(s, shard / COUNTER_SHARDS));
    for (const owned of byOwner.values()) write(owned);
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < updates.length) await updates[next++]!();
    }),
  );
  const totalBytes = [...bytesByDay.values()].reduce((a, b) => a + b, 0);
  return {
    figures: {
      counterItems: days.length * (COUNTER_SHARDS + OWNERS),
      counterItemAvgKb: round(totalBytes / (days.length * (COUNTER_SHARDS + OWNERS)) / 1024),
      eventsInNovember: events.nov,
      eventsInOctober: events.oct,
      seconds: round((performance.now() - started) / 1000),
    },
    bytesByDay,
  };
}

function complaintItem(ctx: AppContext, i: number, state: 'closed' | 'active' | 'overdue', rnd: () => number): Record<string, unknown> {
  const rules = slaRules(ctx.config);
  const owner = `UOWN${String(i % OWNERS).padStart(3, '0')}`;
  const id = `cmp_dg_${state}_${String(i).padStart(6, '0')}`;
  const created =
    state === 'overdue'
      ? new Date(NOW.getTime() - 3 * 86_400_000 - i * 60_000)
      : state === 'active'
        ? new Date(NOW.getTime() - 30 * 60_000 - i * 1000)
        : new Date(Date.parse('2026-10-01T00:00:00Z') + Math.floor(rnd() * 60) * 86_400_000);
  let c: Complaint = newComplaint(
    {
      customerId: `cus_dg_${i % 5000}`,
      channel: 'phone',
      category: complaintCategories[i % complaintCategories.length]!,
      severity: state === 'active' ? 'ordinary' : severities[i % 3]!,
      description: `Bench complaint ${i}`,
      confirmedWithCustomer: true,
    },
    { id, customerName: `客户${i % 5000}`, receiverId: owner, followUpSample: followUpSampleOf(id, 0.1, 0.3), intakeEscalationLevel: 0 },
    owner,
    created,
    rules,
  );
  if (state === 'closed') {
    const actor: Actor = { id: owner, kind: 'staff', role: 'agent' };
    const at = (m: number) => new Date(created.getTime() + m * 60_000);
    c = applyTransition(c, { action: 'acknowledge', promisedReplyAt: at(600).toISOString() }, actor, at(10), rules).after;
    c = applyTransition(c, { action: 'resolve', solution: 's', rootCause: 'bench', replyToCustomer: 'r' }, actor, at(300), rules).after;
    c = applyTransition(c, { action: 'close', summary: 'done' }, actor, at(400), rules).after;
  }
  return ctx.store.complaints.itemOf(c);
}

/** Records a digest must not read: closed complaints and customer-timeline entries. Plus the open work it does read. */
async function seedRecords(ctx: AppContext, raw: number) {
  const started = performance.now();
  const rnd = random(11);
  const closed = Math.round(raw * 0.2);
  const items: Array<Record<string, unknown>> = [];
  for (let i = 0; i < closed; i++) items.push(complaintItem(ctx, i, 'closed', rnd));
  for (let i = closed; i < raw; i++) {
    const op = ctx.store.timeline.addOp({
      id: `int_dg_${String(i).padStart(7, '0')}`,
      customerId: `cus_dg_${i % 5000}`,
      kind: 'call',
      summary: `Bench call ${i}`,
      by: `UOWN${String(i % OWNERS).padStart(3, '0')}`,
      at: new Date(Date.parse('2026-10-01T00:00:00Z') + (i % 61) * 86_400_000 + i).toISOString(),
    });
    items.push(op.item.Put!.Item as Record<string, unknown>);
  }
  for (let i = 0; i < ACTIVE_COMPLAINTS; i++) items.push(complaintItem(ctx, i, i < OVERDUE_COMPLAINTS ? 'overdue' : 'active', rnd));
  await batchWrite(ctx, items);
  for (let i = 0; i < AT_RISK_CUSTOMERS; i++) {
    await createCustomer(
      ctx,
      systemActor,
      {
        name: `Risky ${i}`,
        ownerId: `UOWN${String(i % OWNERS).padStart(3, '0')}`,
        lifecycleStage: 'at-risk',
        flags: { keyAccount: i % 6 === 0, vip: false, problem: false },
      },
      new Date('2026-06-01T00:00:00Z'),
    );
  }
  for (let i = 0; i < OWNERS; i++)
    await upsertStaff(
      ctx,
      systemActor,
      { slackUserId: `UOWN${String(i).padStart(3, '0')}`, name: `Agent ${i}`, role: 'agent' },
      new Date('2026-01-01T00:00:00Z'),
    );
  for (let i = 0; i < MANAGERS; i++) {
    await upsertStaff(
      ctx,
      systemActor,
      { slackUserId: `UMGR${i}`, name: `Manager ${i}`, role: 'manager', locale: i % 2 ? 'en' : 'zh-CN', digest: 'monthly' },
      new Date('2026-01-01T00:00:00Z'),
    );
  }
  return {
    rawRecords: raw,
    closedComplaints: closed,
    timelineEntries: raw - closed,
    activeComplaints: ACTIVE_COMPLAINTS,
    overdueComplaints: OVERDUE_COMPLAINTS,
    atRiskCustomers: AT_RISK_CUSTOMERS,
    seconds: round((performance.now() - started) / 1000),
  };
}

const statsNow = (ctx: AppContext) => ({ ...ctx.store.stats, byCommand: { ...ctx.store.stats.byCommand } });
function delta(ctx: AppContext, before: ReturnType<typeof statsNow>) {
  const s = ctx.store.stats;
  const byCommand: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.byCommand)) if (v - (before.byCommand[k] ?? 0)) byCommand[k] = v - (before.byCommand[k] ?? 0);
  return { requests: s.requests - before.requests, itemsRead: s.itemsRead - before.itemsRead, requestsByCommand: byCommand };
}

/** Counter items are counted apart from the rest: the db stats count items, not which reads they came from, so a wrapper does it. */
async function measure(
  ctx: AppContext,
  label: string,
  build: () => Promise<unknown>,
  counterDays: string[],
  bytesByDay: Map<string, number>,
  warm = 5,
) {
  const counterItemsBefore = { n: 0 };
  const forDays = ctx.store.counters.forDays;
  ctx.store.counters.forDays = async (days) => {
    const out = await forDays(days);
    // Every seeded day has its shards and one item per owner (each owner has some activity every day).
    counterItemsBefore.n += days.filter((d) => bytesByDay.has(d)).length * (COUNTER_SHARDS + OWNERS);
    return out;
  };
  try {
    const before = statsNow(ctx);
    let started = performance.now();
    await build();
    const first = { ms: round(performance.now() - started), ...delta(ctx, before), counterItemsRead: counterItemsBefore.n };
    const samples: number[] = [];
    for (let i = 0; i < warm; i++) {
      started = performance.now();
      await build();
      samples.push(performance.now() - started);
    }
    const kb = counterDays.reduce((b, d) => b + (bytesByDay.get(d) ?? 0), 0) / 1024;
    return {
      label,
      first_build_ms: first.ms,
      warm_build_ms_p50: round(percentile(samples, 50)),
      requests: first.requests,
      items_read: first.itemsRead,
      counter_items_read: first.counterItemsRead,
      other_items_read: first.itemsRead - first.counterItemsRead,
      requests_by_command: first.requestsByCommand,
      counter_kb_read_estimate: round(kb),
      counter_rcu_estimate_eventually_consistent: round(Math.ceil(kb / 4) * 0.5, 0),
    };
  } finally {
    ctx.store.counters.forDays = forDays;
  }
}

export async function benchDigest(): Promise<Record<string, unknown>> {
  const raw = Number(process.env.BENCH_DIGEST_RAW ?? 100_000);
  const bench = await benchContext({ CARELOOP_DIGEST: JSON.stringify({ chart: { enabled: true } }) });
  try {
    const { ctx } = bench;
    const slack = countingSlack();
    useSlackTransport(ctx, slack);
    const { figures: counters, bytesByDay } = await seedCounters(ctx);
    const records = await seedRecords(ctx, raw);
    const november = monthPeriod('2026-11');
    const monthlyDays = daysOf('2026-09-30', '2026-12-01');
    const monthly = await measure(
      ctx,
      'monthly digest, November (30 days) vs October (31 days)',
      () => buildDigest(ctx, 'UMGR0', november, NOW),
      monthlyDays,
      bytesByDay,
    );
    const w48 = periodContaining('weekly', '2026-11-23');
    const weeklyDays = daysOf(plusDays('2026-11-16', -1), '2026-12-01');
    const weekly = await measure(
      ctx,
      'weekly digest, W48 (7 days) vs W47',
      () => buildDigest(ctx, 'UMGR0', w48, new Date('2026-11-30T01:00:00Z')),
      weeklyDays.filter((d) => d <= '2026-11-30'),
      bytesByDay,
      3,
    );
    const before = statsNow(ctx);
    const started = performance.now();
    const summary = await sendDueDigests(ctx, NOW);
    const jobRun = {
      ms: round(performance.now() - started),
      managers: summary.sent.length,
      snapshot: summary.snapshot,
      ...delta(ctx, before),
    };
    const posted = slack;
    return {
      events: { november: counters.eventsInNovember, october: counters.eventsInOctober, owners: OWNERS },
      seed: { counters, records },
      monthly,
      weekly,
      job_run_three_managers: {
        ...jobRun,
        posts: posted.sent.filter((e) => e.kind === 'post').length,
        chart_uploads: posted.sent.filter((e) => e.kind === 'upload').length,
      },
      expectation: {
        monthly_counter_items: `(30 + 31 + the day before October + today) × (${COUNTER_SHARDS} shards + ${OWNERS} owners) = ${(30 + 31 + 2) * (COUNTER_SHARDS + OWNERS)}`,
        raw_records_read: 0,
        note: 'other_items_read = staff directory and profile, active complaints (live open/overdue counts and the overdue list), at-risk customers; none of the raw records',
      },
    };
  } finally {
    await bench.stop();
  }
}

if (isMain(import.meta.url)) {
  writeResult('digest', await benchDigest());
}
