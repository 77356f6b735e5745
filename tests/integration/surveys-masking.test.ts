import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiScope } from '../../lib/domain/api-scopes';
import type { Role } from '../../lib/domain/staff';
import { generateApiKey, hashApiKey } from '../../lib/http/auth';
import { submitSurvey } from '../../lib/services/survey-answers';
import { seedStaff, startTestApp, type TestApp } from '../support/app';
import { aSurveyLink } from '../support/surveys';

/** Survey comments are customer-derived free text: masked like notes for a viewer outside the customer (issue 13, Deliver 2). */
describe('survey comments through the masking function', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await seedStaff(app.ctx, ['UOWNER01', 'UAGENT01', 'UAGENT02']);
  });
  afterAll(() => app.close());

  const keyActingAs = async (role: Role, scopes: ApiScope[] = ['surveys:read']) => {
    const key = generateApiKey();
    await app.ctx.store.apiKeys.put({
      hash: hashApiKey(key),
      name: `k-${role}`,
      prefix: key.slice(0, 8),
      createdAt: new Date().toISOString(),
      scopes,
      role,
    });
    return async (path: string) => (await app.api(path, { headers: { authorization: `Bearer ${key}` } })).json() as Promise<any>;
  };

  it('GET /api/surveys/{id}: an agent key sees the comment and free-text answers masked; a supervisor key sees them whole', async () => {
    const { invitation, token } = await aSurveyLink(app.ctx);
    const said = 'call me on 13912348475 or mail wang.xiaoming@example.com';
    await submitSurvey(app.ctx, token, { q_score: '3', q_why: said }, new Date());
    const asAgent = await (await keyActingAs('agent'))(`/api/surveys/${invitation.id}`);
    const text = JSON.stringify(asAgent.response);
    expect(text).not.toContain('13912348475');
    expect(text).not.toContain('wang.xiaoming@example.com');
    expect(text).toContain('139****8475');
    expect(text).toContain('w***@example.com');
    const asSupervisor = await (await keyActingAs('supervisor'))(`/api/surveys/${invitation.id}`);
    expect(JSON.stringify(asSupervisor.response)).toContain('13912348475');
  });
});
