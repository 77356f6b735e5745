import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerSchema,
  commentOf,
  effectiveStatus,
  isLowScore,
  npsCategory,
  npsScore,
  type SurveyTemplateInput,
  scoresOf,
  summarize,
  surveyTemplateInput,
} from '../../lib/domain/survey';
import {
  addWorkingDays,
  campaignIdOf,
  campaignPlan,
  campaignProgress,
  campaignStartsOn,
  emptyCounts,
  reminderDue,
} from '../../lib/domain/survey-campaign';
import { givenName } from '../../lib/domain/survey-greeting';
import { builtInTemplate, builtInTemplates } from '../../lib/domain/survey-templates';
import { parseInput } from '../../lib/domain/validation';

const nps = builtInTemplate('nps')!;
const csat = builtInTemplate('csat')!;
const ces = builtInTemplate('ces')!;
const thresholds = { nps: 6, csat: 2 };

describe('survey templates', () => {
  it('ships valid NPS, CSAT and CES templates in Chinese and English', () => {
    for (const t of builtInTemplates) {
      const { id: _i, builtIn: _b, version: _v, createdAt: _c, updatedAt: _u, ...input } = t;
      expect(surveyTemplateInput.safeParse(input).success).toBe(true);
      for (const q of t.questions) expect(q.text['zh-CN'] && q.text.en).toBeTruthy();
    }
    expect(builtInTemplates.map((t) => t.kind)).toEqual(['nps', 'csat', 'ces']);
  });

  it('a standard template needs exactly one required question of its scale', () => {
    const text = { 'zh-CN': '问', en: 'Q' };
    const bad = surveyTemplateInput.safeParse({ name: 'x', kind: 'csat', questions: [{ id: 'a', type: 'nps', text }] });
    expect(bad.success).toBe(false);
    const dup = surveyTemplateInput.safeParse({
      name: 'x',
      kind: 'custom',
      questions: [
        { id: 'a', type: 'text', text },
        { id: 'a', type: 'text', text },
      ],
    });
    expect(dup.error?.issues[0]?.path).toEqual(['questions', 1, 'id']);
    const scale = surveyTemplateInput.safeParse({
      name: 'x',
      kind: 'custom',
      questions: [{ id: 'a', type: 'scale', min: 5, max: 5, text }],
    });
    expect(scale.success).toBe(false);
  });
});

describe('answers are validated on the server', () => {
  const parse = (tpl: Pick<SurveyTemplateInput, 'questions'>, form: Record<string, string>) => answerSchema(tpl).safeParse(form);

  it('NPS takes whole numbers 0–10, CSAT 1–5, CES 1–7', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 15 }), (n) => {
        expect(parse(nps, { q_score: String(n) }).success).toBe(n >= 0 && n <= 10);
        expect(parse(csat, { q_score: String(n) }).success).toBe(n >= 1 && n <= 5);
        expect(parse(ces, { q_score: String(n) }).success).toBe(n >= 1 && n <= 7);
      }),
    );
    for (const bad of ['4.5', '1e1', ' ', 'nine', '0x5', '007']) expect(parse(nps, { q_score: bad }).success).toBe(false);
  });

  it('names the question that failed, and drops unanswered optional ones', () => {
    const missing = parse(nps, { q_why: 'hm' });
    expect(missing.error?.issues[0]?.path[0]).toBe('score');
    expect(parse(nps, { q_score: '7', q_why: '  ' }).data).toEqual({ score: 7 });
    expect(parse(nps, { q_score: '7', q_why: 'x'.repeat(2001) }).success).toBe(false);
  });

  it('takes one of the offered choices only', () => {
    const tpl = {
      questions: [
        {
          id: 'c',
          type: 'single-choice' as const,
          required: true,
          text: { 'zh-CN': '?', en: '?' },
          options: [
            { value: 'yes', label: { 'zh-CN': '是', en: 'Yes' } },
            { value: 'no', label: { 'zh-CN': '否', en: 'No' } },
          ],
        },
      ],
    };
    expect(parse(tpl, { q_c: 'yes' }).data).toEqual({ c: 'yes' });
    expect(parse(tpl, { q_c: 'maybe' }).success).toBe(false);
  });

  it('finds the scores and the comment in an answer', () => {
    const answers = parseInput(answerSchema(nps), { q_score: '3', q_why: '太慢\r\n了' });
    expect(scoresOf(nps, answers)).toEqual({ nps: 3 });
    expect(commentOf(nps, answers)).toBe('太慢\n了');
  });
});

