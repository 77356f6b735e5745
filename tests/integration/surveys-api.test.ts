import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyTemplate } from '../../lib/domain/survey';
import type { EmailMessage } from '../../lib/notify/notifier';
import { getComplaint, openComplaint } from '../../lib/services/complaints';
import { type DomainEvent, publish, subscribe } from '../../lib/services/events';
import { submitSurvey } from '../../lib/services/survey-answers';
import type { SlackMessage } from '../../lib/slack/notices/slack-transport';
import { startTestApp, type TestApp } from '../support/app';
import { aCustomer, agent, tokenOf } from '../support/surveys';

const customTemplate = {
  name: 'After delivery',
  kind: 'custom',
  title: { 'zh-CN': '送货回访', en: 'About your delivery' },
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
    { id: 'care', type: 'scale', min: 1, max: 5, text: { 'zh-CN': '包装如何？', en: 'How was the packaging?' } },
    { id: 'notes', type: 'text', required: false, text: { 'zh-CN': '其他意见', en: 'Anything else' } },
  ],
};

describe('surveys REST API and triggers', () => {
  let app: TestApp;
  const answered: Array<Extract<DomainEvent, { type: 'survey.answered' }>> = [];
  beforeAll(async () => {
    app = await startTestApp();
    subscribe('survey.answered', async (ctx, e) => {
      if (ctx === app.ctx) answered.push(e);
    });
  });
  afterAll(() => app.close());

  const posts = () =>
    app.outbox.sent.filter((e) => e.kind === 'post').map((e) => ({ channel: e.channel!, message: e.message as SlackMessage }));
  const emails = () => app.outbox.sent.filter((e) => e.kind === 'email').map((e) => e.message as EmailMessage);

  describe('templates', () => {
    it('ships NPS, CSAT and CES', async () => {
      const res = await app.api('/api/survey-templates');
      const { items } = (await res.json()) as { items: SurveyTemplate[] };
      expect(items.map((t) => [t.id, t.kind, t.builtIn])).toEqual([
        ['ces', 'ces', true],
        ['csat', 'csat', true],
        ['nps', 'nps', true],
      ]);
      const nps = items.find((t) => t.id === 'nps')!;
      expect(nps.questions.map((q) => q.type)).toEqual(['nps', 'text']);
      expect(nps.questions[0]!.text.en).toContain('recommend');
    });

    it('creates a custom template with single choice, scale and free text, and replaces it with If-Match', async () => {
      const created = await app.api('/api/survey-templates', { method: 'POST', json: customTemplate });
      expect(created.status).toBe(201);
      const tpl = (await created.json()) as SurveyTemplate;
      expect(tpl).toMatchObject({ kind: 'custom', builtIn: false, version: 1 });
      expect((await app.api(`/api/survey-templates/${tpl.id}`)).headers.get('etag')).toBe('"1"');
      const body = { ...customTemplate, name: 'After delivery v2' };
      expect((await app.api(`/api/survey-templates/${tpl.id}`, { method: 'PUT', json: body })).status).toBe(428);
      const replaced = await app.api(`/api/survey-templates/${tpl.id}`, { method: 'PUT', json: body, headers: { 'if-match': '"1"' } });
      expect(replaced.status).toBe(200);
      expect(((await replaced.json()) as SurveyTemplate).version).toBe(2);
      expect((await app.api(`/api/survey-templates/${tpl.id}`, { method: 'PUT', json: body, headers: { 'if-match': '"1"' } })).status).toBe(
        412,
      );
    });

    it('refuses a template that does not hold together, naming the field', async () => {
      const res = await app.api('/api/survey-templates', { method: 'POST', json: { ...customTemplate, kind: 'nps' } });
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { details: { issues: Array<{ path: string }> } } };
      expect(error.details.issues.map((i) => i.path)).toContain('questions');
    });

    it("stores the company's copy when a built-in template is edited", async () => {
      const csat = (await (await app.api('/api/survey-templates/csat')).json()) as SurveyTemplate;
      const { id: _id, builtIn: _b, version: _v, createdAt: _c, updatedAt: _u, ...fields } = csat;
      const edited = {
        ...fields,
        questions: [{ ...csat.questions[0]!, text: { 'zh-CN': '您满意吗？', en: 'Were you satisfied?' } }, csat.questions[1]!],
      };
      const res = await app.api('/api/survey-templates/csat', { method: 'PUT', json: edited, headers: { 'if-match': '"1"' } });
      expect(res.status).toBe(200);
      const { items } = (await (await app.api('/api/survey-templates')).json()) as { items: SurveyTemplate[] };
      expect(items.filter((t) => t.id === 'csat')).toHaveLength(1);
      expect(items.find((t) => t.id === 'csat')!.questions[0]!.text.en).toBe('Were you satisfied?');
    });
  });

  describe('sending by hand', () => {
    it('returns the link, DMs the owner and emails a customer who allows it; once a day', async () => {
      const customer = await aCustomer(app.ctx, { name: 'Li Lei', ownerId: 'UOWNERAPI', emails: ['lilei@example.com'], locale: 'en' });
      const before = app.outbox.sent.length;
      const res = await app.api('/api/surveys', { method: 'POST', json: { customerId: customer.id, templateId: 'ces' } });
      expect(res.status).toBe(201);
      const sent = (await res.json()) as {
        link: string;
        invitation: Record<string, unknown>;
        delivered: { email: boolean; slack: boolean };
      };
      expect(sent.link).toMatch(new RegExp(`^${app.config.publicBaseUrl}/s/[A-Za-z0-9_-]{32}$`));
      expect(sent.invitation).toMatchObject({ status: 'sent', trigger: 'manual', kind: 'ces', customerId: customer.id });
      expect(sent.invitation).not.toHaveProperty('tokenHashes');
      expect(sent.delivered).toEqual({ email: true, slack: true });
      const newPosts = app.outbox.sent.slice(before).filter((e) => e.kind === 'post');
      expect(newPosts.map((p) => p.channel)).toEqual(['UOWNERAPI']);
      expect((newPosts[0]!.message as SlackMessage).text).toContain(sent.link);
      const mail = emails().find((m) => m.to === 'lilei@example.com')!;
      expect(mail.text).toContain(sent.link);
      expect(mail.text).toContain('Dear customer,');
      const again = await app.api('/api/surveys', { method: 'POST', json: { customerId: customer.id } });
      expect(again.status).toBe(409);
      const read = (await (await app.api(`/api/surveys/${sent.invitation.id}`)).json()) as Record<string, unknown>;
      expect(read).toMatchObject({ status: 'sent', kind: 'ces' });
    });

    it('does not email without contact consent, and does not survey without survey consent', async () => {
      const quiet = await aCustomer(app.ctx, {
        emails: ['quiet@example.com'],
        consent: { contact: false, surveys: true, thirdPartySharing: false },
      });
      const res = await app.api('/api/surveys', { method: 'POST', json: { customerId: quiet.id } });
      expect(((await res.json()) as { delivered: { email: boolean } }).delivered.email).toBe(false);
      expect(emails().some((m) => m.to === 'quiet@example.com')).toBe(false);
      const noSurveys = await aCustomer(app.ctx, { consent: { contact: true, surveys: false, thirdPartySharing: false } });
      const refused = await app.api('/api/surveys', { method: 'POST', json: { customerId: noSurveys.id } });
      expect(refused.status).toBe(409);
    });
  });

  describe('triggers', () => {
    const resolved = { solution: '换货', rootCause: 'packing', replyToCustomer: '已为您换货' };

    it('a resolved complaint sends a CSAT link to the owner; a dissatisfied answer reopens it and alerts the owner', async () => {
      const customer = await aCustomer(app.ctx, { name: '赵敏', ownerId: 'UOWNERCMP' });
      const complaint = await openComplaint(
        app.ctx,
        { id: 'URECEIVER', kind: 'staff', role: 'agent' },
        { customerId: customer.id, channel: 'phone', category: 'delivery', description: '送货晚了', resolvedAtIntake: resolved },
        new Date(),
      );
      const dm = posts().find((p) => p.channel === 'UOWNERCMP' && p.message.text.includes('/s/'));
      expect(dm).toBeDefined();
      const link = dm!.message.text
        .split('\n')
        .find((l) => l.includes('/s/'))!
        .split(': ')[1]!;
      const [inv] = await app.ctx.store.surveys.invitationsOfCustomer(customer.id);
      expect(inv).toMatchObject({ trigger: 'complaint-resolved', complaintId: complaint.id, templateId: 'csat' });
      await submitSurvey(app.ctx, tokenOf(link), { q_score: '1', q_comment: '还是不满意' }, new Date());
      const after = await getComplaint(app.ctx, agent, complaint.id);
      expect(after.status).toBe('reopened');
      expect(after.followUp.satisfied).toBe(false);
      const alert = posts().find((p) => p.channel === 'UOWNERCMP' && p.message.text.includes('低分预警'));
      expect(alert?.message.text).toContain('赵敏');
      expect(JSON.stringify(alert?.message.blocks)).toContain(complaint.id);
      expect(answered.find((e) => e.customerId === customer.id)).toMatchObject({
        lowScore: true,
        kind: 'csat',
        score: 1,
        complaintId: complaint.id,
      });
    });

    it('a satisfied answer records the follow-up result and raises no alert', async () => {
      const customer = await aCustomer(app.ctx, { name: '周芷若', ownerId: 'UOWNERCMP2' });
      const complaint = await openComplaint(
        app.ctx,
        { id: 'URECEIVER', kind: 'staff', role: 'agent' },
        { customerId: customer.id, channel: 'phone', category: 'billing', description: '多收费', resolvedAtIntake: resolved },
        new Date(),
      );
      const dm = posts().find((p) => p.channel === 'UOWNERCMP2' && p.message.text.includes('/s/'))!;
      const link = dm.message.text
        .split('\n')
        .find((l) => l.includes('/s/'))!
        .split(': ')[1]!;
      await submitSurvey(app.ctx, tokenOf(link), { q_score: '5' }, new Date());
      const after = await getComplaint(app.ctx, agent, complaint.id);
      expect(after.status).toBe('resolved');
      expect(after.followUp.satisfied).toBe(true);
      expect(posts().filter((p) => p.channel === 'UOWNERCMP2' && p.message.text.includes('低分预警'))).toEqual([]);
      expect(answered.find((e) => e.customerId === customer.id)).toMatchObject({ lowScore: false, score: 5 });
    });

    it('a done return visit sends one survey, however often the event is replayed', async () => {
      const customer = await aCustomer(app.ctx, { ownerId: 'UOWNERVISIT' });
      const event = {
        type: 'care.task_done',
        at: new Date().toISOString(),
        taskId: 'task_visit_1',
        customerId: customer.id,
        kind: 'return-visit',
        by: 'UOWNERVISIT',
      } as const;
      await publish(app.ctx, event);
      await publish(app.ctx, event);
      await publish(app.ctx, { ...event, taskId: 'task_birthday_1', kind: 'birthday' });
      const invitations = await app.ctx.store.surveys.invitationsOfCustomer(customer.id);
      expect(invitations.map((i) => [i.trigger, i.taskId])).toEqual([['return-visit', 'task_visit_1']]);
      expect(posts().filter((p) => p.channel === 'UOWNERVISIT' && p.message.text.includes('/s/'))).toHaveLength(1);
    });

    it('sends nothing to a customer without survey consent', async () => {
      const customer = await aCustomer(app.ctx, { consent: { contact: true, surveys: false, thirdPartySharing: false } });
      await publish(app.ctx, {
        type: 'care.task_done',
        at: new Date().toISOString(),
        taskId: 'task_visit_2',
        customerId: customer.id,
        kind: 'return-visit',
        by: 'U1',
      });
      expect(await app.ctx.store.surveys.invitationsOfCustomer(customer.id)).toEqual([]);
    });

    it('an NPS detractor alerts the owner at once', async () => {
      const customer = await aCustomer(app.ctx, { name: 'Tom Hardy', ownerId: 'UOWNERNPS', locale: 'en' });
      const res = await app.api('/api/surveys', { method: 'POST', json: { customerId: customer.id } });
      const { link } = (await res.json()) as { link: string };
      await submitSurvey(app.ctx, tokenOf(link), { q_score: '6', q_why: 'slow' }, new Date());
      const alert = posts().find((p) => p.channel === 'UOWNERNPS' && p.message.text.includes('低分预警'));
      expect(alert?.message.text).toContain('Tom Hardy');
      expect(answered.find((e) => e.customerId === customer.id)).toMatchObject({ lowScore: true, kind: 'nps', score: 6 });
    });
  });

  it("exports and erases a customer's surveys with the customer", async () => {
    const customer = await aCustomer(app.ctx, { name: 'To Erase' });
    const res = await app.api('/api/surveys', { method: 'POST', json: { customerId: customer.id } });
    const { link, invitation } = (await res.json()) as { link: string; invitation: { id: string } };
    await submitSurvey(app.ctx, tokenOf(link), { q_score: '9' }, new Date());
    const exported = (await (await app.api(`/api/customers/${customer.id}/export`)).json()) as {
      surveys: Array<{ id: string; response?: unknown }>;
    };
    expect(exported.surveys.map((s) => s.id)).toEqual([invitation.id]);
    expect(exported.surveys[0]!.response).toBeDefined();
    expect((await app.api(`/api/customers/${customer.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await app.ctx.store.surveys.invitation(invitation.id)).toBeUndefined();
    expect(await app.ctx.store.surveys.response(invitation.id)).toBeUndefined();
  });
});
