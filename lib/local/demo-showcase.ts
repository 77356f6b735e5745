import { atHour, type Day, localDay, plusDays } from '../domain/calendar';
import type { CreateCustomerInput } from '../domain/customer';
import { isLunarBirthday } from '../domain/festivals';
import type { Actor } from '../domain/staff';
import { syncCareSchedule } from '../services/care-schedule';
import type { AppContext } from '../services/context';
import { createCustomer, logInteraction } from '../services/customers';
import { submitSurvey } from '../services/survey-answers';
import { sendSurvey } from '../services/surveys';

/**
 * The part of the demo that depends on the day it is loaded, so every feature
 * has something to show on the first day whatever the date: birthdays (solar
 * and lunar) in the next days and next week, a dormant A customer in 上海, a
 * key account whose quarterly contact is due, NPS and CSAT answers of the last
 * 30 days with a detractor among them, and one open survey link to try.
 */
export interface Showcase {
  /** an unanswered survey link, printed at start */
  surveyLink: string;
  customers: number;
  answers: number;
}

const owner: Actor = { id: 'U0DEMOAG1', kind: 'staff', role: 'agent' };
const monthDay = (day: Day) => ({ month: Number(day.slice(5, 7)), day: Number(day.slice(8, 10)) });

/** A lunar month-day whose solar date is `day` (any year), for a lunar birthday that falls on it. */
function lunarOn(day: Day): { month: number; day: number; leap: false } | undefined {
  for (let month = 1; month <= 12; month++) {
    for (let d = 1; d <= 30; d++) if (isLunarBirthday({ month, day: d, leap: false }, day)) return { month, day: d, leap: false };
  }
  return undefined;
}

const tierA = { count: 18, amount: 260_000 };
const tierB = { count: 6, amount: 45_000 };

export async function loadDemoShowcase(ctx: AppContext, since: Date, now: Date, existingCustomerIds: string[]): Promise<Showcase> {
  const tz = ctx.config.company.timeZone;
  const today = localDay(now, tz);
  const daysAgo = (n: number) => atHour(plusDays(today, -n), 10, tz);
  const lunar = lunarOn(plusDays(today, 2));
  const people: Array<{ input: CreateCustomerInput; lastContactDaysAgo: number }> = [
    // A-tier birthdays are prepared 3 days ahead: one in two days shows today.
    {
      input: {
        name: '周晓燕',
        salutation: 'ms',
        ownerId: owner.id,
        purchases: tierA,
        lifecycleStage: 'active',
        address: { city: '上海' },
        birthday: monthDay(plusDays(today, 2)),
      },
      lastContactDaysAgo: 5,
    },
    {
      input: {
        name: '吴国强',
        salutation: 'mr',
        ownerId: owner.id,
        purchases: tierB,
        lifecycleStage: 'active',
        address: { city: '杭州' },
        ...(lunar ? { lunarBirthday: lunar } : {}),
        birthday: monthDay(today),
        // a VIP with a birthday this month, whatever the day of the month
        flags: { keyAccount: false, vip: true, problem: false },
      },
      lastContactDaysAgo: 10,
    },
    {
      input: {
        name: 'Grace Lin',
        salutation: 'ms',
        ownerId: 'U0DEMOAG2',
        locale: 'en',
        purchases: tierB,
        lifecycleStage: 'active',
        address: { city: '上海' },
        birthday: monthDay(plusDays(today, 8)),
      },
      lastContactDaysAgo: 12,
    },
    // Quiet for 100 days against the A tier's 45: care-daily marks it at risk with a win-back task.
    {
      input: { name: '钱多多', salutation: 'mr', ownerId: owner.id, purchases: tierA, lifecycleStage: 'active', address: { city: '上海' } },
      lastContactDaysAgo: 100,
    },
  ];
  for (const { input, lastContactDaysAgo } of people) {
    const c = await createCustomer(ctx, owner, input, since);
    await logInteraction(
      ctx,
      owner,
      c.id,
      { kind: 'visit', summary: '上门拜访，了解使用情况', at: daysAgo(lastContactDaysAgo).toISOString() },
      daysAgo(lastContactDaysAgo),
    );
    // Birthdays planned from today, not from the creation day long ago (lunar dates, the lead-window catch-up).
    const stored = await ctx.store.customers.get(c.id);
    if (stored) await syncCareSchedule(ctx, stored, now);
  }
  // A key account whose quarterly executive contact is due today (the reminder day of an earlier quarter was missed).
  const key = await createCustomer(
    ctx,
    owner,
    {
      name: '上海申华实业有限公司',
      kind: 'organization',
      ownerId: owner.id,
      purchases: tierA,
      lifecycleStage: 'active',
      address: { city: '上海' },
      flags: { keyAccount: true, vip: true, problem: false },
    },
    since,
  );
  await logInteraction(ctx, owner, key.id, { kind: 'meeting', summary: '年度合作回顾会议', at: daysAgo(20).toISOString() }, daysAgo(20));
  await ctx.store.care.moveQueue(key.id, 'key-contact', today);

  // Answers of the last 30 days: promoters, a passive, a detractor (NPS) and CSAT scores.
  const answered: Array<{ template: 'nps' | 'csat'; score: number; days: number; comment?: string }> = [
    { template: 'nps', score: 10, days: 2 },
    { template: 'nps', score: 9, days: 6 },
    { template: 'nps', score: 8, days: 9 },
    { template: 'nps', score: 3, days: 4, comment: '送货太慢，客服也不回电话' },
    { template: 'nps', score: 9, days: 15 },
    { template: 'csat', score: 5, days: 3 },
    { template: 'csat', score: 4, days: 7 },
    { template: 'csat', score: 2, days: 12, comment: '问题拖了很久才解决' },
  ];
  let answers = 0;
  const answer = async (customerId: string, a: { template: 'nps' | 'csat'; score: number; comment?: string }, at: Date) => {
    const sent = await sendSurvey(ctx, owner, { customerId, templateId: a.template }, at);
    const token = sent.link.slice(sent.link.lastIndexOf('/') + 1);
    const form =
      a.template === 'nps'
        ? { q_score: String(a.score), ...(a.comment ? { q_why: a.comment } : {}) }
        : { q_score: String(a.score), ...(a.comment ? { q_comment: a.comment } : {}) };
    await submitSurvey(ctx, token, form, new Date(at.getTime() + 3_600_000));
    answers++;
  };
  for (const [n, a] of answered.entries()) await answer(existingCustomerIds[(n * 5 + 1) % existingCustomerIds.length]!, a, daysAgo(a.days));
  // Where the help's examples look on any date: a low score this week from an A-tier account (two hours
  // ago, answered an hour ago), and low NPS and CSAT scores in the middle of last month.
  await answer(key.id, { template: 'nps', score: 2, comment: '交付一再延期' }, new Date(now.getTime() - 2 * 3_600_000));
  const midLastMonth = atHour(plusDays(`${today.slice(0, 8)}01` as Day, -16), 10, tz);
  await answer(existingCustomerIds[7 % existingCustomerIds.length]!, { template: 'nps', score: 4 }, midLastMonth);
  await answer(existingCustomerIds[11 % existingCustomerIds.length]!, { template: 'csat', score: 2 }, midLastMonth);
  const open = await sendSurvey(ctx, owner, { customerId: existingCustomerIds[2]!, templateId: 'nps' }, now);
  return { surveyLink: open.link, customers: people.length + 1, answers };
}
