import { TZDate } from '@date-fns/tz';
import { type DateRange, type Entities, type ParsedQuestion, parseQuestion } from '../domain/ask';
import type { Fact } from '../domain/ask/types';
import { type Day, localDay, plusDays } from '../domain/calendar';
import type { CareTask } from '../domain/care';
import type { Complaint } from '../domain/complaint-schemas';
import type { Customer } from '../domain/customer';
import type { CustomerSummary } from '../domain/customer-summary';
import { ownerMetricPrefix } from '../domain/metrics';
import { FIT_SCORE, rankNames } from '../domain/name-match';
import { searchPrefix } from '../domain/name-search';
import type { Actor, Staff } from '../domain/staff';
import { isLowScore, type Scores, type SurveyResponse } from '../domain/survey';
import { tasksForAssignee } from './care';
import { listComplaints } from './complaints';
import type { AppContext } from './context';
import { findCustomers } from './customer-lookup';
import { type CustomerOverview, customerOverview } from './customer-overview';
import { getCustomer } from './customers';
import { resolveCustomerName } from './name-resolution';
import { staffDirectory } from './staff';

/**
 * Conversational queries (issue 4 §6): the parser (lib/domain/ask) says what
 * a question asks for; this maps each intent to a query of the services and
 * returns the facts, never a guess — an ambiguous customer comes back as a
 * choice, an unreadable question as `unknown` with the parser's hints. The
 * Slack bot renders answers as Block Kit; REST could render them as JSON.
 */
export type Answer = AnswerBody & {
  /** the name asked about belongs to a customer and a colleague: which one was read */
  sharedName?: { name: string; readAs: 'customer' | 'colleague' };
};

type AnswerBody =
  | { kind: 'customer_overview'; overview: CustomerOverview; readAs?: string }
  | {
      kind: 'customer_complaints';
      customer: CustomerSummary;
      complaints: Complaint[];
      range?: DateRange;
      more: boolean;
      readAs?: string;
      /** none is open: the latest of any status, so "解决了吗" is answered by what happened */
      latest?: boolean;
      status?: 'resolved' | 'closed';
    }
  | { kind: 'customer_owner'; customer: CustomerSummary; owner?: Staff; readAs?: string }
  | { kind: 'customer_fact'; customer: Customer; fact: Fact; lastScore?: { scores: Scores; answeredAt: string }; readAs?: string }
  | { kind: 'detractors'; range: DateRange; people: DetractorRow[]; more: boolean }
  | { kind: 'customers'; entities: Entities; customers: Customer[]; more: boolean; read: number }
  | { kind: 'complaints'; entities: Entities; complaints: Complaint[]; more: boolean }
  | { kind: 'birthdays'; range: DateRange; truncatedTo?: Day; people: BirthdayRow[] }
  | { kind: 'survey_scores'; range: DateRange; scores: SurveyScores; owner?: string }
  | { kind: 'tasks'; range: DateRange; tasks: CareTask[]; more: boolean }
  | { kind: 'help' }
  | {
      kind: 'choose_customer';
      query: string;
      candidates: CustomerSummary[];
      asked: ParsedQuestion['intent'];
      more?: boolean;
      sameName?: boolean;
    }
  | { kind: 'no_customer'; query: string }
  | { kind: 'no_colleague'; query: string; suggestions?: string[] }
  | { kind: 'unknown'; hints: string[] };

export interface DetractorRow {
  customerId: string;
  customerName: string;
  ownerId: string;
  tier: string;
  nps?: number;
  csat?: number;
  answeredAt: string;
}

export interface BirthdayRow {
  day: Day;
  customerId: string;
  customerName: string;
  contactName?: string;
  ownerId: string;
  tier: string;
  lunar: boolean;
}

export interface SurveyScores {
  npsAnswers: number;
  nps?: number;
  csatAnswers: number;
  csat?: number;
  cesAnswers: number;
  ces?: number;
  sent: number;
  answered: number;
}

export interface AskOptions {
  now: Date;
  /** the bot's user id, removed from mentions */
  botUserId?: string;
}

