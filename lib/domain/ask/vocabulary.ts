import { CITIES } from './cities';
import type { ComplaintStatus, Entities, Fact, Metric, Severity, Stage } from './types';

/**
 * Words that name an entity value, in both languages. Longer phrases win over shorter ones that
 * start at the same place ("流失风险" is at-risk, "流失" alone is churned), so list the specific
 * phrase rather than guarding the short one.
 */

export const SEVERITY_WORDS: Record<Severity, string[]> = {
  // docs/domain.md, Complaints: critical is 急/重大
  critical: ['critical', 'urgent', 'severe', 'p1', '紧急', '加急', '严重', '重大', '特急', '急'],
  major: ['major', 'serious', 'high priority', 'p2', '较严重', '重要', '较大', '较重'],
  ordinary: ['ordinary', 'minor', 'normal', 'low priority', 'p3', '一般', '普通', '轻微'],
};

export const STATUS_WORDS: Record<ComplaintStatus, string[]> = {
  open: ['open', 'unresolved', 'pending', 'outstanding', 'in progress', 'not resolved', '未解决', '未处理', '待处理', '处理中', '未结', '未关闭', '进行中', '没解决', '没处理', '未完成', '还没解决', '没关闭', '没有关闭', '没有解决', '没结', '没结案', '还没结', '未结案', '没完结', '没处理完', '还没处理', 'not closed', 'not yet resolved', 'still open'],
  overdue: ['overdue', 'late', 'past due', 'breached', 'sla breach', 'out of sla', '超期', '逾期', '超时', '过期', '延误', '拖延', '超过期限', '超过时限'],
  resolved: ['resolved', 'solved', 'fixed', 'handled', '已解决', '已处理', '解决了', '处理好', '处理完', '已经解决', '解决掉', '搞定', '处理完了', '已经处理'],
  closed: ['closed', 'done', '已关闭', '已结案', '结案', '关闭', '已完结', '已经关闭', '已结', '结了', '关掉', '关了'],
  escalated: ['escalated', 'escalation', '升级', '已升级', '上报', '被升级'],
};

export const STAGE_WORDS: Record<Stage, string[]> = {
  'at-risk': ['at-risk', 'at risk', 'risky', 'churn risk', 'likely to churn', '有流失风险', '流失风险', '风险客户', '流失预警', '濒临流失', '可能流失', '快流失', '快要流失', '要流失', '即将流失', '危险客户', '预警客户'],
  churned: ['churned', 'lost customers', 'lost clients', '已流失', '流失', '流失客户', '丢失的客户'],
  active: ['active', '活跃', '活跃客户'],
  new: ['new customers', 'new clients', 'new accounts', '新客户', '新增客户', '新签客户'],
  prospect: ['prospect', 'prospects', 'leads', 'potential customers', '潜在客户', '意向客户', '潜客', '准客户'],
  'won-back': ['won-back', 'won back', 'win-back', 'winback', 'recovered', '挽回', '赢回', '召回', '回流'],
};

export const METRIC_WORDS: Record<Metric, string[]> = {
  nps: ['nps', 'net promoter', 'net promoter score', 'promoter score', '净推荐值', '净推荐', '推荐值', '推荐度', '推荐指数'],
  csat: ['csat', 'satisfaction', 'customer satisfaction', 'satisfaction score', 'satisfied', 'dissatisfied', '满意度', '满意率', '客户满意度', '满意分', '满意', '不满意'],
  ces: ['ces', 'customer effort', 'effort score', '费力度', '努力度', '客户费力度', '省力度'],
};

/**
 * One fact about one customer ("张三的生日", "Acme's phone"). Owner and open complaints are
 * answered by their own intents; these are the rest of the card, one line at a time.
 */
