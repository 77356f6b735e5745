import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../lib/domain/customer';
import type { AppContext } from '../../lib/services/context';
import { eraseCustomer } from '../../lib/services/customers';
import { submitSurvey } from '../../lib/services/survey-answers';
import { campaignProgress, runSurveyCampaigns } from '../../lib/services/survey-campaigns';
import type { SlackMessage } from '../../lib/slack/notices/slack-transport';
import type { WriteOp } from '../../lib/store/db';
import { testTable } from '../support/app';
import type { OutboxEntry } from '../support/notice-recorder';
import { aCustomer, tokenOf } from '../support/surveys';

const manager = { id: 'UMGRITEM', kind: 'staff', role: 'manager' } as const;
// 10:00 in Shanghai; 2025-06-15 is the campaign date, its target day 2025-06-27.
const at = (day: string) => new Date(`${day}T02:00:00.000Z`);

/** DynamoDB's own refusal under load, for one customer's invitation only, while `failing` is set. */
function throttleInvitationsOf(ctx: AppContext, customerId: () => string | undefined) {
  const real = ctx.store.transact;
  ctx.store.transact = async (ops: WriteOp[], token?: string) => {
    const victim = customerId();
    if (victim && ops.some((op) => op.item.Put?.Item?.type === 'survey-invitation' && op.item.Put.Item.customerId === victim)) {
      throw Object.assign(new Error('Throughput exceeds the current capacity of your table or index.'), {
        name: 'ProvisionedThroughputExceededException',
      });
    }
    return real(ops, token);
  };
}

describe('survey campaigns invite each customer in isolation', () => {
  let ctx: AppContext;
  let outbox: { sent: OutboxEntry[] };
  let customers: Customer[];
  let failing: string | undefined;
  const linkedNames = (from = 0) =>
    outbox.sent
      .slice(from)
      .filter((e) => e.kind === 'post' && (e.message as SlackMessage).text.includes('/s/'))
      .flatMap((e) => (e.message as SlackMessage).text.split('\n').filter((l) => l.includes('/s/')))
      .map((l) => ({ name: l.split(': ')[0]!, link: l.split(': ')[1]! }));
  const counts = async () => (await campaignProgress(ctx, 'camp_20250615')).counts;

  beforeAll(async () => {
    ({ ctx, outbox } = await testTable({ CARELOOP_SURVEYS: JSON.stringify({ campaigns: { pageSize: 10 } }) }));
    customers = [];
    for (let i = 0; i < 6; i++)
      customers.push(await aCustomer(ctx, { name: `逐个客户${i}`, ownerId: 'UITEMOWN', lifecycleStage: 'active' }, at('2025-01-02')));
    throttleInvitationsOf(ctx, () => failing);
  });

  it('one failing invitation is counted and left for the next run; the others go out', async () => {
    failing = customers[2]!.id;
    const run = await runSurveyCampaigns(ctx, at('2025-06-15'));
    expect(run.started).toBe('camp_20250615');
    const names = linkedNames().map((l) => l.name);
    expect(names.sort()).toEqual(['逐个客户0', '逐个客户1', '逐个客户3', '逐个客户4', '逐个客户5']);
    expect(await counts()).toMatchObject({ audience: 6, invited: 5, reached: 5 });
    const day = (await ctx.store.counters.forDays(['2025-06-15'])).get('2025-06-15')!;
    expect(day['jobs.survey-campaigns.item_failures']).toBe(1);
  });

  it('a run that fails again counts again and still sends nothing twice', async () => {
    const before = outbox.sent.length;
    const run = await runSurveyCampaigns(ctx, at('2025-06-16'));
    expect(run.retried).toEqual([]);
    expect(linkedNames(before)).toEqual([]);
    const day = (await ctx.store.counters.forDays(['2025-06-16'])).get('2025-06-16')!;
    expect(day['jobs.survey-campaigns.item_failures']).toBe(1);
  });

  it('the next run invites the customer that failed, once', async () => {
    failing = undefined;
    const before = outbox.sent.length;
    const run = await runSurveyCampaigns(ctx, at('2025-06-17'));
    expect(run.retried).toEqual([{ campaignId: 'camp_20250615', invited: 1, reached: 1 }]);
    expect(linkedNames(before).map((l) => l.name)).toEqual(['逐个客户2']);
    expect(await counts()).toMatchObject({ audience: 6, invited: 6, reached: 6 });
    const again = outbox.sent.length;
    expect((await runSurveyCampaigns(ctx, at('2025-06-18'))).retried).toEqual([]);
    expect(linkedNames(again)).toEqual([]);
  });

  it("erasing a customer takes them out of the campaign's counts", async () => {
    const links = linkedNames();
    const linkOf = (name: string) => tokenOf(links.find((l) => l.name === name)!.link);
    await submitSurvey(ctx, linkOf('逐个客户0'), { q_score: '9' }, at('2025-06-19'));
    await submitSurvey(ctx, linkOf('逐个客户1'), { q_score: '8' }, at('2025-06-19'));
    expect(await counts()).toMatchObject({ audience: 6, invited: 6, reached: 6, answered: 2, answeredInTarget: 2 });
    await eraseCustomer(ctx, manager, customers[0]!.id, at('2025-06-20'));
    await eraseCustomer(ctx, manager, customers[4]!.id, at('2025-06-20'));
    expect(await counts()).toMatchObject({ audience: 4, invited: 4, reached: 4, answered: 1, answeredInTarget: 1 });
    // a repeated erase moves nothing twice
    await eraseCustomer(ctx, manager, customers[0]!.id, at('2025-06-20')).catch(() => undefined);
    expect(await counts()).toMatchObject({ audience: 4, invited: 4, answered: 1 });
  });
});