const DAY_MS = 86_400_000;

function todayRange(ctx: AppContext, now: Date, label = 'today'): DateRange {
  const d = localDay(now, ctx.config.company.timeZone);
  return { from: d, to: d, label };
}

function daysOf(range: DateRange, max: number): Day[] {
  const out: Day[] = [];
  for (let d = range.from; d <= range.to && out.length < max; d = plusDays(d, 1)) out.push(d);
  return out;
}

/**
 * The customer a question names: one, several to choose from ("did you mean"), or none (then the
 * answer says so, and never substitutes the nearest stranger). Ids, phones and e-mails are looked
 * up exactly; names fuzzily against the whole directory (name-resolution.ts). `readAs` is set
 * when the name was read as another spelling ("按“李明华”查询").
 */
async function customerOf(
  ctx: AppContext,
  actor: Actor,
  name: string | undefined,
  asked: ParsedQuestion['intent'],
): Promise<{ customer: CustomerSummary; readAs?: string } | { answer: Answer }> {
  if (!name) return { answer: { kind: 'unknown', hints: ['missing:customer', `maybe:${asked}`] } };
  const limit = Math.min(5, ctx.config.slackBot.pickListSize);
  if (/^cus_[\w-]+$|^\+?[\d\s()-]{5,}$|@/.test(name.trim())) {
    const found = await findCustomers(ctx, actor, name, limit + 1);
    if (found.length === 1) return { customer: found[0]! };
    if (!found.length) return { answer: { kind: 'no_customer', query: name } };
    return { answer: { kind: 'choose_customer', query: name, candidates: found.slice(0, limit), asked, more: found.length > limit } };
  }
  const resolved = await resolveCustomerName(ctx, name, limit);
  if (resolved.kind === 'one') {
    const { item, fit } = resolved.match;
    return { customer: item, ...(fit !== 'exact' ? { readAs: item.name } : {}) };
  }
  if (resolved.kind === 'none') return { answer: { kind: 'no_customer', query: name } };
  // several customers of exactly that name are a pick list; weaker fits are "did you mean"
  const sameName = resolved.candidates.every((c) => c.fit === 'exact');
  return {
    answer: {
      kind: 'choose_customer',
      query: name,
      candidates: resolved.candidates.map((c) => c.item),
      asked,
      more: resolved.more,
      ...(sameName ? { sameName } : {}),
    },
  };
}

/** A colleague named in the question who is not in the staff list: answered as such, never as a stranger. */
class UnknownColleague extends Error {
  constructor(
    readonly query: string,
    readonly suggestions: Staff[] = [],
  ) {
    super(`no colleague called ${query}`);
  }
}

async function ownerIdOf(ctx: AppContext, actor: Actor, owner: Entities['owner']): Promise<string | undefined> {
  if (!owner) return undefined;
  if (owner.self) return actor.id;
  if (owner.slackUserId) return owner.slackUserId;
  if (owner.name) {
    // the same fuzzy rules as customers (typos, pinyin, traditional characters, 李经理), over the staff list
    const staff = await staffDirectory(ctx);
    const resolved = rankNames(
      owner.name,
      staff.map((s) => ({ name: s.name, id: s.slackUserId, item: s })),
    );
    if (resolved.kind === 'one') return resolved.match.item.slackUserId;
    // one colleague who fits fairly well (李经理 for the only 李) is taken; several, or a weak fit, are suggested
    const first = resolved.kind === 'choose' && resolved.candidates.length === 1 ? resolved.candidates[0] : undefined;
    if (first && first.score >= FIT_SCORE.initials) return first.item.slackUserId;
    throw new UnknownColleague(owner.name, resolved.kind === 'choose' ? resolved.candidates.map((c) => c.item) : []);
  }
  return undefined;
}

/** Company-zone day bounds as instants, for filters on stored ISO times. */
function instantOf(ctx: AppContext, day: Day, endOfDay: boolean): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + (endOfDay ? 1 : 0), 0, 0, ctx.config.company.timeZone).getTime()).toISOString();
}

