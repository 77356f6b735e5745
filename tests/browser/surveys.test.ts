/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSurveyTemplate } from '../../lib/services/survey-templates';
import { startTestApp, type TestApp } from '../support/app';
import { aSurveyLink } from '../support/surveys';

/**
 * The survey page in headless Chromium at a phone's size: answering by touch
 * and by keyboard alone, both languages, and an axe-core scan of every page.
 * Screenshots land in test-output/ (gitignored).
 */
const OUT = 'test-output';
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('survey page in a browser', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    app = await startTestApp({ COMPANY_NAME: '汇丰五金' });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** The link as sent carries PUBLIC_BASE_URL; the test stack listens on a free port. */
  const local = (token: string) => `${app.baseUrl}/s/${token}`;

  /** `bypassCSP` only where axe-core must be injected: the page's own CSP rightly refuses any script. */
  async function phone(opts: { bypassCSP?: boolean } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      bypassCSP: opts.bypassCSP ?? false,
    });
    return context.newPage();
  }

  async function seriousViolations(page: Page) {
    await page.addScriptTag({ path: axePath });
    const result = (await page.evaluate(() => (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as {
      violations: Array<{ id: string; impact: string; nodes: unknown[] }>;
    };
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
  }

  it('opens a link, answers with taps, submits and sees the thank-you page', async () => {
    const { token, invitation } = await aSurveyLink(app.ctx, { customer: { name: '王小明' } });
    const page = await phone();
    const res = await page.goto(local(token));
    expect(res?.status()).toBe(200);
    await expect(page.title()).resolves.toContain('汇丰五金');
    await expect(page.locator('h1').textContent()).resolves.toBe('您的意见对我们很重要');
    await page.screenshot({ path: `${OUT}/survey-form-zh.png`, fullPage: true });
    const nine = page.locator('label:has(input[value="9"])');
    const box = await nine.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(44);
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await nine.tap();
    await page.locator('textarea').fill('送货很快，服务周到');
    await page.locator('button.submit').tap();
    await page.waitForSelector('text=谢谢您');
    await page.screenshot({ path: `${OUT}/survey-thanks-zh.png`, fullPage: true });
    const response = await app.ctx.store.surveys.response(invitation.id);
    expect(response?.scores).toEqual({ nps: 9 });
    expect(response?.comment).toBe('送货很快，服务周到');
    await page.context().close();
  }, 60_000);

  it('can be answered with the keyboard alone, with a visible focus', async () => {
    const { token, invitation } = await aSurveyLink(app.ctx, { customer: { name: 'Jane Smith', locale: 'en' } });
    const page = await phone();
    await page.goto(local(token));
    await page.keyboard.press('Tab'); // the language switch
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('中文');
    await page.keyboard.press('Tab'); // into the score group
    await page.keyboard.press('Space');
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => {
      const input = document.activeElement as HTMLInputElement;
      const span = input.nextElementSibling as HTMLElement;
      return {
        value: input.value,
        checked: input.checked,
        outline: getComputedStyle(span).outlineStyle,
        outlineWidth: getComputedStyle(span).outlineWidth,
      };
    });
    expect(focused).toEqual({ value: '7', checked: true, outline: 'solid', outlineWidth: '3px' });
    await page.screenshot({ path: `${OUT}/survey-keyboard-focus-en.png` });
    await page.keyboard.press('Tab');
    await page.keyboard.type('Quick and friendly');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('submit');
    await page.keyboard.press('Enter');
    await page.waitForSelector('text=Thank you!');
    const response = await app.ctx.store.surveys.response(invitation.id);
    expect(response).toMatchObject({ scores: { nps: 7 }, comment: 'Quick and friendly' });
    await page.context().close();
  }, 60_000);

  it('switches language with the link and answers in the other language', async () => {
    const { token, invitation } = await aSurveyLink(app.ctx, { customer: { name: 'Li Lei', locale: 'en' }, templateId: 'csat' });
    const page = await phone();
    await page.goto(local(token));
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('legend').first().textContent()).resolves.toContain('How satisfied are you');
    await page.locator('a.lang').tap();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.locator('legend').first().textContent()).resolves.toContain('您对我们这次的服务满意吗');
    await page.screenshot({ path: `${OUT}/survey-csat-zh.png`, fullPage: true });
    await page.locator('label:has(input[value="4"])').tap();
    await page.locator('button.submit').tap();
    await page.waitForSelector('text=谢谢您');
    expect((await app.ctx.store.surveys.response(invitation.id))?.scores).toEqual({ csat: 4 });
    await page.context().close();
  }, 60_000);

  it('refuses any injected script (CSP)', async () => {
    const { token } = await aSurveyLink(app.ctx);
    const page = await phone();
    await page.goto(local(token));
    await expect(page.addScriptTag({ content: 'window.injected = 1' })).rejects.toThrow(/Content Security Policy/);
    await page.context().close();
  }, 60_000);

  it('has no serious or critical accessibility violation on any page (axe-core)', async () => {
    const page = await phone({ bypassCSP: true });
    const nps = await aSurveyLink(app.ctx, { customer: { name: '李娜' } });
    await page.goto(local(nps.token));
    expect(await seriousViolations(page)).toEqual([]);
    // The page with validation errors: submitted without a score through the server.
    await page.evaluate(() => document.querySelectorAll('input[required]').forEach((i) => i.removeAttribute('required')));
    await page.locator('button.submit').tap();
    await page.waitForSelector('[role=alert]');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${OUT}/survey-errors-zh.png`, fullPage: true });
    await page.locator('label:has(input[value="10"])').tap();
    await page.locator('button.submit').tap();
    await page.waitForSelector('text=谢谢您');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(local(nps.token));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${OUT}/survey-unavailable-zh.png`, fullPage: true });
    const ces = await aSurveyLink(app.ctx, { customer: { name: 'Ann Lee', locale: 'en' }, templateId: 'ces' });
    await page.goto(local(ces.token));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${OUT}/survey-ces-en.png`, fullPage: true });
    const custom = await createSurveyTemplate(
      app.ctx,
      { id: 'admin', kind: 'system', role: 'admin' },
      {
        name: 'Delivery',
        kind: 'custom',
        questions: [
          {
            id: 'on_time',
            type: 'single-choice',
            text: { 'zh-CN': '准时送达了吗？', en: 'Did it arrive on time?' },
            options: [
              { value: 'yes', label: { 'zh-CN': '是', en: 'Yes' } },
              { value: 'no', label: { 'zh-CN': '否', en: 'No' } },
            ],
          },
          {
            id: 'packing',
            type: 'scale',
            min: 1,
            max: 5,
            text: { 'zh-CN': '包装如何？', en: 'How was the packing?' },
            lowLabel: { 'zh-CN': '差', en: 'Poor' },
            highLabel: { 'zh-CN': '好', en: 'Good' },
          },
          { id: 'notes', type: 'text', required: false, text: { 'zh-CN': '其他意见', en: 'Anything else?' } },
        ],
      },
      new Date(),
    );
    const mixed = await aSurveyLink(app.ctx, { customer: { name: 'Bo Chen', locale: 'en' }, templateId: custom.id });
    await page.goto(local(mixed.token));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${OUT}/survey-custom-en.png`, fullPage: true });
    await page.locator('label.choice:has(input[value="no"])').tap();
    await page.locator('label:has(input[name="q_packing"][value="2"])').tap();
    await page.locator('button.submit').tap();
    await page.waitForSelector('text=Thank you!');
    expect((await app.ctx.store.surveys.response(mixed.invitation.id))?.answers).toEqual({ on_time: 'no', packing: 2 });
    await page.context().close();
  }, 90_000);

  it('opts out with the button at the bottom', async () => {
    const { token, customer } = await aSurveyLink(app.ctx, { customer: { name: '张伟' } });
    const page = await phone({ bypassCSP: true });
    await page.goto(local(token));
    await page.locator('form.optout button').tap();
    await page.waitForSelector('text=已为您退订');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await app.ctx.store.customers.get(customer.id))?.consent.surveys).toBe(false);
    await page.context().close();
  }, 60_000);
});
