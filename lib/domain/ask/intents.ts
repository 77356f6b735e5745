import type { AnswerableIntent, Entities } from './types';

/**
 * What each intent is recognised by. A question's score for an intent is the sum of the weights
 * of its cue words plus what its entities say (ENTITY_WEIGHTS); the highest qualified score wins.
 *
 * Weights: 5 = the word alone names the intent ("生日", "who owns"); 3 = a strong hint; 1 = a
 * word that only tips a balance. 'chatter' and 'noise' are scored like intents so that "谢谢"
 * or "DROP TABLE" is recognised as small talk or code instead of being looked up as a customer.
 */
export type ScoredIntent = AnswerableIntent | 'chatter' | 'noise' | 'out_of_scope' | 'analytics';

export interface Cue {
  weight: number;
  phrases: string[];
}

const COMPLAINT_CUES: Cue[] = [
  { weight: 5, phrases: ['投诉', '客诉', '抱怨', '投诉单', '投诉记录', '投诉情况', 'complaint', 'complain', 'complained', 'grievance'] },
  { weight: 3, phrases: ['issue', 'ticket', 'problem', '工单'] },
];

export const INTENT_CUES: Record<ScoredIntent, Cue[]> = {
  customer_overview: [
    {
      weight: 3,
      phrases: [
        '怎么样', '怎样', '咋样', '咋回事', '啥情况', '如何', '情况', '近况', '状况', '概况', '最新情况', '资料', '档案', '客户信息', '客户资料', '详情', '介绍一下',
        'how is', 'how are things with', 'how are', 'doing', 'going', 'going on with', 'overview', 'tell me about', 'status of',
        'update on', 'latest on', 'info on', 'information on', 'information about', 'details of', 'profile', 'what about', 'how about',
        'summary of', 'look up', 'lookup', 'customer card', 'what is up with', 'whats up with', 'what about',
      ],
    },
    { weight: 1, phrases: ['是谁', '查一下', '查查', '看看', '查询', '搜索', '找一下', '信息', '查', 'check', 'check on', 'search', 'details', 'info', 'latest'] },
  ],
  customer_complaints: COMPLAINT_CUES,
  complaints_list: COMPLAINT_CUES,
  customer_owner: [
    {
      weight: 5,
      phrases: [
        '谁负责', '是谁负责', '由谁负责', '是谁在跟', '是谁在管', '是谁跟进', '是谁在负责', '是谁管', '谁管的', '谁在对接', '谁对接', '负责人', '谁在跟', '谁在负责', '谁跟进', '谁在跟进', '谁在管', '谁管', '归谁', '是谁的客户', '谁的客户', '客户经理',
        '对接人', '销售是谁', 'who owns', 'owner of', 'owner', 'owns', 'who is responsible for', 'responsible for', 'who handles',
        'who manages', 'who is managing', 'who is handling', 'who looks after', 'account manager', 'contact person', 'contact person for', 'belongs to', 'who is in charge of', 'in charge of', 'who covers',
        'point of contact for',
      ],
    },
  ],
  customers_filter: [
    { weight: 1, phrases: ['客户', '客户们', '客户名单', '客户列表', '哪些客户', 'customer', 'client', 'account', 'list of customers'] },
  ],
  // scored by its entity (a fact word) and the name: see ENTITY_WEIGHTS and NAME_WEIGHTS
  customer_fact: [],
  detractors: [
    {
      weight: 6,
      phrases: [
        '低分', '打低分', '打了低分', '给了低分', '给低分', '打分低', '分数低', '评分低', '差评', '给差评', '给了差评', '不满意的客户', '贬损者', '批评者', '不推荐',
        'detractor', 'detractors', 'low score', 'low scores', 'low rating', 'low ratings', 'gave a low', 'gave low', 'scored low', 'unhappy customers', 'bad score', 'bad scores', 'bad rating',
      ],
    },
  ],
  birthdays: [{ weight: 5, phrases: ['生日', '过生日', '生辰', '寿辰', '寿诞', 'birthday', 'bday', 'b-day', 'birth day'] }],
  survey_scores: [
    {
      weight: 4,
      phrases: ['调查', '问卷', '调研', '评分', '打分', '得分', '分数', '满意度调查', '回访满意度', 'survey', 'score', 'rating', 'feedback score', 'survey results'],
    },
    { weight: 3, phrases: ['happy', 'unhappy', '开心', '高兴'] },
  ],
  my_tasks: [
    { weight: 5, phrases: ['任务', '待办', '待办事项', '代办', '工作安排', 'task', 'todo', 'to-do', 'to do', 'todos', 'to-dos', '要干啥', '干啥', '做啥', '要做啥', '干嘛', '要干嘛'] },
    {
      weight: 3,
      phrases: ['回访', '跟进', '关怀', '提醒', '日程', '安排', '要做什么', '该做什么', '做什么', '要做', '要干什么', 'reminder', 'follow-up', 'follow up', 'care', 'agenda', 'schedule', 'what do i have', 'on my plate', 'what should i do'],
    },
  ],
  help: [
    {
      weight: 5,
      phrases: [
        'help', '帮助', '你能做什么', '你会什么', '你会做什么', '能做什么', '能干什么', '你能干什么', '怎么用', '如何使用', '使用说明', '用法', '使用帮助',
        '命令', '指令', '功能', '菜单', '教程', '示例', '例子', 'usage', 'commands', 'command', 'what can you do', 'what can i ask',
        'how do i use', 'how to use', 'menu', 'examples', 'example', 'guide', 'instructions',
      ],
    },
  ],
  chatter: [
    {
      weight: 5,
      phrases: [
        'hi', 'hello', 'thanks', 'thank you', 'thx', 'ok', 'okay', 'lol', 'haha', 'good morning', 'good night', 'bye',
        'lunch', 'coffee', '你好', '您好', '谢谢', '多谢', '好的', '嗯嗯', '哈哈', '早上好', '晚安', '再见', '吃饭', '午饭', '早安',
      ],
    },
  ],
  // questions outside the CRM: declined, not looked up as a customer called "天气"
  out_of_scope: [
    {
      weight: 8,
      phrases: [
        'weather', 'forecast', 'news', 'any news', 'the news', 'headlines', 'stock', 'stocks', 'stock price', 'share price', 'exchange rate', 'joke', 'movie', 'football', 'lottery', 'translate',
        '天气', '天气预报', '下雨', '气温', '新闻', '头条', '股票', '股价', '汇率', '笑话', '电影', '比赛', '彩票', '翻译', '几点了', '放假',
      ],
    },
  ],
  // rankings across staff or customers the bot has no query for: declined, not read as a customer named 客服
  analytics: [
    {
      weight: 9,
      phrases: [
        '最多', '最少', '最高', '最低', '排名', '排行', '排行榜', '谁的投诉最多', '哪个客服', '哪位客服', '哪个同事', '哪个员工', '平均', '占比', '趋势', '同比', '环比',
        'the most', 'most complaints', 'the least', 'the fewest', 'ranking', 'rank', 'leaderboard', 'which agent', 'which rep', 'which staff', 'top', 'average', 'trend', 'percentage',
      ],
    },
  ],
  // pasted code and injection probes: heavier than any intent so a stray "complaints" in them does not count
  noise: [
    {
      weight: 8,
      phrases: ['select', 'drop table', 'insert into', 'delete from', 'union select', 'truncate', 'script', 'javascript', 'null', 'exec', 'xp_cmdshell', 'sleep', 'alert', 'lorem ipsum', 'function', 'undefined', 'console.log'],
    },
  ],
};