async function customersMatching(ctx: AppContext, actor: Actor, e: Entities, now: Date): Promise<Answer> {
  const limit = ctx.config.slackBot.listSize;
  const maxRead = ctx.config.slackBot.ask.maxCustomersRead;
  const ownerId = await ownerIdOf(ctx, actor, e.owner);
  const cutoff = e.notVisitedDays ? new Date(now.getTime() - e.notVisitedDays * DAY_MS).toISOString() : undefined;
  const city = e.city ? searchPrefix(e.city) : undefined;
  const keep = (c: Customer) =>
    (!city || searchPrefix(c.address?.city ?? '').startsWith(city) || searchPrefix(c.address?.region ?? '').startsWith(city)) &&
    (!cutoff || (c.lastInteractionAt ?? c.createdAt) < cutoff) &&
    (e.keyAccount === undefined || c.flags.keyAccount === e.keyAccount) &&
    (e.vip === undefined || c.flags.vip === e.vip);
  const out: Customer[] = [];
  let read = 0;
  let cursor: string | undefined;
  do {
    // One index (owner, tier or stage; all customers otherwise) read page by page; the rest filtered here.
    const page = await ctx.store.customers.list({ ownerId, tier: e.tier, stage: e.stage }, 100, cursor);
    read += page.items.length;
    out.push(...page.items.filter(keep));
    cursor = page.cursor;
  } while (cursor && out.length <= limit && read < maxRead);
  return { kind: 'customers', entities: e, customers: out.slice(0, limit), more: out.length > limit || Boolean(cursor), read };
}

async function complaintsMatching(ctx: AppContext, actor: Actor, e: Entities, now: Date): Promise<Answer> {
  const limit = ctx.config.slackBot.listSize;
  const assignee = await ownerIdOf(ctx, actor, e.owner);
  const status = e.status === 'resolved' || e.status === 'closed' ? e.status : 'active';
  const overdue = e.status === 'overdue';
  const range = e.dateRange;
  const query = {
    status,
    ...(assignee ? { assignee } : {}),
    ...(e.severity ? { severity: e.severity } : {}),
    ...(overdue ? { overdue: 'true' } : range ? { createdFrom: range.from, createdTo: range.to } : {}),
    limit: 100,
  };
  const page = await listComplaints(ctx, actor, query, now);
  let items = page.items;
  if (e.status === 'escalated') items = items.filter((c) => c.escalationLevel > 0);
  // "overdue this week": deadlines that passed within the range
  if (overdue && range) items = items.filter((c) => (c.nextDeadlineAt ?? '') >= instantOf(ctx, range.from, false));
  items = [...items].sort((a, b) => (a.nextDeadlineAt ?? '~').localeCompare(b.nextDeadlineAt ?? '~'));
  return { kind: 'complaints', entities: e, complaints: items.slice(0, limit), more: items.length > limit || Boolean(page.cursor) };
}

async function birthdays(ctx: AppContext, range: DateRange, now: Date): Promise<Answer> {
  const max = ctx.config.slackBot.ask.maxBirthdayDays;
  // Birthdays are asked about ahead: within a period that has begun, the days to come are read first
  // ("this month" on the 31st is the 31st, not the 1st to the 14th).
  const today = localDay(now, ctx.config.company.timeZone);
  const days = daysOf(range.from < today && today <= range.to ? { ...range, from: today } : range, max);
  const groups = ['KEY', 'A', 'B', 'C'] as const;
  const rows = new Map<string, BirthdayRow>();
  await Promise.all(
    days.flatMap((day) =>
      groups.flatMap((group) =>
        (
          [
            [day.slice(5), false],
            [day, true],
          ] as const
        ).map(async ([key, lunar]) => {
          for (const e of await ctx.store.care.birthdaysOn(key, group)) {
            const id = `${e.customerId}#${e.who ?? 'self'}`;
            if (!rows.has(id))
              rows.set(id, {
                day,
                customerId: e.customerId,
                customerName: e.customerName,
                contactName: e.contactName,
                ownerId: e.ownerId,
                tier: e.tier,
                lunar,
              });
          }
        }),
      ),
    ),
  );
  const people = [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.customerName.localeCompare(b.customerName));
  const last = days[days.length - 1];
  return { kind: 'birthdays', range, people, ...(last && last < range.to ? { truncatedTo: last } : {}) };
}

