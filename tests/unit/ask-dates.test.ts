import { describe, expect, it } from 'vitest';
import { parseQuestion, relativeDateRange } from '../../lib/domain/ask';
import { parseChineseNumeral, parseCount } from '../../lib/domain/ask/numbers';

// Wednesday 18 June 2025, 11:00 in Shanghai
const now = new Date('2025-06-18T03:00:00Z');
const range = (text: string, at = now, timeZone = 'Asia/Shanghai') => relativeDateRange(text, { now: at, timeZone });
const notVisited = (text: string) => parseQuestion(text, { now, timeZone: 'Asia/Shanghai' }).entities.notVisitedDays;

describe('relative dates are calendar days of the company time zone', () => {
  it.each([
    ['今天', '2025-06-18', '2025-06-18', 'today'],
    ['today', '2025-06-18', '2025-06-18', 'today'],
    ['明天', '2025-06-19', '2025-06-19', 'tomorrow'],
    ['昨天', '2025-06-17', '2025-06-17', 'yesterday'],
    ['前天', '2025-06-16', '2025-06-16', 'day_before_yesterday'],
    ['后天', '2025-06-20', '2025-06-20', 'day_after_tomorrow'],
    ['本周', '2025-06-16', '2025-06-22', 'this_week'],
    ['这周', '2025-06-16', '2025-06-22', 'this_week'],
    ['this week', '2025-06-16', '2025-06-22', 'this_week'],
    ['上周', '2025-06-09', '2025-06-15', 'last_week'],
    ['last week', '2025-06-09', '2025-06-15', 'last_week'],
    ['下周', '2025-06-23', '2025-06-29', 'next_week'],
    ['下个星期', '2025-06-23', '2025-06-29', 'next_week'],
    ['上上周', '2025-06-02', '2025-06-08', 'week_before_last'],
    ['本月', '2025-06-01', '2025-06-30', 'this_month'],
    ['this month', '2025-06-01', '2025-06-30', 'this_month'],
    ['上个月', '2025-05-01', '2025-05-31', 'last_month'],
    ['上月', '2025-05-01', '2025-05-31', 'last_month'],
    ['last month', '2025-05-01', '2025-05-31', 'last_month'],
    ['下个月', '2025-07-01', '2025-07-31', 'next_month'],
    ['本季度', '2025-04-01', '2025-06-30', 'this_quarter'],
    ['上季度', '2025-01-01', '2025-03-31', 'last_quarter'],
    ['next quarter', '2025-07-01', '2025-09-30', 'next_quarter'],
    ['Q4', '2025-10-01', '2025-12-31', 'q4'],
    ['今年', '2025-01-01', '2025-12-31', 'this_year'],
    ['去年', '2024-01-01', '2024-12-31', 'last_year'],
    ['最近', '2025-05-20', '2025-06-18', 'recent'],
    ['recently', '2025-05-20', '2025-06-18', 'recent'],
    ['last 30 days', '2025-05-20', '2025-06-18', 'last_30_days'],
    ['最近30天', '2025-05-20', '2025-06-18', 'last_30_days'],
    ['过去7天', '2025-06-12', '2025-06-18', 'last_7_days'],
    ['近三十天', '2025-05-20', '2025-06-18', 'last_30_days'],
    ['最近两周', '2025-06-05', '2025-06-18', 'last_14_days'],
    ['past week', '2025-06-12', '2025-06-18', 'last_7_days'],
    ['近三个月', '2025-03-19', '2025-06-18', 'last_3_months'],
    ['最近半年', '2024-12-19', '2025-06-18', 'last_6_months'],
    ['next 14 days', '2025-06-18', '2025-07-01', 'next_14_days'],
    ['未来一个月', '2025-06-18', '2025-07-17', 'next_1_months'],
    ['下周三', '2025-06-25', '2025-06-25', 'next_wednesday'],
    ['周日', '2025-06-22', '2025-06-22', 'this_sunday'],
    ['last monday', '2025-06-09', '2025-06-09', 'last_monday'],
    ['这周末', '2025-06-21', '2025-06-22', 'this_weekend'],
    ['next weekend', '2025-06-28', '2025-06-29', 'next_weekend'],
    ['上半年', '2025-01-01', '2025-06-30', 'first_half'],
    ['去年下半年', '2024-07-01', '2024-12-31', 'last_year_second_half'],
  ])('%s → %s … %s', (text, from, to, label) => {
    expect(range(text)).toEqual({ from, to, label });
  });

  it('takes today from the company zone, not from UTC', () => {
    // 17:00 UTC on 30 June is already 1 July in Shanghai, still 30 June in New York
    const evening = new Date('2025-06-30T17:00:00Z');
    expect(range('今天', evening, 'Asia/Shanghai')?.from).toBe('2025-07-01');
    expect(range('今天', evening, 'America/New_York')?.from).toBe('2025-06-30');
    expect(range('本月', evening, 'Asia/Shanghai')).toMatchObject({ from: '2025-07-01', to: '2025-07-31' });
    expect(range('本月', evening, 'America/New_York')).toMatchObject({ from: '2025-06-01', to: '2025-06-30' });
  });

  it('counts a Sunday in the ISO week that began the Monday before', () => {
    expect(range('this week', new Date('2025-06-22T12:00:00Z'), 'UTC')).toMatchObject({ from: '2025-06-16', to: '2025-06-22' });
  });

  it('crosses year ends', () => {
    const january = new Date('2025-01-15T04:00:00Z');
    expect(range('上个月', january)).toMatchObject({ from: '2024-12-01', to: '2024-12-31' });
    expect(range('上季度', january)).toMatchObject({ from: '2024-10-01', to: '2024-12-31' });
    expect(range('下周', new Date('2025-12-29T04:00:00Z'))).toMatchObject({ from: '2026-01-05', to: '2026-01-11' });
  });

  it('keeps whole days across a daylight-saving change', () => {
    // New York springs forward on 9 March 2025; 06:30 UTC is 01:30 local, still the 9th
    expect(range('today', new Date('2025-03-09T06:30:00Z'), 'America/New_York')?.from).toBe('2025-03-09');
    expect(range('last 7 days', new Date('2025-03-10T15:00:00Z'), 'America/New_York')).toMatchObject({
      from: '2025-03-04',
      to: '2025-03-10',
    });
  });

  it('lets the service set how far back "recently" reaches', () => {
    expect(relativeDateRange('最近', { now, timeZone: 'Asia/Shanghai', recentDays: 7 })).toMatchObject({
      from: '2025-06-12',
      to: '2025-06-18',
    });
  });

  it('does not take 周一 out of 这周一共', () => {
    expect(range('这周一共有多少投诉')?.label).toBe('this_week');
  });

  it('reads a counted period before the bare 最近 it starts with', () => {
    expect(range('最近60天')?.label).toBe('last_60_days');
  });

  it('ignores periods longer than ten years and periods of nothing', () => {
    expect(range('最近99999天')).toBeUndefined();
    expect(range('last 0 days')).toBeUndefined();
  });

  it('finds no date where there is none', () => {
    expect(range('张三怎么样')).toBeUndefined();
  });
});

