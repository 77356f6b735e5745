import type { CreateCustomerInput } from '../domain/customer';
import { type Actor, systemActor } from '../domain/staff';
import { syncCareSchedule } from '../services/care-schedule';
import { openComplaint, transitionComplaint } from '../services/complaints';
import type { AppContext } from '../services/context';
import { addContactPerson, createCustomer, logInteraction } from '../services/customers';
import { upsertStaff } from '../services/staff';
import { loadDemoShowcase, type Showcase } from './demo-showcase';

/**
 * Demo data for the local stack: a staff directory with every role and a
 * realistic book of customers (Chinese and English names, organizations with
 * contacts, a spread of tiers, owners and stages, a timeline for each).
 * Deterministic, so every fresh start looks the same.
 */
export const demoStaff = [
  { slackUserId: 'U0DEMOADM', name: 'Admin Zhou 周管理', role: 'admin', locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
  { slackUserId: 'U0DEMOMGR', name: '王经理 Wang Li', role: 'manager', locale: 'zh-CN', timeZone: 'Asia/Shanghai', digest: 'daily' },
  { slackUserId: 'U0DEMOSUP', name: 'Sarah Chen', role: 'supervisor', supervisorId: 'U0DEMOMGR', locale: 'en', timeZone: 'Asia/Shanghai' },
  { slackUserId: 'U0DEMOAG1', name: '李娜 Li Na', role: 'agent', supervisorId: 'U0DEMOSUP', locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
  { slackUserId: 'U0DEMOAG2', name: 'Tom Baker', role: 'agent', supervisorId: 'U0DEMOSUP', locale: 'en', timeZone: 'Asia/Shanghai' },
  {
    slackUserId: 'U0DEMOAG3',
    name: '陈明 Chen Ming',
    role: 'agent',
    supervisorId: 'U0DEMOSUP',
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
  },
] as const;

const people = [
  '张三',
  '李四',
  '王小明',
  '赵丽颖',
  '刘洋',
  '陈静',
  '杨帆',
  '黄磊',
  '周杰',
  '吴倩',
  '徐志强',
  '孙悦',
  '马云飞',
  '朱婷',
  '胡歌',
  '郭晶晶',
  '何炅',
  '高圆圆',
  '林峰',
  '罗敏',
  '梁朝伟',
  '宋佳',
  '郑爽',
  '谢娜',
  '韩梅梅',
  'Emily Johnson',
  'Michael Brown',
  'José Núñez',
  'Anna Müller',
  'David Smith',
  'Sophie Martin',
  "Liam O'Connor",
  'Olivia Wilson',
  'Noah Davis',
  'Chloé Dubois',
];
const organizations = [
  ['华为技术有限公司', '深圳'],
  ['Acme Trading Ltd.', '上海'],
  ['上海宏达贸易有限公司', '上海'],
  ['北京新华书店', '北京'],
  ['Globex Corporation', '上海'],
  ['杭州西湖茶业', '杭州'],
  ['成都天府餐饮', '成都'],
  ['广州南方物流', '广州'],
  ['Initech Asia', '深圳'],
  ['苏州园林建筑设计院', '苏州'],
  ['Umbrella Pharma China', '北京'],
  ['南京金陵酒店', '南京'],
  ['武汉长江汽车配件', '武汉'],
  ['Stark Industries APAC', '上海'],
  ['厦门鼓浪屿文旅', '厦门'],
] as const;
const cities = ['上海', '北京', '深圳', '广州', '杭州', '成都', '南京', '苏州', '武汉', '厦门'];
const stages = ['active', 'active', 'active', 'new', 'at-risk', 'prospect', 'active', 'churned', 'won-back', 'active'] as const;
const agents = ['U0DEMOAG1', 'U0DEMOAG2', 'U0DEMOAG3', 'U0DEMOSUP'];

/** A small deterministic generator so demo data is the same on every machine. */
function sequence(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

export function demoCustomers(): CreateCustomerInput[] {
  const rand = sequence(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const purchases = () => {
    const r = rand();
    // about 15 % A, 35 % B, 50 % C with the default thresholds
    if (r < 0.15) return { count: 12 + Math.floor(rand() * 20), amount: 100_000 + Math.floor(rand() * 400_000) };
    if (r < 0.5) return { count: 4 + Math.floor(rand() * 8), amount: 20_000 + Math.floor(rand() * 70_000) };
    return { count: Math.floor(rand() * 4), amount: Math.floor(rand() * 19_000) };
  };
  const list: CreateCustomerInput[] = people.map((name, i) => ({
    name,
    kind: 'person',
    phones: [`1${[3, 5, 8][i % 3]}${String(900000000 + i * 7919).slice(0, 9)}`],
    emails: /[a-z]/i.test(name)
      ? [
          `${name
            .split(' ')[0]!
            .normalize('NFKD')
            .replace(/[^a-z]/gi, '')
            .toLowerCase()}${i}@example.com`,
        ]
      : [],
    address: { city: pick(cities) },
    birthday: { month: 1 + Math.floor(rand() * 12), day: 1 + Math.floor(rand() * 28) },
    ...(i % 7 === 0 ? { lunarBirthday: { month: 1 + (i % 12), day: 1 + (i % 29), leap: false } } : {}),
    ownerId: agents[i % agents.length]!,
    lifecycleStage: stages[i % stages.length]!,
    source: pick(['walk-in', 'phone', 'web', 'referral', 'wechat'] as const),
    locale: /[a-z]/i.test(name) ? 'en' : 'zh-CN',
    purchases: purchases(),
    flags: { keyAccount: false, vip: i % 9 === 0, problem: i % 17 === 0 },
    tags: i % 4 === 0 ? ['回头客'] : [],
  }));
  organizations.forEach(([name, city], i) => {
    list.push({
      name,
      kind: 'organization',
      company: name,
      industry: pick(['制造', '零售', '物流', '餐饮', '科技', '医药', '旅游']),
      phones: [`021${String(60000000 + i * 104729).slice(0, 8)}`],
      address: { city },
      ownerId: agents[(i + 1) % agents.length]!,
      lifecycleStage: stages[(i + 3) % stages.length]!,
      purchases: purchases(),
      flags: { keyAccount: i % 3 === 0, vip: false, problem: false },
      source: 'erp',
      externalId: `ERP-${1000 + i}`,
    });
  });
  return list;
}

const contactNames = ['刘总', '王经理', 'Mr. Lee', '采购部 陈小姐', 'Ms. Garcia'];

/** How long ago the demo company's records were created: every timeline, complaint and answer falls after it. */
const DEMO_HISTORY_DAYS = 400;

export async function loadDemoData(ctx: AppContext, now: Date, log: (line: string) => void): Promise<Showcase> {
  // Records are created in the past and everything else happens after, so no updatedAt precedes its createdAt,
  // and the manager has been subscribed long enough for the next digest send time to send.
  const since = new Date(now.getTime() - DEMO_HISTORY_DAYS * 86_400_000);
  for (const member of demoStaff) await upsertStaff(ctx, systemActor, member, since);
  const customers = demoCustomers();
  let contacts = 0;
  let interactions = 0;
  const ids: string[] = [];
  for (const [i, input] of customers.entries()) {
    const actor: Actor = { id: input.ownerId, kind: 'staff', role: 'agent' };
    const customer = await createCustomer(ctx, actor, input, since);
    ids.push(customer.id);
    if (customer.kind === 'organization') {
      for (let c = 0; c < 1 + (i % 3); c++) {
        await addContactPerson(
          ctx,
          actor,
          customer.id,
          {
            name: contactNames[(i + c) % contactNames.length]!,
            role: c === 0 ? '采购负责人' : 'Finance',
            decisionRole: c === 0 ? 'decision-maker' : 'influencer',
          },
          since,
        );
        contacts++;
      }
    }
    for (let k = 0; k < 1 + (i % 4); k++) {
      const daysAgo = ((i * 13 + k * 29) % 200) + 1;
      // Logged when it happened: a contact time may not lie in the future of the moment it is recorded.
      const at = new Date(now.getTime() - daysAgo * 86_400_000);
      await logInteraction(
        ctx,
        actor,
        customer.id,
        {
          kind: (['call', 'visit', 'wechat', 'email', 'meeting'] as const)[(i + k) % 5],
          summary: customer.locale === 'en' ? `Follow-up call #${k + 1}: discussed renewal` : `第${k + 1}次回访：沟通续约与使用情况`,
          at: at.toISOString(),
        },
        at,
      );
      interactions++;
    }
    // The care schedule was planned on the creation day; plan it again from today (lunar dates, catch-up entries).
    const stored = await ctx.store.customers.get(customer.id);
    if (stored) await syncCareSchedule(ctx, stored, now);
  }
  const complaints = await loadDemoComplaints(ctx, ids, customers, now);
  const showcase = await loadDemoShowcase(ctx, since, now, ids);
  log(
    `Demo data: ${demoStaff.length} staff, ${customers.length + showcase.customers} customers, ${contacts} contacts, ${interactions} interactions, ${complaints} complaints, ${showcase.answers} survey answers`,
  );
  return showcase;
}

/** Hours from the 15th of last month, 10:00 UTC, to `now`. */
const midLastMonthHours = (now: Date) =>
  Math.round((now.getTime() - Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 10)) / 3_600_000);

/** A few complaints in different states, so the complaint views and the SLA sweep have work on a fresh start. */
async function loadDemoComplaints(ctx: AppContext, ids: string[], customers: CreateCustomerInput[], now: Date): Promise<number> {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const plan = [
    { i: 0, severity: 'critical', category: 'product-quality', description: '客户反映新购设备开机即报错，要求更换', hours: 30, steps: [] },
    { i: 3, severity: 'major', category: 'delivery', description: '订单延迟一周未送达，客户很着急', hours: 30, steps: ['acknowledge'] },
    {
      i: 26,
      severity: 'ordinary',
      category: 'billing',
      description: 'Invoice charged twice for the March order',
      hours: 60,
      steps: ['acknowledge', 'resolve'],
    },
    {
      i: 36,
      severity: 'major',
      category: 'service-attitude',
      description: '门店店员态度冷淡，客户要求道歉',
      // closed two hours ago: this week, whatever the day
      hours: 14,
      steps: ['acknowledge', 'resolve', 'close'],
    },
    // resolved seven days ago (always last week) and in the middle of last month; one open with Tom Baker
    {
      i: 5,
      severity: 'ordinary',
      category: 'delivery',
      description: '快递包装破损，已补发',
      hours: 176,
      steps: ['acknowledge', 'resolve'],
    },
    {
      i: 9,
      severity: 'ordinary',
      category: 'billing',
      description: '发票抬头开错，已重开',
      hours: midLastMonthHours(now),
      steps: ['acknowledge', 'resolve'],
    },
    {
      i: 1,
      owner: 'U0DEMOAG2',
      severity: 'ordinary',
      category: 'delivery',
      description: 'Parcel arrived without the manual',
      hours: 20,
      steps: [],
    },
  ] as const;
  let count = 0;
  for (const p of plan) {
    const assignee = 'owner' in p ? p.owner : customers[p.i]!.ownerId;
    const actor: Actor = { id: assignee, kind: 'staff', role: 'agent' };
    let c = await openComplaint(
      ctx,
      actor,
      {
        customerId: ids[p.i]!,
        channel: 'phone',
        category: p.category,
        severity: p.severity,
        description: p.description,
        confirmedWithCustomer: true,
      },
      hoursAgo(p.hours),
    );
    let at = p.hours;
    for (const step of p.steps) {
      at -= 4;
      const body =
        step === 'acknowledge'
          ? { action: step, promisedReplyAt: hoursAgo(at - 48).toISOString() }
          : step === 'resolve'
            ? {
                action: step,
                solution: '已为客户更换并补偿优惠券',
                rootCause: 'process gap',
                compensation: '50元优惠券',
                replyToCustomer: '非常抱歉，已为您处理完毕',
              }
            : { action: step, summary: '客户表示满意，结案' };
      c = await transitionComplaint(ctx, actor, c.id, c.version, body, hoursAgo(at));
    }
    count++;
  }
  return count;
}
