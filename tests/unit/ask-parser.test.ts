import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type ParsedQuestion, parseQuestion } from '../../lib/domain/ask';
import { editDistance } from '../../lib/domain/ask/customer-name';
import { MIN_CONFIDENCE } from '../../lib/domain/ask/intents';
import { NOT_QUESTIONS, PHRASINGS, type Phrasing } from './ask-phrasings';

// Wednesday 18 June 2025, 11:00 in Shanghai
const now = new Date('2025-06-18T03:00:00Z');
const timeZone = 'Asia/Shanghai';
const parse = (q: string, extra: Partial<Parameters<typeof parseQuestion>[1]> = {}) => parseQuestion(q, { now, timeZone, ...extra });

/** The contract as a schema, so property tests check the whole shape and nothing more. */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const parsedShape = z.strictObject({
  intent: z.enum([
    'customer_overview',
    'customer_complaints',
    'customer_owner',
    'customer_fact',
    'customers_filter',
    'complaints_list',
    'birthdays',
    'detractors',
    'survey_scores',
    'my_tasks',
    'help',
    'unknown',
  ]),
  confidence: z.number().min(0).max(1),
  entities: z.strictObject({
    customerName: z.string().min(1).optional(),
    tier: z.enum(['A', 'B', 'C']).optional(),
    city: z.string().min(1).optional(),
    severity: z.enum(['critical', 'major', 'ordinary']).optional(),
    status: z.enum(['open', 'overdue', 'resolved', 'closed', 'escalated']).optional(),
    stage: z.enum(['at-risk', 'churned', 'active', 'new', 'prospect', 'won-back']).optional(),
    owner: z.strictObject({ slackUserId: z.string().optional(), name: z.string().optional(), self: z.boolean().optional() }).optional(),
    dateRange: z.strictObject({ from: day, to: day, label: z.string().min(1) }).optional(),
    notVisitedDays: z.number().int().positive().optional(),
    metric: z.enum(['nps', 'csat', 'ces']).optional(),
    keyAccount: z.boolean().optional(),
    vip: z.boolean().optional(),
    fact: z.enum(['birthday', 'phone', 'email', 'address', 'tier', 'credit', 'last_contact', 'last_score']).optional(),
  }),
  hints: z.array(z.string()).optional(),
});

function expectValid(result: ParsedQuestion): void {
  expect(parsedShape.safeParse(result).error?.issues ?? []).toEqual([]);
  const range = result.entities.dateRange;
  if (range) expect(range.from <= range.to).toBe(true);
  if (result.intent === 'unknown') expect(result.hints?.length).toBeGreaterThan(0);
}

describe('the phrasing test set', () => {
  it('holds at least 500 phrasings, at least 60 % of them Chinese', () => {
    expect(PHRASINGS.length).toBeGreaterThanOrEqual(500);
    const chinese = PHRASINGS.filter((p) => /\p{Script=Han}/u.test(p.q.replace(/张三|华为/g, '')));
    expect(chinese.length / PHRASINGS.length).toBeGreaterThanOrEqual(0.6);
  });

  it("includes the issue's examples verbatim", () => {
    const examples = [
      'how is 张三 doing',
      'Acme 最近有投诉吗',
      'A-tier customers in Shanghai not visited for 60 days',
      'overdue complaints this week',
      'birthdays next week',
      'NPS last month',
      '我今天有什么任务',
      '谁负责华为',
    ];
    expect(PHRASINGS.map((p) => p.q)).toEqual(expect.arrayContaining(examples));
  });

  it('covers every intent', () => {
    const intents = new Set(PHRASINGS.map((p) => p.intent));
    expect([...intents].sort()).toEqual([
      'birthdays',
      'complaints_list',
      'customer_complaints',
      'customer_fact',
      'customer_overview',
      'customer_owner',
      'customers_filter',
      'detractors',
      'help',
      'my_tasks',
      'survey_scores',
    ]);
  });
});

