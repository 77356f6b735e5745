import { describe, expect, it } from 'vitest';
import type { SurveyInvitation, SurveyTemplate } from '../../lib/domain/survey';
import { builtInTemplate } from '../../lib/domain/survey-templates';
import { lowScoreAlertMessage, surveyLinksMessage } from '../../lib/slack/blocks/surveys';
import { securityHeaders } from '../../lib/survey-page/layout';
import { noticePage, surveyFormPage, thanksPage } from '../../lib/survey-page/views';

const TOKEN = 'abcdefghijklmnopqrstuvwxyz012345';

function invitation(template: SurveyTemplate, surname?: string, salutation: 'mr' | 'ms' = 'mr'): SurveyInvitation {
  return {
    id: 'inv_1',
    customerId: 'cus_1',
    ownerId: 'U1',
    tier: 'B',
    trigger: 'manual',
    occasion: '2025-06-01',
    templateId: template.id,
    template,
    locale: 'zh-CN',
    ...(surname ? { surname, salutation } : {}),
    status: 'sent',
    sentAt: '2025-06-01T00:00:00Z',
    sentBy: 'U1',
    expiresOn: '2025-06-15T00:00:00Z',
    remindersSent: 0,
    tokenHashes: [],
  };
}
const ctx = { locale: 'zh-CN' as const, company: '汇丰五金', token: TOKEN };

describe('survey page rendering', () => {
  it('puts every scale in a fieldset with a legend and gives each score a labelled radio', () => {
    const html = surveyFormPage(invitation(builtInTemplate('nps')!, '王'), ctx);
    expect(html).toMatch(
      /<fieldset id="q-score" aria-describedby="q-score-hint">\s*<legend>您有多大可能向朋友或同事推荐汇丰五金？<\/legend>/,
    );
    for (let n = 0; n <= 10; n++)
      expect(html).toContain(`<label><input type="radio" name="q_score" value="${n}" required><span>${n}</span></label>`);
    expect(html).toContain('<label class="question" for="q-why-input">');
    expect(html).toContain('王先生，您好！');
  });

  it('is a plain form POST to the same link, in the chosen language, with no script or external asset', () => {
    const html = surveyFormPage(invitation(builtInTemplate('csat')!, 'Smith', 'ms'), { ...ctx, locale: 'en' });
    expect(html).toContain(`<form method="post" action="${TOKEN}?lang=en" accept-charset="utf-8">`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`href="${TOKEN}?lang=zh-CN"`);
    expect(html).toContain('Dear Ms Smith,');
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/);
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024);
  });

  it('escapes everything that comes from a template or an answer', () => {
    const tpl = builtInTemplate('nps')!;
    const evil = {
      ...tpl,
      questions: [{ ...tpl.questions[0]!, text: { 'zh-CN': '<img src=x onerror=alert(1)>', en: 'x' } }, tpl.questions[1]!],
    } as SurveyTemplate;
    const html = surveyFormPage(invitation(evil, '"><script>'), ctx, {
      values: { q_why: '</textarea><script>alert(1)</script>' },
      errors: { score: 'required' },
    });
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;/textarea&gt;');
  });

  it('marks errors beside the question and sums them up in an alert', () => {
    const html = surveyFormPage(invitation(builtInTemplate('ces')!), ctx, { errors: { score: 'invalid' } });
    expect(html).toContain('<div class="errors" role="alert">');
    expect(html).toContain('<a href="#q-score">');
    expect(html).toMatch(/aria-describedby="q-score-hint q-score-error"/);
    expect(html).toContain('尊敬的客户，您好！');
  });

  it('greets by surname and salutation only; without a salutation, politely without a name', async () => {
    const { surnameOf } = await import('../../lib/domain/survey-greeting');
    expect([surnameOf('张三'), surnameOf('王小明'), surnameOf('欧阳娜娜'), surnameOf('Emily Stone'), surnameOf('Mr John Smith')]).toEqual([
      '张',
      '王',
      '欧阳',
      'Stone',
      'Smith',
    ]);
    expect([surnameOf('买买提·艾力'), surnameOf('Madonna'), surnameOf('华为技术有限公司', 'organization')]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(surveyFormPage(invitation(builtInTemplate('nps')!, '张', 'mr'), ctx)).toContain('张先生，您好！');
    expect(surveyFormPage(invitation(builtInTemplate('nps')!, '王', 'ms'), ctx)).toContain('王女士，您好！');
    const anonymousEn = surveyFormPage(invitation(builtInTemplate('nps')!), { ...ctx, locale: 'en' });
    expect(anonymousEn).toContain('Dear customer,');
  });

  it('has one unavailable page, the same for any link', () => {
    expect(noticePage('zh-CN', '汇丰五金', 'unavailable')).toBe(noticePage('zh-CN', '汇丰五金', 'unavailable'));
    expect(noticePage('en', 'ACME', 'unavailable')).toContain('This survey link is not available');
    expect(thanksPage({ ...ctx, locale: 'en' })).toContain('Thank you!');
  });

  it('allows only its own inline style and nothing else', () => {
    expect(securityHeaders['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-[^']+'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/,
    );
    expect(securityHeaders['referrer-policy']).toBe('no-referrer');
    expect(securityHeaders['cache-control']).toBe('no-store');
  });
});

describe('survey Slack blocks', () => {
  it("lists each customer's link as copyable text in the owner's language", () => {
    const m = surveyLinksMessage(
      [{ customerId: 'cus_1', customerName: 'A & <B>', link: 'https://x/s/t1', kind: 'nps', trigger: 'campaign', emailed: true }],
      { locale: 'en', expiryDays: 14 },
    );
    expect(m.text).toContain('https://x/s/t1');
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('A &amp; &lt;B&gt;');
    expect(json).toContain('expire after 14 days');
    expect(json).toContain('(also emailed)');
  });

  it('an alert names the customer, the score, the comment and a reopened complaint', () => {
    const m = lowScoreAlertMessage(
      {
        customerId: 'cus_1',
        customerName: '赵敏',
        kind: 'csat',
        score: 1,
        trigger: 'complaint-resolved',
        answeredAtLocal: '2025-06-20 11:00',
        comment: '还是\n不满意',
        reopenedComplaintId: 'cmp_1',
      },
      'zh-CN',
    );
    expect(m.text).toBe('⚠️ 低分预警：赵敏 给出 满意度 1 分');
    const json = JSON.stringify(m.blocks);
    expect(json).toContain('还是\\n> 不满意');
    expect(json).toContain('投诉 cmp_1 已重新打开');
    expect(m.blocks!.length).toBeLessThanOrEqual(50);
  });
});