describe('score arithmetic', () => {
  it('NPS = % promoters (9–10) − % detractors (0–6)', () => {
    expect([0, 6, 7, 8, 9, 10].map(npsCategory)).toEqual(['detractor', 'detractor', 'passive', 'passive', 'promoter', 'promoter']);
    expect(summarize([{ nps: 10 }, { nps: 9 }, { nps: 8 }, { nps: 3 }]).nps.score).toBe(25);
    expect(npsScore(0, 0, 0)).toBeNull();
  });

  it('NPS always lies between −100 and 100 and equals promoters minus detractors over answers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 200 }), (scores) => {
        const s = summarize(scores.map((n) => ({ nps: n })));
        const exact = ((scores.filter((n) => n >= 9).length - scores.filter((n) => n <= 6).length) / scores.length) * 100;
        expect(s.nps.score!).toBeGreaterThanOrEqual(-100);
        expect(s.nps.score!).toBeLessThanOrEqual(100);
        expect(Math.abs(s.nps.score! - exact)).toBeLessThanOrEqual(0.05);
        expect(s.nps.promoters + s.nps.passives + s.nps.detractors).toBe(scores.length);
      }),
    );
  });

  it('CSAT = % answers 4–5; CES = the mean effort', () => {
    const s = summarize([{ csat: 5 }, { csat: 4 }, { csat: 2 }, { ces: 6 }, { ces: 3 }]);
    expect(s.csat).toEqual({ answers: 3, satisfied: 2, score: 66.7 });
    expect(s.ces).toEqual({ answers: 2, sum: 9, average: 4.5 });
    expect(s.responses).toBe(5);
  });

  it('NPS ≤ 6 and CSAT ≤ 2 are low scores; CES never is', () => {
    expect(isLowScore({ nps: 6 }, thresholds)).toBe(true);
    expect(isLowScore({ nps: 7 }, thresholds)).toBe(false);
    expect(isLowScore({ csat: 2 }, thresholds)).toBe(true);
    expect(isLowScore({ csat: 3 }, thresholds)).toBe(false);
    expect(isLowScore({ ces: 1 }, thresholds)).toBe(false);
  });
});

describe('invitation status', () => {
  const inv = { status: 'opened' as const, expiresOn: '2025-06-29T02:00:00.000Z' };
  it('is expired once past its expiry unless answered', () => {
    expect(effectiveStatus(inv, new Date('2025-06-29T01:59:59Z'))).toBe('opened');
    expect(effectiveStatus(inv, new Date('2025-06-29T02:00:00Z'))).toBe('expired');
    expect(effectiveStatus({ ...inv, status: 'answered' }, new Date('2026-01-01T00:00:00Z'))).toBe('answered');
  });
});

describe('first names', () => {
  it('Chinese names: the given name after the surname, compound surnames included', () => {
    expect(givenName('王小明')).toBe('小明');
    expect(givenName('李娜')).toBe('娜');
    expect(givenName('欧阳娜娜')).toBe('娜娜');
    expect(givenName('司马相如')).toBe('相如');
    expect(givenName('欧阳')).toBe('阳');
    expect(givenName('买买提·艾力')).toBe('买买提');
    expect(givenName('王')).toBeUndefined();
  });

  it('Latin names: the first word, skipping a title', () => {
    expect(givenName('Jane Smith')).toBe('Jane');
    expect(givenName('Dr. John Watson')).toBe('John');
    expect(givenName('  Ana  ')).toBe('Ana');
  });

  it('organizations get no name', () => {
    expect(givenName('上海汇丰五金有限公司', 'organization')).toBeUndefined();
  });
});

describe('campaign calendar', () => {
  const weekdays = { weekdays: [1, 2, 3, 4, 5], holidays: [], workingDays: [] };

  it('starts on the configured dates only, once per date', () => {
    expect(campaignStartsOn('2025-06-15', ['06-15', '12-15'])).toBe(true);
    expect(campaignStartsOn('2025-06-16', ['06-15', '12-15'])).toBe(false);
    expect(campaignIdOf('2025-12-15')).toBe('camp_20251215');
  });

  it('counts working days, skipping weekends and holidays and honouring make-up days', () => {
    expect(addWorkingDays('2025-06-15', 5, weekdays)).toBe('2025-06-20');
    expect(addWorkingDays('2025-06-15', 10, weekdays)).toBe('2025-06-27');
    expect(
      addWorkingDays('2025-09-30', 1, {
        ...weekdays,
        holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
      }),
    ).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-26', 1, { ...weekdays, workingDays: ['2025-09-28'] })).toBe('2025-09-28');
  });

  it('plans reminders on working days 5 and 9 and the target after 10', () => {
    const plan = campaignPlan('2025-12-15', { reminderWorkingDays: [9, 5], targetWorkingDays: 10 }, weekdays);
    expect(plan).toEqual({ startDay: '2025-12-15', reminderDays: ['2025-12-22', '2025-12-26'], targetDay: '2025-12-29' });
    expect(reminderDue(plan, 0, '2025-12-21')).toBeUndefined();
    expect(reminderDue(plan, 0, '2025-12-22')).toBe(1);
    expect(reminderDue(plan, 0, '2025-12-27')).toBe(1);
    expect(reminderDue(plan, 1, '2025-12-27')).toBe(2);
    expect(reminderDue(plan, 2, '2025-12-30')).toBeUndefined();
  });

  it('measures reach against customers with consent and answers against those reached', () => {
    const p = campaignProgress(
      { ...emptyCounts(), audience: 110, noConsent: 10, reached: 96, answeredInTarget: 90, answered: 93 },
      { reachTarget: 0.95, answerTarget: 0.95 },
    );
    expect(p).toEqual({ eligible: 100, reachRate: 0.96, answerRateInTarget: 0.938, answerRate: 0.969, reachMet: true, answerMet: false });
    expect(campaignProgress(emptyCounts(), { reachTarget: 0.95, answerTarget: 0.95 }).reachRate).toBeNull();
  });
});