/** docs/domain.md, Digests and metrics: NPS = % promoters − % detractors; CSAT = % answers 4–5; CES = sum ÷ answers. From daily counters. */
async function surveyScores(ctx: AppContext, actor: Actor, e: Entities, range: DateRange): Promise<Answer> {
  const ownerId = await ownerIdOf(ctx, actor, e.owner);
  const sums = await ctx.store.counters.forDays(daysOf(range, 400));
  const total = (name: string) => {
    const key = ownerId ? `${ownerMetricPrefix(ownerId)}${name}` : name;
    let n = 0;
    for (const day of sums.values()) n += day[key] ?? 0;
    return n;
  };
  const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : undefined);
  const npsAnswers = total('surveys.nps.answers');
  const csatAnswers = total('surveys.csat.answers');
  const cesAnswers = total('surveys.ces.answers');
  const nps = npsAnswers
    ? Math.round(((total('surveys.nps.promoters') - total('surveys.nps.detractors')) / npsAnswers) * 1000) / 10
    : undefined;
  const scores: SurveyScores = {
    npsAnswers,
    nps,
    csatAnswers,
    csat: pct(total('surveys.csat.satisfied'), csatAnswers),
    cesAnswers,
    ces: cesAnswers ? Math.round((total('surveys.ces.sum') / cesAnswers) * 10) / 10 : undefined,
    sent: total('surveys.sent'),
    answered: total('surveys.answered'),
  };
  return { kind: 'survey_scores', range, scores, ...(ownerId ? { owner: ownerId } : {}) };
}

async function myTasks(ctx: AppContext, actor: Actor, e: Entities, now: Date): Promise<Answer> {
  const limit = ctx.config.slackBot.listSize;
  const range = e.dateRange ?? todayRange(ctx, now);
  const assignee = (await ownerIdOf(ctx, actor, e.owner)) ?? actor.id;
  const today = localDay(now, ctx.config.company.timeZone);
  // "today" means what is on my plate today, overdue included.
  const which = range.label === 'today' || (range.from === today && range.to === today) ? 'today' : { from: range.from, to: range.to };
  const tasks = await tasksForAssignee(ctx, assignee, which, now, limit + 1);
  return { kind: 'tasks', range, tasks: tasks.slice(0, limit), more: tasks.length > limit };
}

/** One fact of the card, for this actor: the profile as they may see it (masked phone and e-mail, no credit grade). */
async function customerFact(ctx: AppContext, actor: Actor, id: string, fact: Fact, readAs: string | undefined): Promise<Answer> {
  const customer = await getCustomer(ctx, actor, id);
  const base = { kind: 'customer_fact' as const, customer, fact, ...(readAs ? { readAs } : {}) };
  if (fact !== 'last_score') return base;
  // newest invitations first; the first answered one holds the last score
  const invitations = await ctx.store.surveys.invitationsOfCustomer(id, 20);
  const answered = invitations.find((i) => i.status === 'answered');
  const response = answered ? await ctx.store.surveys.response(answered.id) : undefined;
  return response ? { ...base, lastScore: { scores: response.scores, answeredAt: response.answeredAt } } : base;
}

/** Survey answers a period can hold before "who gave a low score" says the list may be incomplete. */
const MAX_ANSWERS_READ = 5000;
/** Only what a low-score row shows is read of each answer. */
const LOW_SCORE_FIELDS = ['invitationId', 'customerId', 'customerName', 'ownerId', 'tier', 'scores', 'answeredAt'];

/**
 * Who gave a low score in a period, newest first: NPS detractors and dissatisfied CSAT answers
 * (the thresholds of SURVEYS_CONFIG.lowScore). The NPS ones come from the detractor index; the
 * CSAT ones from the answers of the period, read by month (never a Scan of the table).
 */
