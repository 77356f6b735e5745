import type { Server } from 'node:http';
import type { Customer } from '../lib/domain/customer';
import { nameIndex } from '../lib/domain/name-keys';
import type { SurveyInvitation, SurveyResponse } from '../lib/domain/survey';
import { builtInTemplate } from '../lib/domain/survey-templates';
import { createLocalServer, listen } from '../lib/local/server';
import { type AppContext, setAppContext } from '../lib/services/context';
import { runSurveyCampaigns } from '../lib/services/survey-campaigns';
import { createInvitation, type IssuedLink } from '../lib/services/survey-invitations';
import { surveyResults } from '../lib/services/survey-results';
import { noticePage, surveyFormPage, thanksPage } from '../lib/survey-page/views';
import { batchWrite, benchContext, isMain, latencySummary, round, writeResult } from './support';

/**
 * Surveys (issue 6): the page's render time and size; GET and submission
 * latency through the local stack (API Gateway emulator → functions/survey.ts
 * → DynamoDB Local), sequential and with 8 clients at once; the results query
 * over a month of responses; a campaign start over the active customers.
 * BENCH_SURVEY_LINKS, BENCH_SURVEY_RESPONSES and BENCH_SURVEY_CAMPAIGN size it.
 */
const LINKS = Number(process.env.BENCH_SURVEY_LINKS ?? 400);
const RESPONSES = Number(process.env.BENCH_SURVEY_RESPONSES ?? 10_000);
const CAMPAIGN_CUSTOMERS = Number(process.env.BENCH_SURVEY_CAMPAIGN ?? 2_000);
const OWNERS = 20;

function customerFor(i: number, stage: Customer['lifecycleStage']): Customer {
  const at = '2025-01-02T00:00:00.000Z';
  return {
    id: `cus_bench_${stage}_${i}`,
    name: `测试客户${i}`,
    kind: 'person',
    phones: [],
    emails: i % 10 === 0 ? [`c${i}@example.com`] : [],
    ownerId: `UBENCH${i % OWNERS}`,
    flags: { keyAccount: false, vip: false, problem: false },
    lifecycleStage: stage,
    loyaltyStage: 'customer',
    consent: { contact: true, surveys: i % 25 !== 0, thirdPartySharing: false },
    tags: [],
    purchases: { count: 0, amount: 0 },
    tier: 'C',
    createdBy: 'bench',
    createdAt: at,
    updatedBy: 'bench',
    updatedAt: at,
    version: 1,
  };
}

/** Profiles (and name keys) written straight from the repository's ops, without their conditions. */
async function seedCustomers(ctx: AppContext, customers: Customer[]): Promise<void> {
  await batchWrite(
    ctx,
    customers.flatMap((c) => ctx.store.customers.createOps(c, nameIndex).map((op) => op.item.Put!.Item as Record<string, unknown>)),
  );
}

function renderFigures() {
  const ctx = { locale: 'zh-CN' as const, company: '汇丰五金有限公司', token: 'abcdefghijklmnopqrstuvwxyz012345' };
  const out: Record<string, unknown> = {};
  for (const id of ['nps', 'csat', 'ces']) {
    const template = builtInTemplate(id)!;
    const inv = {
      id: 'inv',
      customerId: 'c',
      ownerId: 'U',
      tier: 'B',
      trigger: 'manual',
      occasion: 'd',
      templateId: id,
      template,
      locale: 'zh-CN',
      firstName: '小明',
      status: 'sent',
      sentAt: '',
      sentBy: '',
      expiresOn: '',
      remindersSent: 0,
      tokenHashes: [],
    } as SurveyInvitation;
    const html = surveyFormPage(inv, ctx);
    const n = 2000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) surveyFormPage(inv, ctx);
    out[`${id}_form`] = { bytes: Buffer.byteLength(html), render_us: round(((performance.now() - t0) / n) * 1000, 1) };
  }
  out.thanks_bytes = Buffer.byteLength(thanksPage(ctx));
  out.unavailable_bytes = Buffer.byteLength(noticePage('zh-CN', ctx.company, 'unavailable'));
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function inParallel<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

function delta(ctx: AppContext, before: { requests: number; itemsRead: number; byCommand: Record<string, number> }, n: number) {
  const s = ctx.store.stats;
  const byCommand: Record<string, number> = {};
  for (const [k, v] of Object.entries(s.byCommand))
    if (v - (before.byCommand[k] ?? 0)) byCommand[k] = round((v - (before.byCommand[k] ?? 0)) / n, 2);
  return {
    requests_per_call: round((s.requests - before.requests) / n, 2),
    items_read_per_call: round((s.itemsRead - before.itemsRead) / n, 2),
    by_command_per_call: byCommand,
  };
}
const snapshot = (ctx: AppContext) => ({ ...ctx.store.stats, byCommand: { ...ctx.store.stats.byCommand } });

