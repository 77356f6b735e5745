import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionLanguage } from '../../lib/domain/ask/language';
import { type Actor, atLeast } from '../../lib/domain/staff';
import { answerQuestion } from '../../lib/services/ask';
import { answerBlocks } from '../../lib/slack/blocks/ask';
import { handleSurveyRequest } from '../../lib/survey-page/handler';
import { startTestApp, type TestApp } from '../support/app';
import { form, surveyEvent, tokenOf } from '../support/surveys';

/**
 * Issue 17, the understanding half: questions written as staff type them (names
 * with typos, short names, titles, traditional characters, colloquial glue, colleagues as the
 * subject, one fact, lists by outcome, declines), over data loaded through the public REST API
 * and the survey page, answered by the service and rendered as the Slack reply. Every question
 * states what the reply must contain and what it must not; all misses are reported together.
 */
const lina: Actor = { id: 'U1LINA', kind: 'staff', role: 'agent' };
const tom: Actor = { id: 'U1TOM', kind: 'staff', role: 'agent' };
const boss: Actor = { id: 'U1BOSS', kind: 'staff', role: 'supervisor' };

interface Case {
  q: string;
  as?: Actor;
  has: Array<string | RegExp>;
  not?: Array<string | RegExp>;
}

const DAY = 86_400_000;

