import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { upsertStaff } from '../../lib/services/staff';
import { type SlackTestApp, startSlackTestApp } from '../support/slack';

/** Issue 13 §13: identical deliveries of one command (same trigger_id, no retry header) open its modal once. */
describe('a modal opens once per trigger', () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackTestApp();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U0ONCE1', name: 'Once', role: 'agent', locale: 'en' }, new Date());
  });
  afterAll(() => app.close());

  const opened = (triggerId: string) => app.fake.calls('views.open').filter((c) => c.args.trigger_id === triggerId);

  for (const text of ['new', 'complaint']) {
    it(`/crm ${text} delivered three times opens one modal, and every delivery is answered 200`, async () => {
      const triggerId = `trg-once-${text}-${Date.now()}`;
      const answers = await Promise.all([1, 2, 3].map(() => app.command('U0ONCE1', text, { triggerId })));
      expect(answers.map((a) => a.res.status)).toEqual([200, 200, 200]);
      await app.settled();
      expect(opened(triggerId)).toHaveLength(1);
      // A later, different trigger opens its own modal.
      const next = `${triggerId}-b`;
      await app.command('U0ONCE1', text, { triggerId: next });
      expect(opened(next)).toHaveLength(1);
    });
  }
});