async function pageLatency(ctx: AppContext, baseUrl: string) {
  const customers = Array.from({ length: LINKS }, (_, i) => customerFor(i, 'new'));
  await seedCustomers(ctx, customers);
  const template = builtInTemplate('nps')!;
  const now = new Date();
  const links: IssuedLink[] = [];
  await inParallel(
    customers.filter((c) => c.consent.surveys),
    8,
    async (customer) => {
      const o = await createInvitation(ctx, { customer, trigger: 'manual', occasion: 'bench', template, actorId: 'bench' }, now);
      if ('issued' in o) links.push(o.issued);
    },
  );
  const url = (l: IssuedLink) => `${baseUrl}/s/${l.link.slice(l.link.lastIndexOf('/') + 1)}`;
  const half = Math.floor(links.length / 2);

  let before = snapshot(ctx);
  const gets: number[] = [];
  for (const l of links) gets.push((await timed(() => fetch(url(l)).then((r) => r.text())))[1]);
  const getCost = delta(ctx, before, links.length);

  before = snapshot(ctx);
  const posts: number[] = [];
  let ok = 0;
  for (const l of links.slice(0, half)) {
    const [status, ms] = await timed(() =>
      fetch(url(l), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=answer&q_score=9&q_why=bench',
      }).then(async (r) => (await r.text(), r.status)),
    );
    posts.push(ms);
    if (status === 200) ok++;
  }
  const postCost = delta(ctx, before, half);

  const parallelPosts: number[] = [];
  const wall = performance.now();
  await inParallel(links.slice(half), 8, async (l) => {
    const [status, ms] = await timed(() =>
      fetch(url(l), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=answer&q_score=9',
      }).then(async (r) => (await r.text(), r.status)),
    );
    parallelPosts.push(ms);
    if (status === 200) ok++;
  });
  const parallelSeconds = (performance.now() - wall) / 1000;
  return {
    links: links.length,
    answered_ok: ok,
    get_page: { ...latencySummary(gets), ...getCost },
    submit_sequential: { ...latencySummary(posts), ...postCost },
    submit_8_clients: { ...latencySummary(parallelPosts), per_second: round(parallelPosts.length / parallelSeconds) },
  };
}

async function resultsQuery(ctx: AppContext) {
  const month = '2025-05';
  const items: Array<Record<string, unknown>> = [];
  for (let i = 0; i < RESPONSES; i++) {
    const answeredAt = new Date(Date.UTC(2025, 4, 1 + (i % 31), 1 + (i % 20), i % 60)).toISOString();
    const kind = (['nps', 'csat', 'ces'] as const)[i % 3]!;
    const score = kind === 'nps' ? i % 11 : kind === 'csat' ? 1 + (i % 5) : 1 + (i % 7);
    const inv = { id: `inv_bench_${i}` } as SurveyInvitation;
    const response: SurveyResponse = {
      invitationId: inv.id,
      customerId: `cus_r${i}`,
      customerName: `客户${i}`,
      ownerId: `UBENCH${i % OWNERS}`,
      tier: (['A', 'B', 'C'] as const)[i % 3]!,
      trigger: i % 4 ? 'campaign' : 'complaint-resolved',
      templateId: kind,
      kind,
      answers: { score },
      scores: { [kind]: score },
      lowScore: false,
      answeredAt,
    };
    items.push(ctx.store.surveys.answerOps(inv, response)[1]!.item.Put!.Item as Record<string, unknown>);
  }
  await batchWrite(ctx, items);
  const before = snapshot(ctx);
  const [r, ms] = await timed(() =>
    surveyResults(ctx, { from: `${month}-02`, to: `${month}-31`, groupBy: 'owner' }, new Date('2025-06-01T00:00:00Z')),
  );
  return { responses_seeded: RESPONSES, responses_read: r.responsesRead, groups: r.groups.length, ms: round(ms), ...delta(ctx, before, 1) };
}

async function campaignStart(ctx: AppContext) {
  const customers = Array.from({ length: CAMPAIGN_CUSTOMERS }, (_, i) => customerFor(i, 'active'));
  await seedCustomers(ctx, customers);
  const before = snapshot(ctx);
  const [run, ms] = await timed(() => runSurveyCampaigns(ctx, new Date('2025-06-15T02:00:00Z')));
  const invited = run.sent.reduce((n, s) => n + s.invited, 0);
  return {
    active_customers: CAMPAIGN_CUSTOMERS,
    invited,
    reached: run.sent.reduce((n, s) => n + s.reached, 0),
    seconds: round(ms / 1000),
    invitations_per_second: round(invited / (ms / 1000)),
    ...delta(ctx, before, Math.max(invited, 1)),
  };
}

export async function benchSurveys(): Promise<Record<string, unknown>> {
  const { ctx, stop } = await benchContext({ CARELOOP_SURVEYS: JSON.stringify({ rateLimit: { perIp: 100_000, perToken: 100 } }) });
  setAppContext(ctx);
  const server: Server = createLocalServer();
  try {
    const port = await listen(server, 0);
    const render = renderFigures();
    const http = await pageLatency(ctx, `http://127.0.0.1:${port}`);
    const results = await resultsQuery(ctx);
    const campaign = await campaignStart(ctx);
    return {
      render,
      http,
      results_month_by_owner: results,
      campaign_start: campaign,
      note: "local stack on DynamoDB Local (2 cores shared); latencies include the API Gateway emulator; submissions are promoters (a low score adds the owner alert and care's at-risk work)",
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    setAppContext(undefined);
    await stop();
  }
}

if (isMain(import.meta.url)) {
  const started = performance.now();
  const figures = await benchSurveys();
  writeResult('surveys', { ...figures, benchmark_seconds: round((performance.now() - started) / 1000) });
  process.exit(0);
}