/** How strongly the customer name the parser found points at each intent, by how it was found. */
export const NAME_WEIGHTS: Record<'residue' | 'looks' | 'known' | 'quoted', Partial<Record<ScoredIntent, number>>> = {
  // leftover words: maybe a name, maybe words the tables do not know
  residue: { customer_overview: 1, customer_complaints: 1, customer_owner: 1, customer_fact: 1 },
  // shaped like a name (张三, Acme Corp, 华为有限公司): a bare name is a request for the customer card
  looks: { customer_overview: 2, customer_complaints: 1, customer_owner: 1, customer_fact: 3 },
  known: { customer_overview: 3, customer_complaints: 1, customer_owner: 1, customer_fact: 3 },
  quoted: { customer_overview: 3, customer_complaints: 1, customer_owner: 1, customer_fact: 3 },
};

/** Entities tell what a question is about: a severity only makes sense for complaints. */
export const ENTITY_WEIGHTS: { [K in keyof Entities]?: Partial<Record<ScoredIntent, number>> } = {
  tier: { customers_filter: 2 },
  city: { customers_filter: 2 },
  stage: { customers_filter: 2 },
  vip: { customers_filter: 2 },
  keyAccount: { customers_filter: 2 },
  notVisitedDays: { customers_filter: 4 },
  owner: { customers_filter: 2, complaints_list: 1, my_tasks: 1 },
  severity: { complaints_list: 2, customer_complaints: 2 },
  status: { complaints_list: 1, customer_complaints: 1 },
  metric: { survey_scores: 5 },
  fact: { customer_fact: 6 },
};

