import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../lib/domain/staff';
import { dmEvent } from '../../lib/local/slack-payloads';
import { openComplaint } from '../../lib/services/complaints';
import { createCustomer } from '../../lib/services/customers';
import { resolveCustomerName } from '../../lib/services/name-resolution';
import { upsertStaff } from '../../lib/services/staff';
import { type SlackTestApp, startSlackTestApp, textOf } from '../support/slack';

/**
 * Issue 17 end to end: a DM is signed and sent to the Slack endpoint, the worker answers into
 * the Slack twin; names are resolved against the customers stored in DynamoDB Local.
 */
describe('questions as staff type them, answered in Slack', () => {
  let app: SlackTestApp;

  const askInDm = async (userId: string, text: string) => {
    const after = app.fake.calls().length ? app.fake.calls()[app.fake.calls().length - 1]!.seq : 0;
    const res = await app.event(dmEvent(userId, text));
    expect(res.status).toBe(200);
    const answer = await app.fake.waitFor(
      (c) => c.seq > after && c.method === 'chat.postMessage' && c.args.channel === `D${userId.slice(1)}`,
    );
    return { text: textOf(answer.args as { text: string; blocks: unknown[] }), blocks: JSON.stringify(answer.args.blocks) };
  };

  beforeAll(async () => {
    app = await startSlackTestApp();
    const now = new Date();
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U1LINA', name: '李娜', role: 'agent', locale: 'zh-CN' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U1TOM', name: 'Tom Baker', role: 'agent', locale: 'en' }, now);
    await upsertStaff(app.ctx, systemActor, { slackUserId: 'U1BOSS', name: '周主管', role: 'supervisor', locale: 'zh-CN' }, now);
    const li = await createCustomer(
      app.ctx,
      systemActor,
      {
        name: '李明華',
        ownerId: 'U1LINA',
        phones: ['13912345678'],
        emails: ['minghua@example.com'],
        birthday: { month: 3, day: 14 },
        purchases: { count: 20, amount: 200_000 },
        creditGrade: 'green',
      },
      now,
    );
    await createCustomer(app.ctx, systemActor, { name: '王建国', ownerId: 'U1LINA' }, now);
    await createCustomer(app.ctx, systemActor, { name: '陈静', ownerId: 'U1TOM' }, now);
    await createCustomer(app.ctx, systemActor, { name: '陈静怡', ownerId: 'U1TOM' }, now);
    await createCustomer(app.ctx, systemActor, { name: '张伟', ownerId: 'U1TOM', address: { city: '杭州' } }, now);
    await createCustomer(app.ctx, systemActor, { name: '张伟', ownerId: 'U1LINA', address: { city: '成都' } }, now);
    await createCustomer(app.ctx, systemActor, { name: '深圳市腾讯计算机系统有限公司', kind: 'organization', ownerId: 'U1TOM' }, now);
    const globex = await createCustomer(app.ctx, systemActor, { name: 'Globex Corporation', kind: 'organization', ownerId: 'U1TOM' }, now);
    await openComplaint(
      app.ctx,
      { id: 'U1TOM', kind: 'staff', role: 'agent' },
      { customerId: globex.id, channel: 'email', category: 'delivery', severity: 'major', description: 'Pallet arrived damaged' },
      now,
    );
    void li;
  });
  afterAll(() => app.close());

  it('reads a homophone typo as the one customer it sounds like, and says so', async () => {
    const { text } = await askInDm('U1LINA', '李明化的电话');
    expect(text).toContain('按“李明華”查询');
    expect(text).toContain('13912345678'); // the owner sees the full number, as on the card
  });

  it('masks the phone for an agent who does not own the customer, exactly as the card does', async () => {
    const { text } = await askInDm('U1TOM', "what's 李明华's phone");
    expect(text).not.toContain('13912345678');
    expect(text).toMatch(/\*{3,}|•{3,}|x{3,}|\d{3}\*+\d{2,4}/i);
  });

  it('answers in traditional characters and full-width punctuation', async () => {
    const { text } = await askInDm('U1LINA', '李明華的生日是哪天？');
    expect(text).toContain('03-14');
  });

  it('keeps the credit grade behind the audited reveal button', async () => {
    const agent = await askInDm('U1LINA', '李明华的信用等级');
    expect(agent.text).toContain('只有主管及以上可以查看');
    expect(agent.text).not.toMatch(/绿|green/);
    const boss = await askInDm('U1BOSS', '李明华的信用等级');
    expect(boss.blocks).toContain('customer.reveal');
    expect(boss.text).not.toMatch(/🟢/);
  });

  it('reads a surname and a title as the one person of that surname', async () => {
    const { text } = await askInDm('U1LINA', '王总最近怎么样');
    expect(text).toContain('按“王建国”查询');
  });

  it('asks "did you mean" with a button per customer when several fit', async () => {
    const { text, blocks } = await askInDm('U1LINA', '陈姐有投诉吗');
    expect(text).toContain('您是不是要找');
    expect(text).toContain('陈静');
    expect(text).toContain('陈静怡');
    expect(blocks.match(/customer\.pick/g)?.length).toBe(2);
  });

  it('offers a pick list, not "did you mean", when two customers have exactly the name asked', async () => {
    const { text, blocks } = await askInDm('U1LINA', '张伟怎么样');
    expect(text).toContain('匹配到 2 位客户');
    expect(text).not.toContain('您是不是要找');
    expect(blocks.match(/customer\.pick/g)?.length).toBe(2);
  });

  it('finds an organization by its short name and a Latin name with a typo', async () => {
    expect((await askInDm('U1LINA', '腾讯谁负责')).text).toContain('<@U1TOM>');
    const { text } = await askInDm('U1TOM', 'Globx complaints');
    expect(text).toContain('Globex Corporation');
    expect(text).toContain('Pallet arrived damaged');
  });

  it('never answers about a stranger for a customer that does not exist', async () => {
    const { text } = await askInDm('U1LINA', '李白的电话');
    expect(text).not.toContain('李明華');
    expect(text).not.toContain('13912345678');
    expect(text).toContain('李白');
  });

  it('reads a colleague as the subject', async () => {
    const mine = await askInDm('U1LINA', 'Tom Baker手上有哪些客户');
    expect(mine.text).toContain('Globex Corporation');
    expect(mine.text).not.toContain('王建国');
    const complaints = await askInDm('U1LINA', "Tom's open complaints");
    expect(complaints.text).toContain('Pallet arrived damaged');
  });

  it('declines questions outside the CRM and rankings it cannot compute', async () => {
    expect((await askInDm('U1LINA', '今天天气怎么样')).text).toContain('我只能查客户');
    const ranking = await askInDm('U1LINA', '哪个客服的投诉最多');
    expect(ranking.text).toContain('排名和统计我还算不了');
    expect(ranking.text).not.toContain('没有找到');
  });

  it('names the detractors of a period (none yet here), not only the NPS figure', async () => {
    const { text } = await askInDm('U1LINA', '上个月谁打了低分');
    expect(text).toContain('这段时间没有客户打低分');
  });

  it('resolves names with Queries on the name keys, without reading unrelated customers', async () => {
    const none = await resolveCustomerName(app.ctx, '不存在的公司');
    expect(none.kind).toBe('none');
    const homophone = await resolveCustomerName(app.ctx, '陈晶怡');
    expect(homophone).toMatchObject({ kind: 'one', match: { name: '陈静怡', fit: 'sound' } });
    const pinyin = await resolveCustomerName(app.ctx, 'Wang Jianguo');
    expect(pinyin).toMatchObject({ kind: 'one', match: { name: '王建国', fit: 'pinyin' } });
  });
});
