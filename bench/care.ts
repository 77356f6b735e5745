import { atHour, plusDays } from '../lib/domain/calendar';
import { birthdayEntry, type CareProfile, type CareSchedulePlan } from '../lib/domain/care';
import type { Tier } from '../lib/domain/customer';
import { systemActor } from '../lib/domain/staff';
import { runCareDaily } from '../lib/services/care-daily';
import type { AppContext } from '../lib/services/context';
import { createCustomer } from '../lib/services/customers';
import { batchWrite, benchContext, isMain, random, round, writeResult } from './support';

/**
 * care-daily at scale (issues 5, 15): 100,000 customers in the care indexes, a
 * few hundred of them due on the bench day plus a backlog of 10,000 whose
 * return visit is overdue (BENCH_CARE_BACKLOG), all caught up by the first run. Figures: DynamoDB items read by the run
 * against the number of tasks it created (target ≤ 2 × due), requests by
 * command, and wall time per run — the first run and an idempotent re-run.
 * BENCH_CARE_CUSTOMERS sets the population (default 100,000).
 */
const DAY = '2025-06-16'; // no active festival within the lead days, so no tier listing is read
const OWNERS = 30;
const DORMANT = 50;
/** Customers whose return visit is already overdue on the bench day (an import of old customers, missed runs). */
const BACKLOG = Number(process.env.BENCH_CARE_BACKLOG ?? 10_000);

function planFor(i: number, rnd: () => number): CareSchedulePlan {
  const r = rnd();
  const tier: Tier = r < 0.1 ? 'A' : r < 0.4 ? 'B' : 'C';
  const profile: CareProfile = {
    customerId: `cus_bench_${i}`,
    customerName: `客户${i}`,
    ownerId: `UBENCH${i % OWNERS}`,
    tier,
    keyAccount: rnd() < 0.02,
  };
  const birthday =
    rnd() < 0.4
      ? (() => {
          const d = new Date(Date.UTC(2001, 0, 1 + Math.floor(rnd() * 365)));
          return { month: d.getUTCMonth() + 1, day: d.getUTCDate() };
        })()
      : undefined;
  const lunarBirthday = rnd() < 0.05 ? { month: 1 + Math.floor(rnd() * 12), day: 1 + Math.floor(rnd() * 30), leap: false } : undefined;
  const entry = birthdayEntry({ who: 'self', birthday, lunarBirthday }, DAY);
  return {
    profile,
    birthdays: entry ? [entry] : [],
    // The backlog: overdue by 1–365 days, caught up by the first run. The rest spread so that about 1 in 1,000 is due today.
    visit: { due: i < BACKLOG ? plusDays(DAY, -1 - Math.floor(rnd() * 365)) : plusDays(DAY, Math.floor(rnd() * 1000)), force: true },
    dormancy: { due: plusDays(DAY, 1 + Math.floor(rnd() * 2000)) },
    ...(profile.keyAccount ? { keyContact: { due: '2025-08-31', force: true } } : {}),
  };
}

async function seed(ctx: AppContext, customers: number) {
  const rnd = random(5);
  const started = performance.now();
  const CHUNK = 5000;
  let items = 0;
  for (let i = 0; i < customers; i += CHUNK) {
    const chunk: Array<Record<string, unknown>> = [];
    for (let j = i; j < Math.min(customers, i + CHUNK); j++) chunk.push(...ctx.store.care.scheduleItems(planFor(j, rnd)));
    items += chunk.length;
    await batchWrite(ctx, chunk);
  }
  // Customers whose dormancy deadline is today need real profiles: care-daily re-reads them and marks them at risk.
  const days = ctx.config.care.tiers.B.dormancyDays;
  for (let i = 0; i < DORMANT; i++) {
    await createCustomer(
      ctx,
      systemActor,
      { name: `沉睡客户${i}`, ownerId: `UBENCH${i % OWNERS}`, purchases: { count: 4, amount: 20_000 }, lifecycleStage: 'active' },
      atHour(plusDays(DAY, -days), 10, ctx.config.company.timeZone),
    );
  }
  const now = new Date().toISOString();
  await ctx.store.transact(
    Array.from({ length: OWNERS }, (_, i) =>
      ctx.store.staff.putOp(
        {
          slackUserId: `UBENCH${i}`,
          name: `Agent ${i}`,
          role: 'agent',
          locale: i % 2 ? 'en' : 'zh-CN',
          createdAt: now,
          updatedAt: now,
          version: 1,
        },
        0,
      ),
    ),
  );
  return { customers, scheduleItems: items + DORMANT * 2, seconds: round((performance.now() - started) / 1000) };
}

async function measuredRun(ctx: AppContext) {
  const stats = ctx.store.stats;
  const before = { requests: stats.requests, itemsRead: stats.itemsRead, byCommand: { ...stats.byCommand } };
  const t0 = performance.now();
  const result = await runCareDaily(ctx, atHour(DAY, ctx.config.care.dailyHour, ctx.config.company.timeZone));
  const ms = performance.now() - t0;
  const byCommand: Record<string, number> = {};
  for (const [k, v] of Object.entries(stats.byCommand)) if (v - (before.byCommand[k] ?? 0)) byCommand[k] = v - (before.byCommand[k] ?? 0);
  return { result, ms: round(ms), itemsRead: stats.itemsRead - before.itemsRead, requests: stats.requests - before.requests, byCommand };
}

export async function benchCare(): Promise<Record<string, unknown>> {
  const customers = Number(process.env.BENCH_CARE_CUSTOMERS ?? 100_000);
  const { ctx, stop } = await benchContext();
  try {
    const seeded = await seed(ctx, customers);
    const first = await measuredRun(ctx);
    const again = await measuredRun(ctx);
    // Every task the run made: occasions from the indexes plus win-back tasks of dormant customers.
    const due = first.result.created + first.result.atRisk;
    return {
      day: DAY,
      seed: seeded,
      overdue_backlog: BACKLOG,
      due_tasks: due,
      tasks_by_kind: first.result.byKind,
      at_risk: first.result.atRisk,
      dms_sent: first.result.digests.sent,
      first_run: {
        ms: first.ms,
        items_read: first.itemsRead,
        items_read_per_due_task: round(first.itemsRead / Math.max(due, 1), 2),
        requests: first.requests,
        by_command: first.byCommand,
      },
      rerun_same_day: {
        ms: again.ms,
        created: again.result.created,
        dms_sent: again.result.digests.sent,
        items_read: again.itemsRead,
        requests: again.requests,
        by_command: again.byCommand,
      },
      target: 'items read ≤ 2 × due tasks',
      target_met: first.itemsRead <= 2 * due,
    };
  } finally {
    await stop();
  }
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  const figures = await benchCare();
  writeResult('care', { ...figures, benchmark_seconds: round((performance.now() - started) / 1000) });
  process.exit(0);
}