async function detractors(ctx: AppContext, actor: Actor, e: Entities, range: DateRange): Promise<Answer> {
  const limit = ctx.config.slackBot.listSize;
  const ownerId = await ownerIdOf(ctx, actor, e.owner);
  const from = instantOf(ctx, range.from, false);
  const to = instantOf(ctx, range.to, true);
  const [indexed, answered] = await Promise.all([
    ctx.store.surveys.detractorsBetween(from, to, 200),
    ctx.store.surveys.responsesBetween(from, to, MAX_ANSWERS_READ, LOW_SCORE_FIELDS),
  ]);
  const byInvitation = new Map<string, SurveyResponse>();
  for (const r of [...indexed, ...answered.items])
    if (isLowScore(r.scores, ctx.config.surveys.lowScore)) byInvitation.set(r.invitationId, r);
  const rows = [...byInvitation.values()]
    .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt))
    .filter((r) => (!ownerId || r.ownerId === ownerId) && (!e.tier || r.tier === e.tier))
    .map(
      (r): DetractorRow => ({
        customerId: r.customerId,
        customerName: r.customerName,
        ownerId: r.ownerId,
        tier: r.tier,
        ...(r.scores.nps !== undefined ? { nps: r.scores.nps } : {}),
        ...(r.scores.csat !== undefined ? { csat: r.scores.csat } : {}),
        answeredAt: r.answeredAt,
      }),
    );
  return { kind: 'detractors', range, people: rows.slice(0, limit), more: rows.length > limit || answered.truncated };
}

export async function answerParsed(ctx: AppContext, actor: Actor, parsed: ParsedQuestion, now: Date): Promise<Answer> {
  try {
    return await answerIntent(ctx, actor, parsed, now);
  } catch (error) {
    if (error instanceof UnknownColleague)
      return {
        kind: 'no_colleague',
        query: error.query,
        ...(error.suggestions.length ? { suggestions: error.suggestions.map((s) => s.slackUserId) } : {}),
      };
    throw error;
  }
}

