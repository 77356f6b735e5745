import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { updateCustomer } from '../../lib/services/customers';
import { withdrawSurveyConsent } from '../../lib/services/survey-consent';
import { hashSurveyToken } from '../../lib/services/survey-tokens';
import { handleSurveyRequest } from '../../lib/survey-page/handler';
import { startTestApp, type TestApp, tableOf } from '../support/app';
import { aSurveyLink, form, surveyEvent } from '../support/surveys';

const DAY = 86_400_000;

describe('survey page and link security', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ CARELOOP_SURVEYS: JSON.stringify({ rateLimit: { perToken: 6, perIp: 10_000 } }), COMPANY_NAME: '汇丰五金' });
  });
  afterAll(() => app.close());

  const page = (token: string, init: RequestInit = {}, lang?: string) =>
    fetch(`${app.baseUrl}/s/${token}${lang ? `?lang=${lang}` : ''}`, init);
  const post = (token: string, fields: Record<string, string>, lang?: string) =>
    page(token, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) }, lang);

  it('stores only the SHA-256 of a 192-bit random token, never the token', async () => {
    const { token, invitation } = await aSurveyLink(app.ctx);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    const { doc, tableName } = tableOf(app.ctx);
    const byToken = await doc.send(new GetCommand({ TableName: tableName, Key: { pk: `SURVEY_TOKEN#${token}`, sk: 'TOKEN' } }));
    expect(byToken.Item).toBeUndefined();
    const byHash = await doc.send(
      new GetCommand({ TableName: tableName, Key: { pk: `SURVEY_TOKEN#${hashSurveyToken(token)}`, sk: 'TOKEN' } }),
    );
    expect(byHash.Item?.invitationId).toBe(invitation.id);
    expect(byHash.Item?.expiresAt).toBe(Math.floor(Date.parse(invitation.expiresOn) / 1000));
    const partition = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SURVEY_INV#${invitation.id}` },
      }),
    );
    expect(JSON.stringify(partition.Items)).not.toContain(token);
    expect(invitation.id).not.toContain(token.slice(0, 8));
  });

  it('links expire after 14 days by default', async () => {
    const now = new Date('2025-03-01T02:00:00Z');
    const { invitation } = await aSurveyLink(app.ctx, { now });
    expect(Date.parse(invitation.expiresOn) - now.getTime()).toBe(14 * DAY);
  });

  it('shows the form with the surname, salutation and the company only, marks it opened, and sends security headers', async () => {
    const { token, invitation, customer } = await aSurveyLink(app.ctx, {
      customer: { name: '欧阳娜娜', salutation: 'ms', phones: ['13900001111'], emails: ['nana@example.com'], address: { city: '杭州' } },
    });
    const res = await page(token);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('欧阳女士，您好！');
    expect(html).not.toContain('娜娜');
    expect(html).not.toContain('13900001111');
    expect(html).not.toContain('nana@example.com');
    expect(html).not.toContain('杭州');
    expect(html).not.toContain(customer.id);
    expect(html).toContain('汇丰五金');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toMatch(/<fieldset id="q-score"[^>]*>\s*<legend>/);
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!localhost)/);
    expect(Buffer.byteLength(html)).toBeLessThan(30 * 1024);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const stored = await app.ctx.store.surveys.invitation(invitation.id);
    expect(stored?.status).toBe('opened');
    expect(stored?.openedAt).toBeDefined();
  });

  it("speaks the customer's language, and switches with ?lang", async () => {
    const { token } = await aSurveyLink(app.ctx, { customer: { name: 'Jane Smith', locale: 'en', salutation: 'ms' } });
    const en = await (await page(token)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Dear Ms Smith,');
    expect(en).not.toContain('Jane');
    expect(en).toContain(`href="${token}?lang=zh-CN"`);
    const zh = await (await page(token, {}, 'zh-CN')).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('Smith女士，您好！');
  });

  it('takes one answer and thanks the customer; the link then shows the unavailable page', async () => {
    const { token, invitation } = await aSurveyLink(app.ctx);
    const res = await post(token, { action: 'answer', q_score: '9', q_why: '送货很快' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('谢谢您');
    const response = await app.ctx.store.surveys.response(invitation.id);
    expect(response).toMatchObject({ scores: { nps: 9 }, comment: '送货很快', lowScore: false });
    expect((await page(token)).status).toBe(404);
  });

  it('gives unknown, expired and used links one identical page', async () => {
    const used = await aSurveyLink(app.ctx);
    await post(used.token, { action: 'answer', q_score: '10' });
    const expired = await aSurveyLink(app.ctx, { now: new Date(Date.now() - 15 * DAY) });
    const unknown = 'A'.repeat(32);
    const replies = await Promise.all([used.token, expired.token, unknown, 'short'].map((t) => page(t)));
    const bodies = await Promise.all(replies.map((r) => r.text()));
    expect(replies.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    expect(new Set(bodies).size).toBe(1);
    const headersOf = (r: Response) => {
      const kept: string[] = [];
      r.headers.forEach((v, k) => {
        if (!['date', 'connection', 'keep-alive', 'content-length'].includes(k)) kept.push(`${k}: ${v}`);
      });
      return kept.sort().join('\n');
    };
    const headers = replies.map(headersOf);
    expect(new Set(headers).size).toBe(1);
    // POSTing to them is the same page too.
    const posted = await Promise.all([used.token, expired.token, unknown].map((t) => post(t, { action: 'answer', q_score: '5' })));
    expect(posted.map((r) => r.status)).toEqual([404, 404, 404]);
    expect(new Set(await Promise.all(posted.map((r) => r.text())))).toEqual(new Set([bodies[0]]));
  });

  it('accepts exactly one of many concurrent submissions', async () => {
    const { token, invitation } = await aSurveyLink(app.ctx);
    const replies = await Promise.all(
      ['3', '4', '5', '6', '7'].map((s, i) =>
        handleSurveyRequest(
          app.ctx,
          surveyEvent('POST', token, { body: form({ action: 'answer', q_score: s }), ip: `203.0.113.${i}` }),
          new Date(),
        ),
      ),
    );
    expect(replies.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.statusCode === 404)).toHaveLength(4);
    const stored = await app.ctx.store.surveys.invitation(invitation.id);
    expect(stored?.status).toBe('answered');
  });

  it('validates every score on the server and keeps what was typed', async () => {
    const { token } = await aSurveyLink(app.ctx);
    for (const bad of ['11', '-1', '4.5', 'ten']) {
      const res = await post(token, { action: 'answer', q_score: bad, q_why: '原因<b>' });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain('原因&lt;b&gt;');
    }
    const missing = await post(token, { action: 'answer' });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain('请选择一个答案');
    expect((await post(token, { action: 'answer', q_score: '8' })).status).toBe(200);
  });

  it('refuses bodies over 16 KB with 413', async () => {
    const { token } = await aSurveyLink(app.ctx);
    const res = await post(token, { action: 'answer', q_score: '8', q_why: 'x'.repeat(17 * 1024) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('rate-limits submissions per link', async () => {
    const { token } = await aSurveyLink(app.ctx);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await handleSurveyRequest(
        app.ctx,
        surveyEvent('POST', token, { body: form({ action: 'answer', q_score: 'x' }), ip: `192.0.2.${i}` }),
        new Date(),
      );
      statuses.push(r.statusCode!);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 422, 429]);
  });

  it('rate-limits submissions per client IP, across links', async () => {
    const strict = {
      ...app.ctx,
      config: { ...app.ctx.config, surveys: { ...app.ctx.config.surveys, rateLimit: { windowSeconds: 600, perToken: 100, perIp: 3 } } },
    };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await handleSurveyRequest(
        strict,
        surveyEvent('POST', `${'B'.repeat(31)}${i}`, { body: form({ q_score: '1' }), ip: '198.51.100.99' }),
        new Date(),
      );
      statuses.push(r.statusCode!);
    }
    expect(statuses).toEqual([404, 404, 404, 429]);
    const other = await handleSurveyRequest(
      strict,
      surveyEvent('POST', 'B'.repeat(32), { body: form({ q_score: '1' }), ip: '198.51.100.100' }),
      new Date(),
    );
    expect(other.statusCode).toBe(404);
  });

  it('opts the customer out of surveys with a POST form, not a GET', async () => {
    const { token, customer } = await aSurveyLink(app.ctx);
    const html = await (await page(token)).text();
    expect(html).toMatch(/<form class="optout" method="post"[^>]*>\s*<input type="hidden" name="action" value="opt-out">/);
    expect((await app.ctx.store.customers.get(customer.id))?.consent.surveys).toBe(true);
    const res = await post(token, { action: 'opt-out' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('已为您退订');
    const after = await app.ctx.store.customers.get(customer.id);
    expect(after?.consent.surveys).toBe(false);
    expect(after?.consent.contact).toBe(true);
    // The narrow consent update still bumps the version (the ETag staff hold goes stale) and keeps the listing keys.
    expect(after?.version).toBe(customer.version + 1);
    expect((await app.ctx.store.customers.list({ stage: after!.lifecycleStage }, 100)).items.map((c) => c.id)).toContain(customer.id);
    const refused = await app.api('/api/surveys', { method: 'POST', json: { customerId: customer.id } });
    expect(refused.status).toBe(409);
    // The same link no longer shows the form.
    const again = await page(token);
    expect(again.status).toBe(404);
    expect(await again.text()).not.toContain('<form method="post"');
  });

  it('refuses a consent withdrawal from a stale version and leaves the customer as it was', async () => {
    const { customer } = await aSurveyLink(app.ctx);
    const stale = (await app.ctx.store.customers.get(customer.id))!;
    const moved = await updateCustomer(app.ctx, systemActor, stale.id, stale.version, { industry: '五金' }, new Date());
    await expect(withdrawSurveyConsent(app.ctx, systemActor, stale, new Date())).rejects.toMatchObject({ code: 'precondition_failed' });
    expect(await app.ctx.store.customers.get(customer.id)).toEqual(moved);
  });

  it('greets 张三 with a known salutation as 张先生 and without one as 尊敬的客户, never by the given name', async () => {
    const formal = await aSurveyLink(app.ctx, { customer: { name: '张三', salutation: 'mr' } });
    const html = await (await page(formal.token)).text();
    expect(html).toContain('张先生，您好！');
    expect(html).not.toContain('三，您好');
    const plain = await aSurveyLink(app.ctx, { customer: { name: '王小明' } });
    const plainHtml = await (await page(plain.token)).text();
    expect(plainHtml).toContain('尊敬的客户，您好！');
    expect(plainHtml).not.toContain('小明');
  });

  it("an answered link answers in its invitation's language, not the company's", async () => {
    const { token } = await aSurveyLink(app.ctx, { customer: { name: 'Jane Doe', locale: 'en' } });
    expect((await post(token, { action: 'answer', q_score: '9' })).status).toBe(200);
    const used = await page(token);
    expect(used.status).toBe(404);
    expect(await used.text()).toContain('<html lang="en">');
  });
});
