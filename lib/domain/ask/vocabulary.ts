import { CITIES } from './cities';
import type { ComplaintStatus, Entities, Metric, Severity, Stage } from './types';

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
  open: ['open', 'unresolved', 'pending', 'outstanding', 'in progress', 'not resolved', '未解决', '未处理', '待处理', '处理中', '未结', '未关闭', '进行中', '没解决', '没处理', '未完成', '还没解决', '没关闭', '没有关闭', '没有解决'],
  overdue: ['overdue', 'late', 'past due', 'breached', 'sla breach', 'out of sla', '超期', '逾期', '超时', '过期', '延误', '拖延', '超过期限', '超过时限'],
  resolved: ['resolved', 'solved', 'fixed', 'handled', '已解决', '已处理', '解决了', '处理好', '处理完'],
  closed: ['closed', 'done', '已关闭', '已结案', '结案', '关闭', '已完结'],
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
  ...FLAG_WORDS.vip.map((w): [string, EntitySetter] => [w, (e) => void (e.vip = true)]),
  ...FLAG_WORDS.keyAccount.map((w): [string, EntitySetter] => [w, (e) => void (e.keyAccount = true)]),
  ...valueTable(CITIES, (e, v) => void (e.city ??= v)),
  ...Object.keys(CITIES).flatMap((c): [string, EntitySetter][] => [[c, (e) => void (e.city ??= c)], [`${c}市`, (e) => void (e.city ??= c)]]),
  ...SELF_WORDS.map((w): [string, EntitySetter] => [w, (e) => void (e.owner ??= { self: true })]),
];
