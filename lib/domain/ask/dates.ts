import {
  addDays,
  addMonths,
  endOfISOWeek,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  format,
  startOfISOWeek,
  startOfMonth,
  startOfQuarter,
  startOfYear,
} from 'date-fns';
import { type Day, localDay } from '../calendar';
import { COUNT, parseCount } from './numbers';
import type { DateRange } from './types';
import { Utterance } from './utterance';

/**
 * Relative dates ("上周", "last 30 days", "60天没拜访") as calendar days of the company time zone.
 *
 * Conventions (docs/ask.md): weeks are ISO weeks, Monday to Sunday; "this week / month / quarter /
 * year" is the whole calendar period, not "to date", so "birthdays this month" includes the end of
 * the month; "last N days" is N days ending today (today included); a month of inactivity counts
 * 30 days, a year 365.
 */

const DAY = 'yyyy-MM-dd';

// Only "today" needs the company zone (localDay). After that the work is calendar arithmetic: a
// day becomes midnight of the host's zone, date-fns moves it by whole days or months, and only
// its date is read back. That is exact in any host zone (a DST jump moves the hour, never the
// date) and ~30x faster than taking every step through TZDate('UTC'), which measured 45 µs a step.
function asDate(day: Day): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(2000, 0, 1);
  date.setFullYear(y, m - 1, d); // setFullYear: the Date constructor maps years 0–99 to 1900–1999
  return date;
}
const onDay =
  (f: (d: Date) => Date) =>
  (day: Day): Day =>
    format(f(asDate(day)), DAY);
const plusDays = (day: Day, n: number): Day => format(addDays(asDate(day), n), DAY);
const plusMonths = (day: Day, n: number): Day => format(addMonths(asDate(day), n), DAY);

type Unit = 'day' | 'month';
type Period = 'week' | 'month' | 'quarter' | 'year';

const periodBounds: Record<Period, { start: (d: Day) => Day; end: (d: Day) => Day; step: (d: Day, n: number) => Day }> = {
  week: { start: onDay(startOfISOWeek), end: onDay(endOfISOWeek), step: (d, n) => plusDays(d, 7 * n) },
  month: { start: onDay(startOfMonth), end: onDay(endOfMonth), step: (d, n) => plusMonths(d, n) },
  quarter: { start: onDay(startOfQuarter), end: onDay(endOfQuarter), step: (d, n) => plusMonths(d, 3 * n) },
  year: { start: onDay(startOfYear), end: onDay(endOfYear), step: (d, n) => plusMonths(d, 12 * n) },
};

// Ranges longer than ten years are not a question anyone asks a CRM bot; they are typos or tests.
const MAX_DAYS = 3660;
const MAX_MONTHS = 120;

export interface DateContext {
  today: Day;
  recentDays: number;
}

/** A date the words name but the parser will not serve: too long ("最近99999天"), empty ("last 0 days") or absolute ("6月1日"). */
export const UNSUPPORTED = 'unsupported' as const;
type Resolve = (m: RegExpExecArray, ctx: DateContext) => DateRange | typeof UNSUPPORTED | undefined;

/** Whole calendar periods relative to today: offset 0 = this one, -1 = the previous one. */
function period(kind: Period, offset: number, label: string): Resolve {
  return (_, { today }) => {
    const anchor = periodBounds[kind].step(periodBounds[kind].start(today), offset);
    return { from: anchor, to: periodBounds[kind].end(anchor), label };
  };
}

function day(offset: number, label: string): Resolve {
  return (_, { today }) => {
    const d = plusDays(today, offset);
    return { from: d, to: d, label };
  };
}

/** A count and a unit word in any language → days or months (weeks are days, years are months). */
function span(count: string | undefined, unit: string | undefined): { n: number; unit: Unit } | undefined {
  const value = count === undefined ? 1 : parseCount(count);
  if (value === undefined || value <= 0 || !unit) return undefined;
  const u = unit.toLowerCase();
  if (/^(天|日|day)/.test(u)) return Number.isInteger(value) ? { n: value, unit: 'day' } : undefined;
  if (/^(周|星期|礼拜|week)/.test(u)) return { n: Math.round(value * 7), unit: 'day' };
  if (/^(月|month)/.test(u)) return Number.isInteger(value) ? { n: value, unit: 'month' } : { n: Math.round(value * 30), unit: 'day' };
  if (/^(年|year)/.test(u)) return { n: Math.round(value * 12), unit: 'month' };
  return undefined;
}

function within(s: { n: number; unit: Unit }): boolean {
  return s.unit === 'day' ? s.n <= MAX_DAYS : s.n <= MAX_MONTHS;
}