describe('not visited for N days', () => {
  it.each([
    ['60天没拜访的客户', 60],
    ['六十天没有拜访的客户', 60],
    ['超过九十天没有联系的客户', 90],
    ['两个月没联系的客户', 60],
    ['三个月没回访的客户', 90],
    ['半年没拜访的客户', 180],
    ['一年没联系的客户', 365],
    ['未联系超过30天的客户', 30],
    ['最近45天没联系的客户', 45],
    ['customers not visited for 60 days', 60],
    ['customers not contacted in 2 months', 60],
    ['customers with no contact for three weeks', 21],
    ["customers we haven't visited in 45 days", 45],
    ['customers without a visit for 90 days', 90],
    ['customers 30+ days without contact', 30],
  ])('%s → %i days', (text, days) => {
    expect(notVisited(text)).toBe(days);
  });

  it('is not also read as the period to report on', () => {
    expect(parseQuestion('最近60天没联系的客户', { now, timeZone: 'Asia/Shanghai' }).entities.dateRange).toBeUndefined();
  });
});

describe('counts', () => {
  it.each([
    ['十', 10],
    ['十五', 15],
    ['三十', 30],
    ['六十', 60],
    ['九十', 90],
    ['一百二十', 120],
    ['二百零五', 205],
    ['两', 2],
  ])('%s is %i', (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it('reads digits, English words and 半', () => {
    expect(parseCount('45')).toBe(45);
    expect(parseCount('sixty')).toBe(60);
    expect(parseCount('a couple of')).toBe(2);
    expect(parseCount('半')).toBe(0.5);
  });

  it('refuses what is not a number', () => {
    expect(parseChineseNumeral('三三')).toBeUndefined();
    expect(parseCount('many')).toBeUndefined();
  });
});