const FILTERS = ['tier', 'city', 'stage', 'notVisitedDays', 'vip', 'keyAccount', 'owner'] as const;

/**
 * What an intent cannot be answered without. A question that scores for an intent but misses
 * its requirement gets 'unknown' with a hint ("which customer?") rather than a guess.
 */
export const REQUIREMENTS: Partial<Record<AnswerableIntent, { missing?: string; met: (e: Entities) => boolean }>> = {
  customer_overview: { missing: 'customerName', met: (e) => e.customerName !== undefined },
  customer_complaints: { missing: 'customerName', met: (e) => e.customerName !== undefined },
  customer_owner: { missing: 'customerName', met: (e) => e.customerName !== undefined },
  customer_fact: { missing: 'customerName', met: (e) => e.customerName !== undefined && e.fact !== undefined },
  // one customer's complaints are customer_complaints, never the list
  complaints_list: { met: (e) => e.customerName === undefined },
  // "客户" alone would list every customer: not a question the bot should answer with a dump
  customers_filter: { missing: 'filter', met: (e) => FILTERS.some((f) => e[f] !== undefined) },
};

/** The entities each intent's answer uses; the parser returns only these. */
export const ENTITIES_USED: Record<AnswerableIntent, (keyof Entities)[]> = {
  customer_overview: ['customerName', 'dateRange'],
  customer_complaints: ['customerName', 'dateRange', 'status', 'severity'],
  customer_owner: ['customerName'],
  customer_fact: ['customerName', 'fact'],
  detractors: ['dateRange', 'owner', 'tier'],
  customers_filter: ['tier', 'city', 'stage', 'owner', 'notVisitedDays', 'vip', 'keyAccount', 'dateRange'],
  complaints_list: ['status', 'severity', 'owner', 'dateRange', 'tier', 'city', 'vip', 'keyAccount'],
  birthdays: ['dateRange', 'customerName', 'tier', 'city', 'vip', 'keyAccount', 'owner'],
  survey_scores: ['metric', 'dateRange', 'customerName', 'tier', 'city', 'owner'],
  my_tasks: ['dateRange', 'owner', 'customerName', 'status'],
  help: [],
};

/** Tie order: earlier wins a tie. Chatter loses ties so "thanks, my tasks today?" is answered. */
export const INTENT_ORDER: ScoredIntent[] = [
  'help', 'customer_owner', 'customer_complaints', 'complaints_list', 'birthdays', 'customer_fact', 'detractors', 'survey_scores', 'my_tasks',
  'customers_filter', 'customer_overview', 'chatter', 'out_of_scope', 'analytics', 'noise',
];

/** Pseudo-intents: recognised so that they are not mistaken for a question, answered as unknown. */
export const NOT_A_QUESTION: ReadonlySet<ScoredIntent> = new Set(['chatter', 'noise', 'out_of_scope', 'analytics']);

/** Below these the question is 'unknown': a reply with examples beats a confident wrong answer. */
export const MIN_SCORE = 2;
export const MIN_CONFIDENCE = 0.35;