describe('parseQuestion reads each phrasing', () => {
  it.each(PHRASINGS.map((p) => [p.q, p] as [string, Phrasing]))('%s', (q, p) => {
    const result = parse(q, { knownCustomerNames: p.known, botUserId: p.bot, knownStaffNames: p.staff });
    const { date, ...entities } = p.entities ?? {};
    expect({ intent: result.intent, entities: { ...result.entities, dateRange: result.entities.dateRange?.label } }).toEqual({
      intent: p.intent,
      entities: { ...entities, dateRange: date },
    });
    expect(result.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
    expect(result.hints).toBeUndefined();
  });
});

describe('questions it cannot map are unknown, with hints for the reply', () => {
  it.each(NOT_QUESTIONS.map((n) => [n.name, n] as const))('%s', (_, n) => {
    const result = parse(n.q);
    expect(result.intent).toBe('unknown');
    expect(result.confidence).toBe(0);
    expect(result.hints?.length).toBeGreaterThan(0);
    if (n.hint) expect(result.hints).toContain(n.hint);
  });

  it('500 characters of garbage are unknown and do not throw', () => {
    // deterministic noise: Latin, digits, Han and symbols from a fixed linear congruential sequence
    const alphabet = 'qwxzjkvbp0123456789燚鑫龘靐齉#%&@!~^=+';
    let seed = 42;
    const garbage = Array.from({ length: 500 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return alphabet[seed % alphabet.length];
    }).join('');
    const result = parse(garbage);
    expect(result.intent).toBe('unknown');
    expectValid(result);
  });

  it('a long rant that mentions complaints is not a complaints query', () => {
    const rant =
      'honestly the coffee machine on the third floor has been broken since monday and nobody seems to care, there were complaints but the facilities team keeps saying the part is on order and will arrive soon';
    expect(parse(rant).intent).toBe('unknown');
  });

  it('refuses a period it will not serve instead of answering without it', () => {
    const result = parse('最近99999天的投诉');
    expect(result.intent).toBe('unknown');
    expect(result.hints).toEqual(expect.arrayContaining(['unsupported:dateRange', 'maybe:complaints_list']));
  });

  it.each(['6月1日的投诉', '2025年的NPS', 'complaints since March 3', '2025-06-01 birthdays'])(
    'refuses a calendar date rather than ignoring it: %s',
    (q) => {
      expect(parse(q)).toMatchObject({ intent: 'unknown', hints: expect.arrayContaining(['unsupported:dateRange']) });
    },
  );

  it('names the missing piece when a customer question has no customer', () => {
    expect(parse('who owns').hints).toEqual(expect.arrayContaining(['maybe:customer_owner', 'missing:customerName']));
  });

  it('asks for a filter rather than listing every customer', () => {
    expect(parse('客户').hints).toEqual(expect.arrayContaining(['maybe:customers_filter', 'missing:filter']));
  });

  it('reports what it understood of an unknown question', () => {
    const result = parse('上个月 blorp');
    expect(result.entities.dateRange?.label).toBe('last_month');
    expect(result.hints).toEqual(expect.arrayContaining(['entity:dateRange', 'unrecognized:blorp']));
  });
});

describe('customer names', () => {
  it('matches a name the service knows even when the sentence would split it', () => {
    const result = parse('上海贸易最近有投诉吗', { knownCustomerNames: ['上海贸易'] });
    expect(result).toMatchObject({ intent: 'customer_complaints', entities: { customerName: '上海贸易' } });
  });

  it('keeps the raw text when a fuzzy match is ambiguous, so the service can offer a pick list', () => {
    const result = parse('how is acme doing', { knownCustomerNames: ['Acme Corp', 'Acme Ltd'] });
    expect(result.entities.customerName).toBe('acme');
  });

  it('keeps an unknown name as typed when no known name is close', () => {
    expect(parse('how is Hooli doing', { knownCustomerNames: ['Acme', 'Globex'] }).entities.customerName).toBe('Hooli');
  });

  it('counts a typo or a swap of two letters as one edit', () => {
    expect(editDistance('acmee', 'acme')).toBe(1);
    expect(editDistance('acem', 'acme')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2); // gave up past the limit
  });

  it('does not cut a name at a common character inside it', () => {
    expect(parse('张有才有投诉吗').entities.customerName).toBe('张有才');
  });

  it('keeps a city inside a company name', () => {
    expect(parse('上海分公司最近怎么样').entities).toEqual({
      customerName: '上海分公司',
      dateRange: expect.objectContaining({ label: 'recent' }),
    });
  });
});

describe('Slack formatting', () => {
  it('drops the leading bot mention of an app_mention but keeps other mentions as the owner', () => {
    const result = parse('<@UBOT1> complaints assigned to <@U02AB|alice>');
    expect(result).toMatchObject({ intent: 'complaints_list', entities: { owner: { slackUserId: 'U02AB' } } });
  });

  it('drops the bot mention anywhere when the bot id is given', () => {
    expect(parse('birthdays next week <@UBOT1>', { botUserId: 'UBOT1' }).entities).toEqual({
      dateRange: expect.objectContaining({ label: 'next_week' }),
    });
  });

  it('reads bold text, links and full-width punctuation', () => {
    expect(parse('*Acme* 最近有投诉吗？').entities.customerName).toBe('Acme');
    expect(parse('ＮＰＳ　上个月！').entities.metric).toBe('nps');
    expect(parse('how is <mailto:ops@acme.com|Acme> doing').entities.customerName).toBe('Acme');
  });
});

describe('answers', () => {
  it('return only the entities the intent uses', () => {
    // a date means nothing for "who owns": the service must not filter on it
    expect(parse('上个月谁负责华为').entities).toEqual({ customerName: '华为' });
    expect(parse('帮助 上个月').entities).toEqual({});
  });

  it('are deterministic', () => {
    for (const p of PHRASINGS.slice(0, 40))
      expect(parse(p.q, { knownCustomerNames: p.known })).toEqual(parse(p.q, { knownCustomerNames: p.known }));
  });

  it('are more confident about a full question than about a bare name', () => {
    expect(parse('how is Acme doing').confidence).toBeGreaterThan(parse('Acme').confidence);
  });
});

describe('properties', () => {
  const zones = fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/Berlin', 'Pacific/Auckland', 'Asia/Kolkata');
  const instants = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true });

  it('never throws on arbitrary text and always returns the contract shape', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 700 }), instants, zones, (text, at, zone) => {
        expectValid(parseQuestion(text, { now: at, timeZone: zone }));
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on text made of its own vocabulary, mentions and Slack markup', () => {
    const pieces = fc.constantFrom(
      '最近',
      '上周',
      '下个月',
      '本季度',
      '去年',
      '60天没拜访',
      '过去三十天',
      'last 99999 days',
      '最近0天',
      '下周三',
      'next friday',
      'q4',
      '投诉',
      '客户',
      'A类',
      'tier b',
      '上海',
      'in Zibo',
      '谁负责',
      '生日',
      'NPS',
      '满意度',
      '任务',
      'help',
      '谢谢',
      'select',
      '<@U123>',
      '<@U9|bob>',
      '<mailto:a@b.c|a@b.c>',
      '*',
      '「',
      '」',
      '"',
      "'",
      '的',
      '有',
      '我',
      ' ',
      '张有才',
      'Acme Corp.',
      '😀',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 12 }),
        instants,
        zones,
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
        (words, at, zone, known) => {
          expectValid(parseQuestion(words.join(''), { now: at, timeZone: zone, knownCustomerNames: known }));
          expectValid(parseQuestion(words.join(' '), { now: at, timeZone: zone, knownCustomerNames: known }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('date ranges always run forward, for every relative date at any instant and zone', () => {
    const dates = fc.constantFrom(
      '今天',
      '明天',
      '昨天',
      '前天',
      '后天',
      '本周',
      '上周',
      '下周',
      '上上周',
      '本月',
      '上个月',
      '下个月',
      '本季度',
      '上季度',
      '下季度',
      '今年',
      '去年',
      '明年',
      '最近',
      '最近7天',
      '过去两周',
      '近三个月',
      '最近半年',
      '未来十天',
      '周日',
      '上周一',
      'last 30 days',
      'next 2 months',
      'this quarter',
      'past year',
      'q1',
      'q4',
      'next sunday',
      'last monday',
      '这周末',
      'last weekend',
      '上半年',
      '明年下半年',
    );
    fc.assert(
      fc.property(dates, instants, zones, fc.integer({ min: 1, max: 365 }), (phrase, at, zone, recentDays) => {
        const range = parseQuestion(`${phrase}的投诉`, { now: at, timeZone: zone, recentDays }).entities.dateRange;
        expect(range).toBeDefined();
        expect(range!.from <= range!.to).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