/** N days or months ending today (last) or starting today (next). */
function rolling(direction: 'last' | 'next', countGroup: number | undefined, unitGroup: number, fixedCount?: string): Resolve {
  return (m, { today }) => {
    const s = span(fixedCount ?? (countGroup === undefined ? undefined : m[countGroup]), m[unitGroup]);
    if (!s || !within(s)) return UNSUPPORTED;
    const label = `${direction}_${s.n}_${s.unit}s`;
    if (direction === 'last') {
      const from = s.unit === 'day' ? plusDays(today, 1 - s.n) : plusDays(plusMonths(today, -s.n), 1);
      return { from, to: today, label };
    }
    const to = s.unit === 'day' ? plusDays(today, s.n - 1) : plusDays(plusMonths(today, s.n), -1);
    return { from: today, to, label };
  };
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const HAN_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const WEEK_OFFSET: Record<string, number> = { 上上: -2, 上: -1, last: -1, 下: 1, next: 1 };

/** A day of a week: "下周三" and "next Wednesday" are the Wednesday of next week (ISO weeks). */
const weekday: Resolve = (m, { today }) => {
  const which = (m[1] ?? m[3] ?? '').toLowerCase();
  const day = m[2] !== undefined ? (HAN_WEEKDAY[m[2]] ?? 0) : WEEKDAYS.indexOf((m[4] ?? '').toLowerCase()) + 1;
  if (!(day >= 1 && day <= 7)) return undefined;
  const offset = WEEK_OFFSET[which] ?? 0;
  const date = plusDays(periodBounds.week.start(today), 7 * offset + day - 1);
  const prefix = offset === -2 ? 'week_before_last' : offset === -1 ? 'last' : offset === 1 ? 'next' : 'this';
  return { from: date, to: date, label: `${prefix}_${WEEKDAYS[day - 1]}` };
};

/** Saturday and Sunday of this, last or next ISO week. */
const weekend: Resolve = (m, { today }) => {
  const offset = WEEK_OFFSET[(m[1] ?? m[2] ?? '').toLowerCase()] ?? 0;
  const saturday = plusDays(periodBounds.week.start(today), 7 * offset + 5);
  const prefix = offset === -1 ? 'last' : offset === 1 ? 'next' : 'this';
  return { from: saturday, to: plusDays(saturday, 1), label: `${prefix}_weekend` };
};

/** 上半年 / 下半年: January–June or July–December, of this year unless 去年 / 明年 says otherwise. */
const halfYear: Resolve = (m, { today }) => {
  const yearOffset = m[1] === '去年' ? -1 : m[1] === '明年' ? 1 : 0;
  const january = plusMonths(periodBounds.year.start(today), 12 * yearOffset);
  const from = m[2] === '上' ? january : plusMonths(january, 6);
  const year = yearOffset === -1 ? 'last_year_' : yearOffset === 1 ? 'next_year_' : '';
  return { from, to: plusDays(plusMonths(from, 6), -1), label: `${year}${m[2] === '上' ? 'first' : 'second'}_half` };
};

const recent: Resolve = (_, { today, recentDays }) => ({ from: plusDays(today, 1 - recentDays), to: today, label: 'recent' });

/** English alternatives need word edges ("today" must not match inside "todays-special"). */
const en = (source: string) => `(?<![a-z0-9])(?:${source})(?![a-z0-9])`;
const rule = (source: string, resolve: Resolve) => ({ pattern: new RegExp(source, 'gu'), resolve });

const ZH_UNIT = '天|日|周|星期|礼拜|月|年';
const EN_UNIT = 'days?|weeks?|months?|years?';

/**
 * Checked in order; every match claims its words and the first one found is the answer. Counted
 * and more specific rules come first so that "最近30天" is thirty days and not the bare "最近"
 * (recently), and "下周三" is a Wednesday rather than next week.
 */
export const DATE_RULES: { pattern: RegExp; resolve: Resolve }[] = [
  rule(`(?:最近|近|过去|前|这)的?\\s*(${COUNT})\\s*个?多?\\s*(${ZH_UNIT})(?:内|以来|里)?`, rolling('last', 1, 2)),
  rule(`(\\d{1,5}|[一二两三四五六七八九十百]{1,4})\\s*个?\\s*(${ZH_UNIT})(?:内|以内|以来)`, rolling('last', 1, 2)),
  rule(`(?:未来|接下来|之后|今后|往后)的?\\s*(${COUNT})\\s*个?多?\\s*(${ZH_UNIT})(?:内|里)?`, rolling('next', 1, 2)),
  rule(en(`(?:in |over |during |within )?(?:the )?(?:last|past|previous) (${COUNT}) (${EN_UNIT})`), rolling('last', 1, 2)),
  rule(en(`(?:in |over |during |within )?(?:the )?(?:next|coming|upcoming|following) (${COUNT}) (${EN_UNIT})`), rolling('next', 1, 2)),
  rule(en(`(?:in |over |during )?(?:the )?past (week|month|year)`), rolling('last', undefined, 1)),
  rule(en(`q([1-4])(?: this year)?`), (m, { today }) => {
    const anchor = plusMonths(`${today.slice(0, 4)}-01-01`, 3 * (Number(m[1]) - 1));
    return { from: anchor, to: periodBounds.quarter.end(anchor), label: `q${m[1]}` };
  }),
  // 周一 but not 这周一共 ("this week in total") or 周一下 ("…a bit")
  rule(
    `(?:(上上|上|下|这|本)(?:个)?)?(?:周|星期|礼拜)([一二三四五六日天])(?![共起下次些个直般样切定])|${en(`(?:(last|next|this|on) )?(${WEEKDAYS.join('|')})`)}`,
    weekday,
  ),
  rule(`(?:(上|下|这|本)(?:个)?)?周末|${en(`(?:(last|next|this) )?weekend`)}`, weekend),
  rule(`(去年|今年|明年)?的?(上|下)半年`, halfYear),
  rule(`前天|${en('the day before yesterday')}`, day(-2, 'day_before_yesterday')),
  rule(`后天|${en('the day after tomorrow')}`, day(2, 'day_after_tomorrow')),
  rule(`今天|今日|今儿|当天|${en('today|tonight')}`, day(0, 'today')),
  rule(`明天|明日|明儿|${en('tomorrow')}`, day(1, 'tomorrow')),
  rule(`昨天|昨日|昨儿|${en('yesterday')}`, day(-1, 'yesterday')),
  rule(`上上(?:个)?(?:周|星期|礼拜)|${en('the week before last')}`, period('week', -2, 'week_before_last')),
  rule(`上一?(?:个)?(?:周|星期|礼拜)|${en('last week|previous week')}`, period('week', -1, 'last_week')),
  rule(`下一?(?:个)?(?:周|星期|礼拜)|${en('next week|the following week')}`, period('week', 1, 'next_week')),
  rule(`本周|这一?周|本星期|这(?:个)?(?:星期|礼拜)|本礼拜|${en('this week|current week')}`, period('week', 0, 'this_week')),
  rule(`上上(?:个)?月|${en('the month before last')}`, period('month', -2, 'month_before_last')),
  rule(`上一?(?:个)?月|${en('last month|previous month')}`, period('month', -1, 'last_month')),
  rule(`下一?(?:个)?月|${en('next month')}`, period('month', 1, 'next_month')),
  rule(`本月|这(?:一)?(?:个)?月|当月|${en('this month|current month')}`, period('month', 0, 'this_month')),
  rule(`上一?(?:个)?季度?|${en('last quarter|previous quarter')}`, period('quarter', -1, 'last_quarter')),
  rule(`下一?(?:个)?季度?|${en('next quarter')}`, period('quarter', 1, 'next_quarter')),
  rule(`本季度?|这(?:一)?(?:个)?季度|当季|${en('this quarter|current quarter')}`, period('quarter', 0, 'this_quarter')),
  rule(`去年|上一年|${en('last year|previous year')}`, period('year', -1, 'last_year')),
  rule(`明年|下一年|${en('next year')}`, period('year', 1, 'next_year')),
  rule(`今年|本年度?|${en('this year|current year|year to date|ytd')}`, period('year', 0, 'this_year')),
  rule(`最近|近期|近来|这段时间|这阵子|${en('lately|recently|recent')}`, recent),
  // Calendar dates are not relative dates: recognised so they are neither ignored nor read as a
  // customer name, and refused (the reply shows the relative forms that work).
  rule(
    `(?:\\d{4}\\s*年\\s*)?\\d{1,2}\\s*月份?(?:\\s*\\d{1,2}\\s*[日号])?|\\d{4}\\s*年|\\d{4}[-.\\s]\\d{1,2}[-.\\s]\\d{1,2}`,
    () => UNSUPPORTED,
  ),
  rule(
    en(
      `(?:january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)(?: \\d{1,2}(?:st|nd|rd|th)?)?(?: \\d{4})?|may \\d{1,2}|(?:in|since|during|until|before|after) may`,
    ),
    () => UNSUPPORTED,
  ),
];

const ZH_CONTACT = '拜访|联系|联络|回访|走访|跟进|沟通|来往|互动|见面|接触|打电话|打过电话';
const EN_CONTACT =
  'visited|contacted|called|seen|talked to|talked with|spoken to|spoken with|spoke to|spoke with|reached|reached out to|been in touch with|touched base with|visits?|contacts?|calls?|interactions?|touchpoints?|follow-ups?|follow ups?|heard from';

/**
 * "Not visited for N days" in its usual shapes. Checked before DATE_RULES: in "最近60天没联系"
 * the sixty days measure silence, they are not the period to report on.
 */
export const INACTIVITY_RULES: { pattern: RegExp; days: (m: RegExpExecArray) => number | typeof UNSUPPORTED }[] = [
  {
    pattern: new RegExp(
      `(?:最近|近|过去|超过|已经?|有|连续)?\\s*(${COUNT})\\s*个?多?\\s*(${ZH_UNIT})(?:以上|多|之久)?(?:都|还|一直|以上)?(?:没有?|未|没再|无人|没人)(?:被|人)?(?:${ZH_CONTACT})(?:过)?`,
      'gu',
    ),
    days: (m) => inactivityDays(m[1], m[2]),
  },
  {
    pattern: new RegExp(
      `(?:没有?|未|无人|没人)(?:被|人)?(?:${ZH_CONTACT})(?:过)?(?:的)?(?:时间)?(?:超过|已经?|已达|达到|有|满)?\\s*(${COUNT})\\s*个?多?\\s*(${ZH_UNIT})(?:以上|多|了)?`,
      'gu',
    ),
    days: (m) => inactivityDays(m[1], m[2]),
  },
  {
    pattern: new RegExp(
      en(
        `(?:not|never|no|without(?: a| any)?|(?:we )?(?:haven't|hasn't|have not|has not)(?: been)?|(?:dormant|inactive|silent))(?: been)? (?:(?:${EN_CONTACT}) )?(?:for|in|within|over|during|since)(?: the)?(?: last| past)?(?: over| more than| at least)? (${COUNT}) (${EN_UNIT})`,
      ),
      'gu',
    ),
    days: (m) => inactivityDays(m[1], m[2]),
  },
  {
    pattern: new RegExp(
      en(`(${COUNT})\\+? (${EN_UNIT}) (?:without (?:a |any )?(?:${EN_CONTACT})|since (?:the )?last (?:${EN_CONTACT}))`),
      'gu',
    ),
    days: (m) => inactivityDays(m[1], m[2]),
  },
];

function inactivityDays(count: string | undefined, unit: string | undefined): number | typeof UNSUPPORTED {
  const s = span(count, unit);
  if (!s) return UNSUPPORTED;
  const days = s.unit === 'day' ? s.n : s.n === 12 * Math.round(s.n / 12) ? (s.n / 12) * 365 : s.n * 30;
  return days <= MAX_DAYS ? days : UNSUPPORTED;
}

/**
 * Today in the company zone, worked out only when a rule needs it: zone arithmetic is the
 * slowest step of a parse (about two thirds of it) and most questions name no date.
 */
export function dateContext(now: Date, timeZone: string, recentDays: number): DateContext {
  let today: Day | undefined;
  return {
    get today() {
      return (today ??= localDay(now, timeZone));
    },
    recentDays,
  };
}

/** Claims the first relative date in the question and returns it. */
export interface Claimed<T> {
  value?: T;
  /** the words named a period the parser refuses (too long, zero): the question must not be answered without it */
  unsupported: boolean;
}

/**
 * Claims every relative date in the question (all of them are understood words) and returns the
 * first rule's: a question names one period; a second one ("上周和本周") is rare enough that
 * answering for the first and showing its label is clearer than guessing a union. An
 * out-of-range period is claimed too, so the bare 最近 of "最近99999天" is not read instead.
 */
export function claimDateRange(u: Utterance, ctx: DateContext): Claimed<DateRange> {
  const found: Claimed<DateRange> = { unsupported: false };
  for (const { pattern, resolve } of DATE_RULES) {
    u.claimMatches(pattern, (m) => {
      const range = resolve(m, ctx);
      if (range === UNSUPPORTED) found.unsupported = true;
      else if (range) found.value ??= range;
      return range !== undefined;
    });
  }
  return found;
}

export function claimInactivityDays(u: Utterance): Claimed<number> {
  const found: Claimed<number> = { unsupported: false };
  for (const { pattern, days } of INACTIVITY_RULES) {
    u.claimMatches(pattern, (m) => {
      const n = days(m);
      if (n === UNSUPPORTED) found.unsupported = true;
      else found.value ??= n;
      return true;
    });
  }
  return found;
}

/** The relative date a text names, for callers that hold a plain string (e.g. `/crm tasks week`). */
export function relativeDateRange(text: string, opts: { now: Date; timeZone: string; recentDays?: number }): DateRange | undefined {
  return claimDateRange(new Utterance(text.normalize('NFKC')), dateContext(opts.now, opts.timeZone, opts.recentDays ?? 30)).value;
}
