import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCustomer } from '../../lib/services/customers';
import { submitSurvey } from '../../lib/services/survey-answers';
import { startTestApp, type TestApp } from '../support/app';
import { aSurveyLink } from '../support/surveys';

const manager = { id: 'UMGR0001', kind: 'staff', role: 'manager' } as const;

describe('survey response rates after erasure', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  // A day of its own, so counters of other tests in the table do not mix in.
  const sentAt = new Date('2031-03-03T02:00:00Z');
  const answeredAt = new Date('2031-03-04T02:00:00Z');
  const day = async (d: string) => (await app.ctx.store.counters.forDays([d])).get(d) ?? {};

  it("drops an erased customer's invitations from sent and answered and keeps the others", async () => {
    const kept = await aSurveyLink(app.ctx, { customer: { name: 'Stays', ownerId: 'UOWNRATE' }, now: sentAt });
    const unanswered = await aSurveyLink(app.ctx, { customer: { name: 'Never Answered', ownerId: 'UOWNRATE' }, now: sentAt });
    const answered = await aSurveyLink(app.ctx, { customer: { name: 'Answered Then Gone', ownerId: 'UOWNRATE' }, now: sentAt });
    await submitSurvey(app.ctx, kept.token, { q_score: '10' }, answeredAt);
    await submitSurvey(app.ctx, answered.token, { q_score: '3' }, answeredAt);
    expect((await day('2031-03-03'))['surveys.sent']).toBe(3);
    expect((await day('2031-03-04'))['surveys.answered']).toBe(2);

    await eraseCustomer(app.ctx, manager, unanswered.customer.id, answeredAt);
    await eraseCustomer(app.ctx, manager, answered.customer.id, answeredAt);

    const sent = await day('2031-03-03');
    const answers = await day('2031-03-04');
    expect(sent['surveys.sent']).toBe(1);
    expect(sent['owner.UOWNRATE.surveys.sent']).toBe(1);
    expect(answers['surveys.answered']).toBe(1);
    expect(answers['owner.UOWNRATE.surveys.answered']).toBe(1);
    // anonymous scores stay counted
    expect(answers['surveys.nps.answers']).toBe(2);
    expect(await app.ctx.store.surveys.invitation(answered.invitation.id)).toBeUndefined();
  });
});