async function answerIntent(ctx: AppContext, actor: Actor, parsed: ParsedQuestion, now: Date): Promise<Answer> {
  const e = parsed.entities;
  switch (parsed.intent) {
    case 'customer_overview': {
      const found = await customerOf(ctx, actor, e.customerName, parsed.intent);
      return 'answer' in found
        ? found.answer
        : { kind: 'customer_overview', overview: await customerOverview(ctx, actor, found.customer.id), ...readAsOf(found) };
    }
    case 'customer_fact': {
      const found = await customerOf(ctx, actor, e.customerName, parsed.intent);
      return 'answer' in found ? found.answer : customerFact(ctx, actor, found.customer.id, e.fact ?? 'tier', found.readAs);
    }
    case 'detractors': {
      const today = localDay(now, ctx.config.company.timeZone);
      return detractors(ctx, actor, e, e.dateRange ?? { from: plusDays(today, -29), to: today, label: 'last_30_days' });
    }
    case 'customer_complaints': {
      const found = await customerOf(ctx, actor, e.customerName, parsed.intent);
      if ('answer' in found) return found.answer;
      const c = found.customer;
      const range = e.dateRange;
      const status = e.status === 'resolved' || e.status === 'closed' ? e.status : undefined;
      const list = (filter: { status?: string }) =>
        listComplaints(
          ctx,
          actor,
          { customerId: c.id, ...(range ? { createdFrom: range.from, createdTo: range.to } : {}), ...filter, limit: 100 },
          now,
        );
      let page = await list(status ? { status } : range ? {} : { status: 'active' });
      // nothing open: the latest of any status ("王建国的投诉解决了吗" is answered by the resolved one)
      const latest = !range && !status && page.items.length === 0;
      if (latest) page = await list({});
      const limit = ctx.config.slackBot.listSize;
      const items = [...page.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return {
        kind: 'customer_complaints',
        customer: c,
        complaints: items.slice(0, limit),
        more: items.length > limit || Boolean(page.cursor),
        ...(range ? { range } : {}),
        ...(latest && items.length ? { latest } : {}),
        ...(status ? { status } : {}),
        ...readAsOf(found),
      };
    }
    case 'customer_owner': {
      const found = await customerOf(ctx, actor, e.customerName, parsed.intent);
      if ('answer' in found) return found.answer;
      const c = found.customer;
      // a name to show, not a permission: the per-container directory saves a read
      const owner = (await staffDirectory(ctx, now)).find((s) => s.slackUserId === c.ownerId);
      return { kind: 'customer_owner', customer: c, ...(owner ? { owner } : {}), ...readAsOf(found) };
    }
    case 'customers_filter':
      return customersMatching(ctx, actor, e, now);
    case 'complaints_list':
      return complaintsMatching(ctx, actor, e, now);
    case 'birthdays':
      return birthdays(
        ctx,
        e.dateRange ?? {
          from: localDay(now, ctx.config.company.timeZone),
          to: plusDays(localDay(now, ctx.config.company.timeZone), 6),
          label: 'next_7_days',
        },
        now,
      );
    case 'survey_scores': {
      const today = localDay(now, ctx.config.company.timeZone);
      return surveyScores(ctx, actor, e, e.dateRange ?? { from: plusDays(today, -29), to: today, label: 'last_30_days' });
    }
    case 'my_tasks':
      return myTasks(ctx, actor, e, now);
    case 'help':
      return { kind: 'help' };
    case 'unknown':
      return { kind: 'unknown', hints: parsed.hints ?? [] };
  }
}

const readAsOf = (found: { readAs?: string }) => (found.readAs ? { readAs: found.readAs } : {});

export async function answerQuestion(
  ctx: AppContext,
  actor: Actor,
  text: string,
  opts: AskOptions,
): Promise<{ parsed: ParsedQuestion; answer: Answer }> {
  // The staff list is small (one Query): passed in, a colleague's name is read as the owner, not a customer.
  const staff = await staffDirectory(ctx, opts.now);
  const parse = (staffNames: string[]) =>
    parseQuestion(text, {
      now: opts.now,
      timeZone: ctx.config.company.timeZone,
      recentDays: ctx.config.slackBot.ask.recentDays,
      knownStaffNames: staffNames,
      ...(opts.botUserId ? { botUserId: opts.botUserId } : {}),
    });
  const parsed = parse(staff.map((s) => s.name));
  const shared = await sharedNameOf(ctx, parsed);
  if (!shared) return { parsed, answer: await answerParsed(ctx, actor, parsed, opts.now) };
  // A name that is a customer's and a colleague's: read as the customer when the question is about
  // one customer at least as clearly ("王芳有投诉吗", "王芳的电话"); as the colleague with 手上 / 负责的 /
  // owned by, or when it is about their customers or tasks ("王芳的客户", "王芳明天的任务"). The answer
  // says which was read.
  const asCustomer = parse(staff.map((s) => s.name).filter((n) => n !== shared));
  const aboutTheCustomer =
    asCustomer.intent.startsWith('customer_') && asCustomer.entities.customerName === shared && asCustomer.confidence >= parsed.confidence;
  const readAs = aboutTheCustomer ? 'customer' : 'colleague';
  const chosen = readAs === 'customer' ? asCustomer : parsed;
  return { parsed: chosen, answer: { ...(await answerParsed(ctx, actor, chosen, opts.now)), sharedName: { name: shared, readAs } } };
}

/** The colleague named in the question when a customer has exactly that name too. */
async function sharedNameOf(ctx: AppContext, parsed: ParsedQuestion): Promise<string | undefined> {
  const name = parsed.entities.owner?.name;
  if (!name) return undefined;
  const resolved = await resolveCustomerName(ctx, name, 1);
  const exact = resolved.kind === 'one' ? resolved.match : resolved.kind === 'choose' ? resolved.candidates[0] : undefined;
  return exact?.fit === 'exact' ? name : undefined;
}