export const FACT_WORDS: Record<Fact, string[]> = {
  birthday: ['生日', '生日是哪天', '生日是几号', '哪天生日', '出生日期', '出生年月', 'birthday', 'bday', 'b-day', 'date of birth', 'dob', 'birth date'],
  phone: ['电话', '公司电话', '电话号码', '手机', '手机号', '手机号码', '联系电话', '座机', '号码', '联系方式', 'phone', 'phone number', 'mobile', 'mobile number', 'telephone', 'cell', 'number', 'contact details', 'contact info', 'contact number'],
  email: ['邮箱', '邮箱地址', '电子邮件', '电子邮箱', '电邮', '邮件地址', 'email', 'e-mail', 'email address', 'mail address'],
  address: ['地址', '住址', '公司地址', '地址在哪', '在哪里', 'address'],
  tier: ['级别', '等级', '客户等级', '客户级别', '分级', '几类', '哪类', '哪一类', '什么类', '什么级别', '哪个级别', 'tier', 'what tier', 'which tier', 'class'],
  credit: ['信用等级', '信用评级', '信用级别', '信用', '信用分', '资信', 'credit', 'credit grade', 'credit rating', 'credit score'],
  last_contact: [
    '什么时候联系', '啥时候联系', '哪天联系', '上次联系', '最后联系', '最后一次联系', '一次联系', '上次拜访', '最后一次拜访', '一次拜访', '上次沟通', '最后跟进', '上次跟进', '上一次联系', '多久没联系', '多久没拜访', '多久没跟进', '上次回访',
    'last contact', 'last contacted', 'last contact date', 'last touch', 'last touched', 'last visit', 'last visited', 'last spoke', 'last spoken', 'last call', 'last reached', 'last talked', 'last heard',
  ],
  last_score: [
    '上次评分', '一次评分', '上次打分', '最后一次评分', '打了几分', '评了几分', '给了几分', '打几分', '上次满意度', '一次满意度', '上次的分数', '上次问卷', '一次问卷',
    'last score', 'last survey', 'last survey score', 'last rating', 'last nps', 'last csat', 'latest score', 'latest survey score', 'latest rating',
  ],
};

export const FLAG_WORDS: Record<'vip' | 'keyAccount', string[]> = {
  vip: ['vip', 'vips', 'v.i.p', '贵宾', '贵宾客户', '会员'],
  keyAccount: ['key account', 'key accounts', 'key customers', 'key clients', 'strategic accounts', 'ka', '大客户', '重点客户', '重要客户', '关键客户', '核心客户', '战略客户'],
};

/** The person asking. Bare 我 only counts where a short word may (lib/domain/ask/lexicon.ts). */
export const SELF_WORDS = ['my', 'mine', 'for me', 'assigned to me', 'owned by me', 'do i have', 'i have', 'i own', 'i handle', 'i manage', '我的', '我负责的', '我负责', '我名下的', '我名下', '我跟进的', '我手上的', '我手里的', '我手上', '我手里', '我'];

/**
 * Words that carry no meaning for the query but must not be mistaken for a customer name.
 * Single Han characters are "weak": they are only taken next to a word already understood
 * (see lexicon.ts), so the 有 in 张有才 stays part of the name.
 */