describe('questions as staff type them, over data loaded through the API', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};

  const post = async (path: string, json: unknown, headers: Record<string, string> = {}) => {
    const res = await app.api(path, { method: 'POST', json, headers });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const customer = async (key: string, body: Record<string, unknown>) => {
    const c = (await post('/api/customers', body)) as { id: string };
    ids[key] = c.id;
    return c.id;
  };
  const complaint = async (customerId: string, receiverId: string, description: string, severity = 'ordinary') =>
    (
      (await post('/api/complaints', { customerId, receiverId, channel: 'phone', category: 'delivery', severity, description })) as {
        id: string;
      }
    ).id;
  /** a transition on the version last read, as a client does (If-Match) */
  const transition = async (id: string, json: unknown) => {
    const read = await app.api(`/api/complaints/${id}`);
    return post(`/api/complaints/${id}/transitions`, json, { 'if-match': read.headers.get('etag') ?? '' });
  };
  const answerSurvey = async (customerId: string, templateId: string, score: string) => {
    const sent = (await post('/api/surveys', { customerId, templateId })) as { link: string };
    const res = await handleSurveyRequest(
      app.ctx,
      surveyEvent('POST', tokenOf(sent.link), { body: form({ action: 'answer', q_score: score }) }),
      new Date(),
    );
    expect(res.statusCode).toBe(200);
  };

  beforeAll(async () => {
    app = await startTestApp();
    const staff = [
      ['U1LINA', '李娜', 'agent', 'zh-CN'],
      ['U1TOM', 'Tom Baker', 'agent', 'en'],
      ['U1WANGF', '王芳', 'agent', 'zh-CN'],
      ['U1BOSS', '周主管', 'supervisor', 'zh-CN'],
      ['U1ZHANGM', '张敏', 'agent', 'zh-CN'],
      ['U1ZHANGQ', '张强', 'agent', 'zh-CN'],
    ] as const;
    for (const [id, name, role, locale] of staff) {
      const res = await app.api(`/api/staff/${id}`, { method: 'PUT', json: { name, role, locale } });
      expect(res.status).toBeLessThan(300);
    }
    const long = new Date(Date.now() - 100 * DAY).toISOString();
    const weeksAgo = new Date(Date.now() - 20 * DAY).toISOString();
    await customer('li', {
      name: '李明华',
      ownerId: 'U1LINA',
      phones: ['13912345678'],
      emails: ['minghua@example.com'],
      birthday: { month: 3, day: 14 },
      purchases: { count: 20, amount: 200_000 },
      creditGrade: 'green',
      address: { city: '上海' },
    });
    await customer('wjg', { name: '王建国', ownerId: 'U1LINA', phones: ['13800001111'] });
    await customer('wf', { name: '王芳', ownerId: 'U1TOM' });
    await customer('cj', { name: '陈静', ownerId: 'U1TOM' });
    await customer('cjy', { name: '陈静怡', ownerId: 'U1TOM' });
    await customer('ly', { name: '刘洋', ownerId: 'U1LINA', address: { city: '杭州' } });
    await customer('hl', { name: '黄丽', ownerId: 'U1LINA', emails: ['huangli@example.com'] });
    await customer('icbc', { name: '中国工商银行股份有限公司', kind: 'organization', ownerId: 'U1TOM' });
    await customer('ccb', { name: '中国建设银行股份有限公司', kind: 'organization', ownerId: 'U1LINA' });
    await customer('cmb', { name: '招商银行股份有限公司', kind: 'organization', ownerId: 'U1TOM' });
    await customer('pingan', { name: '中国平安保险（集团）股份有限公司', kind: 'organization', ownerId: 'U1LINA' });
    await customer('shenhua', { name: '上海申华实业有限公司', kind: 'organization', ownerId: 'U1LINA', address: { city: '上海' } });
    await customer('globex', { name: 'Globex Corporation', kind: 'organization', ownerId: 'U1TOM' });
    await customer('emily', { name: 'Emily Johnson', ownerId: 'U1TOM', birthday: { month: 7, day: 2 } });
    await post(`/api/customers/${ids.ly}/interactions`, { kind: 'call', summary: '回访', at: long });
    await post(`/api/customers/${ids.hl}/interactions`, { kind: 'visit', summary: '拜访', at: weeksAgo });
    await post(`/api/customers/${ids.shenhua}/interactions`, { kind: 'visit', summary: '拜访', at: weeksAgo });

    await complaint(ids.globex!, 'U1TOM', 'Pallet arrived damaged', 'major');
    await complaint(ids.wf!, 'U1TOM', '王芳的快递丢了');
    const promisedReplyAt = new Date(Date.now() + 2 * 3600_000).toISOString();
    const resolved = await complaint(ids.wjg!, 'U1LINA', '王建国的发票开错了');
    await transition(resolved, { action: 'acknowledge', promisedReplyAt });
    await transition(resolved, {
      action: 'resolve',
      solution: '重开发票',
      rootCause: 'billing error',
      replyToCustomer: '已重开',
    });
    const closed = await complaint(ids.ly!, 'U1LINA', '刘洋的安装延误');
    await transition(closed, { action: 'acknowledge', promisedReplyAt });
    await transition(closed, { action: 'resolve', solution: '已上门安装', rootCause: 'late install', replyToCustomer: '已安装' });
    await transition(closed, { action: 'close', summary: '客户确认' });
    await complaint(ids.icbc!, 'U1TOM', '工行网点的对账单延误');

    await answerSurvey(ids.hl!, 'nps', '3');
    await answerSurvey(ids.ly!, 'csat', '1');
    await answerSurvey(ids.li!, 'nps', '10');
  }, 120_000);
  afterAll(() => app?.close());

  const cases: Case[] = [
    // names as people write them
    { q: '李明化的电话', has: ['按“李明华”查询', '13912345678'] },
    { q: 'li minghua的邮箱', has: ['minghua@example.com'] },
    { q: 'LiMingHua 生日', has: ['03-14'] },
    { q: '王总最近怎么样', has: ['王建国'] },
    { q: '王先生的电话', has: ['王建国'] },
    { q: '陈姐有投诉吗', has: ['陈静', '陈静怡', '您是不是要找'] },
    { q: 'Globx complaints', as: tom, has: ['Pallet arrived damaged'] },
    { q: 'Emily Jonson birthday', as: tom, has: ['07-02'] },
    { q: 'emily johnson的生日', as: tom, has: ['07-02'] },
    { q: '申华谁负责', has: ['<@U1LINA>'] },
    { q: '申华实业的客户经理是谁', has: ['<@U1LINA>'] },
    { q: '工行谁负责', has: ['中国工商银行', '<@U1TOM>'] },
    { q: '工行最近有投诉吗', as: tom, has: ['对账单延误'] },
    { q: '建行是谁负责的', has: ['中国建设银行', '<@U1LINA>'] },
    { q: '招行谁在跟', has: ['招商银行', '<@U1TOM>'] },
    { q: '平安那边谁负责', has: ['平安保险', '<@U1LINA>'] },
    { q: '工商银行的客户经理', has: ['<@U1TOM>'] },
    // traditional characters, full-width forms
    { q: '李明華的生日是哪天？', has: ['03-14'] },
    { q: '劉洋是幾類客戶', has: ['刘洋'] },
    { q: '黃麗上次聯繫是什麼時候', has: ['黄丽'] },
    { q: '王建國有投訴嗎', has: ['王建国'] },
    // colloquial glue
    { q: '帮我查一下李明华的电话', has: ['13912345678'], not: ['没有找到'] },
    { q: '给我看看王建国那边咋样', has: ['王建国'], not: ['没有找到'] },
    { q: '把黄丽的邮箱发我', has: ['huangli@example.com'] },
    { q: '刘洋啥时候联系过', has: ['刘洋'], not: ['没有找到'] },
    { q: '我手上还有几个投诉没结', has: [/投诉/], not: ['没有找到', '王建国的发票开错了'] },
    { q: 'Globex已经解决的投诉有哪些', as: tom, has: [/Globex|投诉/], not: ['没有找到'] },
    // staff as the subject
    { q: 'Tom Baker手上有哪些客户', has: ['Globex Corporation'], not: ['王建国'] },
    { q: "Tom's open complaints", has: ['Pallet arrived damaged'] },
    { q: '李娜负责的客户', has: ['王建国'], not: ['Globex'] },
    { q: '王芳手上超期的投诉', has: [/投诉/], not: ['没有找到', 'Pallet'] },
    { q: '赵敏手上超期的投诉', has: ['赵敏', '没有叫'], not: ['Pallet', '王芳'] },
    { q: 'complaints owned by Zed Smith', as: tom, has: ['No colleague', 'Zed Smith'], not: ['Pallet'] },
    { q: "Zed Smith's open complaints", as: tom, has: ['Zed Smith'], not: ['Pallet'] },
    { q: '王芳有投诉吗', has: ['王芳的快递丢了', '既是客户也是同事'] },
    { q: '王芳手上的投诉', has: ['既是同事也是客户'], not: ['王芳的快递丢了'] },
    { q: '王芳的电话', has: ['既是客户也是同事', '*王芳* 的电话'] },
    { q: '王芳的客户', has: ['既是同事也是客户'], not: ['Globex'] },
    // one fact about one customer, masked by role
    { q: '王建国的手机号', has: ['13800001111'] },
    { q: '王建国的电话', as: tom, has: [/\*{3,}|•{3,}/], not: ['13800001111'] },
    { q: '李明华是什么级别的客户', has: ['李明华'] },
    { q: '李明华的信用等级', has: ['只有主管及以上可以查看'], not: [/绿|green/] },
    { q: '李明华的信用等级', as: boss, has: ['customer.reveal'] },
    { q: '谁负责李明华', has: ['<@U1LINA>'] },
    { q: '黄丽上次打了几分', has: ['NPS 3'] },
    { q: "what is Li Minghua's email", has: ['minghua@example.com'] },
    { q: 'last survey score of 刘洋', has: ['CSAT 1'] },
    { q: '黄丽多久没联系了', has: ['黄丽'], not: ['没有找到'] },
    { q: '王建国还有没结的投诉吗', has: ['王建国'], not: ['没有找到'] },
    // lists by outcome
    { q: '本月解决了哪些投诉', has: ['王建国的发票开错了'] },
    { q: '这个月关闭的投诉', has: ['刘洋的安装延误'], not: ['王建国的发票开错了'] },
    { q: 'resolved complaints this month', has: ['王建国的发票开错了'] },
    { q: '这个月谁打了低分', has: ['黄丽', '刘洋', 'NPS 3', 'CSAT 1'], not: ['李明华'] },
    { q: 'who gave a low score this month', has: ['黄丽', '刘洋'] },
    { q: '最近谁给了差评', has: ['黄丽', '刘洋'] },
    { q: '三个月没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: '两周没联系的客户', has: ['刘洋', '黄丽'], not: ['王建国'] },
    { q: 'customers not contacted for 6 weeks', has: ['刘洋'], not: ['黄丽'] },
    { q: '哪些客户超过一个月没联系了', has: ['刘洋'], not: ['黄丽'] },
    { q: '上海的客户', has: ['李明华', '申华'], not: ['刘洋'] },
    // declines
    { q: '今天天气怎么样', has: ['我只能查客户'] },
    { q: '有什么新闻', has: ['我只能查客户'] },
    { q: "what's the weather in Shanghai", has: ['I only'] },
    { q: '李白的电话', has: ['李白'], not: ['李明华', '13912345678'] },
    { q: '华夏银行谁负责', has: ['华夏银行'], not: ['<@U1TOM>', '<@U1LINA>'] },
    { q: '哪个客服的投诉最多', has: ['排名和统计我还算不了'], not: ['没有找到'] },
    { q: '投诉最多的客户是谁', has: ['排名和统计我还算不了'] },
    { q: 'which agent has the most complaints', has: ["can't compute"] },
    // ── more of each kind, as typed in a hurry ──
    { q: '李明花的邮箱', has: ['minghua@example.com'] },
    { q: 'LI MINGHUA电话', has: ['13912345678'] },
    { q: 'liminghua 的客户经理是谁', has: ['<@U1LINA>'] },
    { q: '刘经理的电话', has: ['刘洋'] },
    { q: '黄小姐的邮箱', has: ['huangli@example.com'] },
    { q: 'Emely Johnson的生日', as: tom, has: ['07-02'] },
    { q: 'globex corp谁负责', has: ['<@U1TOM>'] },
    { q: 'Globex Corp.的投诉', as: tom, has: ['Pallet arrived damaged'] },
    { q: '申华实业有限公司怎么样', has: ['上海申华实业有限公司'], not: ['没有找到'] },
    { q: '上海申华谁负责', has: ['<@U1LINA>'] },
    { q: '工商银行有投诉吗', as: tom, has: ['对账单延误'] },
    { q: '中国工商银行谁负责', has: ['<@U1TOM>'] },
    { q: '农行谁负责', has: ['农行'], not: ['<@U1TOM>', '<@U1LINA>'] },
    { q: '平安保险的情况', has: ['平安保险'], not: ['没有找到'] },
    { q: '陳靜的電話', as: tom, has: ['陈静'], not: ['陈静怡'] },
    { q: '招商銀行誰負責', has: ['<@U1TOM>'] },
    { q: '黃麗打了幾分', has: ['NPS 3'] },
    { q: '這個月誰打了低分', has: ['黄丽', '刘洋'] },
    { q: '劉洋多久沒聯繫了', has: ['刘洋'], not: ['没有找到'] },
    { q: 'ＧＬＯＢＥＸ的投诉', as: tom, has: ['Pallet arrived damaged'] },
    { q: '帮我查下王建国的手机', has: ['13800001111'] },
    { q: '给我查一下刘洋上次联系是啥时候', has: ['刘洋'], not: ['没有找到'] },
    { q: '刘洋那边还有投诉没结吗', has: ['刘洋 没有未结投诉'], not: ['没有找到'] },
    { q: '帮我看下黄丽打了多少分', has: ['NPS 3'] },
    { q: '李娜手上的客户', has: ['王建国'], not: ['Globex'] },
    { q: 'Tom手上的投诉', has: ['Pallet arrived damaged'] },
    { q: 'Tom Baker负责的客户有哪些', has: ['Globex Corporation'], not: ['王建国'] },
    { q: '李娜那边有哪些超期投诉', has: [/投诉/], not: ['没有找到', 'Pallet'] },
    { q: '王建国几类客户', has: ['王建国'], not: ['没有找到'] },
    { q: '黄丽的邮箱', as: tom, has: ['黄丽'], not: ['huangli@example.com'] },
    { q: '李明华是谁在跟', has: ['<@U1LINA>'] },
    { q: 'when did we last contact 刘洋', has: ['刘洋'], not: ['No customer'] },
    { q: '刘洋上次满意度打了几分', has: ['CSAT 1'] },
    { q: '李明华的地址', has: ['上海'] },
    { q: '已关闭的投诉', has: ['刘洋的安装延误'], not: ['王建国的发票开错了'] },
    { q: 'closed complaints', as: tom, has: ['刘洋的安装延误'] },
    { q: '三周没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: '超过90天没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: '两个月没拜访的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: 'customers not contacted in two months', as: tom, has: ['刘洋'], not: ['黄丽'] },
    { q: 'who gave bad scores recently', as: tom, has: ['黄丽', '刘洋'] },
    { q: '打低分的客户有哪些', has: ['黄丽', '刘洋'] },
    { q: '谁给了差评', has: ['黄丽', '刘洋'] },
    { q: '明天会下雨吗', has: ['我只能查客户'] },
    { q: '今天有什么新闻', has: ['我只能查客户'] },
    { q: '张三的电话', has: ['张三'], not: ['13912345678', '13800001111'] },
    { q: '王老五的电话', has: ['王老五'], not: ['13800001111'] },
    { q: '哪个客户投诉最多', has: ['排名和统计我还算不了'] },
    { q: '平均处理时长是多少', has: ['排名和统计我还算不了'] },
    { q: 'Tom Baker手上有几个A类客户', has: [/客户/], not: ['王建国', '没有找到'] },
    { q: '哪些客户三个月没联系了', has: ['刘洋'], not: ['黄丽'] },
    { q: '6周没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: '最近两周没跟进的客户', has: ['刘洋', '黄丽'] },
    { q: '我负责的客户有谁超过一个月没联系', has: ['刘洋'], not: ['黄丽', 'Globex'] },
    { q: '李娜的客户谁打了低分', has: ['黄丽', '刘洋'] },
    { q: 'Tom的客户谁打了低分', has: ['这段时间没有客户打低分'] },
    { q: 'Emily Johnson 生日是哪天', as: tom, has: ['07-02'] },
    { q: '黄丽的电话多少', has: ['黄丽'], not: ['没有找到'] },
    { q: '王建国的投诉解决了吗', has: ['王建国 没有未结投诉', '王建国的发票开错了'] },
    { q: '王建国已经解决的投诉', has: ['王建国 已解决的投诉', '王建国的发票开错了'] },
    { q: '帮我查查申华', has: ['上海申华实业有限公司'] },
    { q: '给我看下工行', has: ['中国工商银行'] },
    { q: '查一下 Globex', has: ['Globex Corporation'] },
    { q: "what's Globex's tier", has: ['Globex Corporation'], not: ['No customer'] },
    { q: "who is Emily Johnson's account manager", has: ['<@U1TOM>'] },
    { q: 'any complaints from Globex', as: tom, has: ['Pallet arrived damaged'] },
    { q: 'resolved complaints this week', has: ['王建国的发票开错了'] },
    { q: "customers I haven't contacted in 3 months", has: ['刘洋'], not: ['黄丽'] },
    { q: '讲个笑话', has: ['我只能查客户'] },
    { q: '华为股价多少', has: ['我只能查客户'] },
    { q: '投诉率是多少', has: ['排名和统计我还算不了'] },
    { q: '黄莉的电话', has: ['按“黄丽”查询'] },
    { q: '刘阳的生日', has: ['按“刘洋”查询'] },
    { q: '陈晶怡的邮箱', as: tom, has: ['按“陈静怡”查询'] },
    { q: 'Globez complaints', as: tom, has: ['Pallet arrived damaged'] },
    { q: 'Emilly Johnson birthday', as: tom, has: ['07-02'] },
    { q: 'Huang Li 的邮箱', has: ['huangli@example.com'] },
    { q: 'HUANG LI怎么样', has: ['黄丽'], not: ['没有找到'] },
    { q: '中国建设银行谁负责', has: ['<@U1LINA>'] },
    { q: '建设银行的情况', has: ['中国建设银行'], not: ['没有找到'] },
    { q: '黄女士的电话', has: ['黄丽'] },
    { q: '刘先生最近咋样', has: ['刘洋'] },
    { q: '陳靜怡的郵箱', as: tom, has: ['陈静怡'], not: ['没有找到'] },
    { q: '劉洋的客戶經理是誰', has: ['<@U1LINA>'] },
    { q: '帮我查一下黄丽的手机号码', has: ['黄丽'], not: ['没有找到'] },
    { q: '黄丽那边最近咋样', has: ['黄丽'], not: ['没有找到'] },
    { q: 'Globex那边有啥投诉', as: tom, has: ['Pallet arrived damaged'] },
    { q: '我手上已经解决的投诉', has: ['王建国的发票开错了'], not: ['Pallet'] },
    { q: 'Tom Baker的客户有哪些', has: ['Globex Corporation'], not: ['王建国'] },
    { q: '李娜手上有几个投诉没结', has: [/投诉/], not: ['Pallet', '没有找到'] },
    { q: '王芳负责的客户', has: ['既是同事也是客户'], not: ['Globex'] },
    { q: "Tom's customers", has: ['Globex Corporation'], not: ['王建国'] },
    { q: 'Globex的电话', as: tom, has: ['未登记'] },
    { q: '黄丽是哪个等级', has: ['黄丽'], not: ['没有找到'] },
    { q: "Emily Johnson's phone number", as: tom, has: ['Emily Johnson'], not: ['No customer'] },
    { q: 'Globex last contact', as: tom, has: ['Globex Corporation'], not: ['No customer'] },
    { q: '最近解决的投诉', has: ['王建国的发票开错了'] },
    { q: '谁打了低分', has: ['黄丽', '刘洋'], not: ['李明华'] },
    { q: '满意度低的客户', has: ['刘洋'] },
    { q: '一个月没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: '半年没联系的客户', has: [/客户（0）|没有/], not: ['刘洋'] },
    { q: '30天以上没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: "customers we haven't talked to in 2 months", has: ['刘洋'], not: ['黄丽'] },
    { q: '今天股市怎么样', has: ['我只能查客户'] },
    { q: '马云的电话', has: ['马云'], not: ['13912345678', '13800001111'] },
    { q: 'Hooli谁负责', has: ['Hooli'], not: ['<@U1TOM>', '<@U1LINA>'] },
    { q: '哪个同事解决的投诉最多', has: ['排名和统计我还算不了'] },
    { q: '李经理手上已经解决的投诉', has: ['王建国的发票开错了'], not: ['Pallet'] },
    { q: '张经理手上的投诉', has: ['<@U1ZHANGM>', '<@U1ZHANGQ>', '没有叫“张经理”的同事'], not: ['Pallet'] },
    { q: "who's handling 工行", has: ['<@U1TOM>'] },
    { q: 'ICBC谁负责', has: ['<@U1TOM>'] },
    { q: '工行的电话多少', has: ['中国工商银行'], not: ['没有找到'] },
    { q: 'Globex的owner是谁', has: ['<@U1TOM>'] },
    { q: '李明华的tier', has: ['李明华'], not: ['没有找到'] },
    { q: 'Emily的生日', as: tom, has: ['07-02'] },
    { q: '帮我查一下 emily johnson 的 email', as: tom, has: ['Emily Johnson'], not: ['没有找到'] },
    { q: '李明华，电话多少？', has: ['13912345678'] },
    { q: '我的客户里谁打了低分', has: ['黄丽', '刘洋'] },
    { q: '刘洋最近有没有投诉', has: ['刘洋'], not: ['没有找到'] },
    { q: '刘洋的投诉处理得怎么样了', has: ['刘洋的安装延误'] },
    { q: '两个星期没联系的客户', has: ['刘洋', '黄丽'], not: ['王建国'] },
    { q: '俩月没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: '一个多月没联系的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: '3个月没有联系过的客户', has: ['刘洋'], not: ['黄丽'] },
    { q: 'customers not contacted since 3 months', has: ['刘洋'], not: ['黄丽'] },
  ];

  it('answers each as the reply should, and never a stranger', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const misses: string[] = [];
    for (const c of cases) {
      const actor = c.as ?? lina;
      try {
        const now = new Date();
        const { parsed, answer } = await answerQuestion(app.ctx, actor, c.q, { now });
        const reply = answerBlocks(answer, parsed, {
          locale: questionLanguage(c.q) ?? (actor === tom ? 'en' : 'zh-CN'),
          timeZone: app.config.company.timeZone,
          now,
          canReveal: atLeast(actor.role, 'supervisor'),
          canSendSurvey: true,
          maxRows: 5,
        });
        const shown = `${reply.text}\n${JSON.stringify(reply.blocks)}`;
        const lacking = c.has.filter((h) => !(typeof h === 'string' ? shown.includes(h) : h.test(shown)));
        const wrong = (c.not ?? []).filter((h) => (typeof h === 'string' ? shown.includes(h) : h.test(shown)));
        if (lacking.length || wrong.length)
          misses.push(`${c.q} [${answer.kind}] lacks ${lacking.join(' | ')} shows ${wrong.join(' | ')} :: ${reply.text}`);
      } catch (error) {
        misses.push(`${c.q}: threw ${(error as Error).name} ${(error as Error).message}`);
      }
    }
    expect(misses).toEqual([]);
  }, 120_000);
});
