/** The contract between the conversational parser and lib/services/ask.ts (issue 4 §6). */

export type Intent =
  | 'customer_overview' // "how is 张三 doing", "张三怎么样", "Acme 的情况"
  | 'customer_complaints' // "Acme 最近有投诉吗", "complaints from 张三 this month"
  | 'customer_owner' // "谁负责华为", "who owns Acme"
  | 'customers_filter' // "A-tier customers in Shanghai not visited for 60 days", "VIP客户"
  | 'complaints_list' // "overdue complaints this week", "本周超期投诉", "我的投诉"
  | 'birthdays' // "birthdays next week", "下周谁过生日"
  | 'survey_scores' // "NPS last month", "上个月的满意度"
  | 'my_tasks' // "我今天有什么任务", "what are my tasks this week"
  | 'customer_fact' // "张三的生日", "Acme's phone number", "李明华的信用等级", "Globex last contact"
  | 'detractors' // "谁打了低分", "who gave a low score last month": the people, not the NPS figure
  | 'help' // "help", "帮助", "你能做什么"
  | 'unknown';

export type AnswerableIntent = Exclude<Intent, 'unknown'>;

/** ISO calendar days (YYYY-MM-DD), both inclusive, in the company time zone. */
export interface DateRange {
  from: string;
  to: string;
  /** what was asked, e.g. 'last_month', 'this_week', 'last_30_days', 'recent' */
  label: string;
}

export type Severity = 'critical' | 'major' | 'ordinary';
export type ComplaintStatus = 'open' | 'overdue' | 'resolved' | 'closed' | 'escalated';
export type Stage = 'at-risk' | 'churned' | 'active' | 'new' | 'prospect' | 'won-back';
export type Metric = 'nps' | 'csat' | 'ces';
/** One fact about one customer; owner and open complaints are their own intents. */
export type Fact = 'birthday' | 'phone' | 'email' | 'address' | 'tier' | 'credit' | 'last_contact' | 'last_score';

export interface OwnerRef {
  slackUserId?: string;
  name?: string;
  /** "my" / "我的": the person asking */
  self?: boolean;
}

export interface Entities {
  /** a known customer name when one matched, else the raw text to look up */
  customerName?: string;
  tier?: 'A' | 'B' | 'C';
  /** canonical form: the Chinese name for cities in the table (Shanghai → 上海), otherwise as typed */
  city?: string;
  severity?: Severity;
  status?: ComplaintStatus;
  stage?: Stage;
  owner?: OwnerRef;
  dateRange?: DateRange;
  notVisitedDays?: number;
  metric?: Metric;
  keyAccount?: boolean;
  vip?: boolean;
  fact?: Fact;
}

export interface ParsedQuestion {
  intent: Intent;
  /** 0..1; 0 when the intent is 'unknown' */
  confidence: number;
  entities: Entities;
  /** when intent is unknown: what the parser noticed, for a helpful reply (codes listed in docs/ask.md) */
  hints?: string[];
}

export interface ParseOptions {
  now: Date;
  /** IANA zone of the company, e.g. 'Asia/Shanghai'; relative dates are calendar days there */
  timeZone: string;
  /** accepted for symmetry with the reply; the parser reads both languages in any message */
  locale?: 'zh-CN' | 'en';
  /** names to match exactly or fuzzily (typos, pinyin, initials); without them the name is taken from the sentence */
  knownCustomerNames?: string[];
  /** staff names: one written in the question is the owner or assignee ("Tom Baker手上有哪些客户"), not a customer */
  knownStaffNames?: string[];
  /** the bot's own user id: its mentions are removed anywhere (without it, only a leading mention is) */
  botUserId?: string;
  /** days that 最近 / "recently" covers; the service passes its configured value */
  recentDays?: number;
}