export const FILLERS: string[] = [
  // Chinese
  '请问', '麻烦', '帮我', '给我', '帮忙', '一下', '有没有', '有什么', '有哪些', '是不是', '是否', '什么', '哪些', '哪个', '哪位',
  '多少', '几个', '几位', '怎么', '现在', '目前', '当前', '一共', '总共', '所有', '全部', '都有', '那个', '这个', '这些', '那些',
  '我们', '我想知道', '我想看', '我想查', '想知道', '想看', '能不能', '可以', '告诉我', '显示', '列一下', '列出来', '列出', '看一下',
  '还有', '以及', '的话', '情况下', '一些', '相关', '关于', '请', '新的', '新增', '新', '有关', '哪天', '什么时候', '分别', '统计', '数据', '几次', '处理', '分配给', '结果', '机器人', '一共有',
  '帮我查', '帮我查查', '帮我看', '帮我看看', '帮我找', '给我查', '给我看', '给我看看', '查下', '查一查', '那边', '这边', '已经', '还有几个', '还有多少', '一下子', '客服', '同事', '一共几个', '几个了', '现在还有', '到底', '具体', '是多少', '多少号', '想不起来', '忘了', '记不清', '上次', '结了没', '结了吗', '解决了没', '解决了吗', '处理完了没', '处理完了吗', '处理好了没', '好了没', '调出来', '发我', '发给我',
  '收到', '接到', '来了', '有人', '有没有人', '服务', '服务态度', '产品', '产品质量', '质量', '态度', '总数', '数量', '快要', '快', '地区', '区域', '一带', '附近',
  '的', '有', '吗', '呢', '吧', '啊', '呀', '了', '是', '在', '都', '还', '和', '跟', '与', '及', '个', '们', '要', '看', '给',
  '把', '被', '下', '中', '里', '内', '啥', '谁', '哪', '么', '过', '些', '多', '几', '条', '项', '位', '家', '号', '嘛', '哦', '诶', '次', '得', '来', '人',
  // English
  'the', 'a', 'an', 'any', 'all', 'of', 'for', 'from', 'with', 'about', 'to', 'in', 'on', 'at', 'by', 'and', 'or', 'is', 'are',
  'was', 'were', 'be', 'been', 'being', 'do', 'does', 'did', 'have', 'has', 'had', 'there', 'what', 'which', 'whose', 'who', 'whom',
  'when', 'show', 'show me', 'list', 'give me', 'get', 'get me', 'find', 'please', 'pls', 'plz', 'can you', 'could you', 'would you',
  'i want to know', 'i want to see', 'i need', 'i need to know', 'let me see', 'let me know', 'me', 'us', 'our', 'we', 'it', 'its',
  'this', 'that', 'these', 'those', 'some', 'how many', 'number of', 'count of', 'so far', 'now', 'currently', 'right now', 'yet',
  'still', 'new', 'got', 'any new', 'how', 'i', 'you', 'your', 'many', 'much', 'happening', 'up', 'tell', 'know', 'see', 'view',
  'owned by', 'assigned to', 'handled by', 'managed by', 'belonging to', 'based', 'located', 'who are', 'due', 'coming up', 'upcoming',
  'were there', 'was there', 'are there', 'is there', 'lately', 'since', 'one', 'ones', 'where', 'bot', 'this bot', 'results',
  'hey', 'can u', 'u', 'what is', 'whats', 'when was', 'when did', 'we', 'last time', 'quick', 'quickly', 'hey bot', 'real quick', 'again', 'remind me', 'btw', 'agent', 'agents',
  'came', 'came in', 'received', 'total', 'count', 'people', 'anyone', 'someone', 'service', 'product', 'quality', 'area', 'region',
];

/**
 * Endings of organization names ("华为技术有限公司", "Acme Corp"). They are kept inside the name,
 * and stop a short filler from cutting one out (the 有 of 有限公司).
 */
export const NAME_PARTS: string[] = [
  '有限公司', '有限责任公司', '股份有限公司', '分公司', '总公司', '公司', '集团', '科技', '银行', '分行', '酒店', '医院', '大学',
  '学校', '工厂', '商行', '商店', '中心', '事务所', '研究院', 'inc', 'inc.', 'ltd', 'ltd.', 'llc', 'co.', 'corp', 'corp.', 'corporation',
  'company', 'group', 'gmbh', 'limited',
];

/** The entity a word sets; the first value named wins, later ones do not override it. */
export type EntitySetter = (e: Entities) => void;

function valueTable<K extends string>(table: Record<K, string[]>, set: (e: Entities, value: K) => void): [string, EntitySetter][] {
  return (Object.entries(table) as [K, string[]][]).flatMap(([value, words]) => words.map((w): [string, EntitySetter] => [w, (e) => set(e, value)]));
}

export const ENTITY_WORDS: [string, EntitySetter][] = [
  ...valueTable(SEVERITY_WORDS, (e, v) => void (e.severity ??= v)),
  ...valueTable(STATUS_WORDS, (e, v) => void (e.status ??= v)),
  ...valueTable(STAGE_WORDS, (e, v) => void (e.stage ??= v)),
  ...valueTable(METRIC_WORDS, (e, v) => void (e.metric ??= v)),
  ...valueTable(FACT_WORDS, (e, v) => void (e.fact ??= v)),
  ...FLAG_WORDS.vip.map((w): [string, EntitySetter] => [w, (e) => void (e.vip = true)]),
  ...FLAG_WORDS.keyAccount.map((w): [string, EntitySetter] => [w, (e) => void (e.keyAccount = true)]),
  ...valueTable(CITIES, (e, v) => void (e.city ??= v)),
  ...Object.keys(CITIES).flatMap((c): [string, EntitySetter][] => [[c, (e) => void (e.city ??= c)], [`${c}市`, (e) => void (e.city ??= c)]]),
  ...SELF_WORDS.map((w): [string, EntitySetter] => [w, (e) => void (e.owner ??= { self: true })]),
];
