import type { Catalogue } from './index';

/** Conversational answers added for names as people type them, one fact of a customer, detractors and declines. */
export const ask: Catalogue = {
  'slack.ask.read_as': { 'zh-CN': '按“{name}”查询', en: 'Read as “{name}”' },
  'slack.ask.did_you_mean': { 'zh-CN': '没有找到“{query}”，您是不是要找：', en: 'No customer is called “{query}”. Did you mean:' },
  'slack.ask.did_you_mean_more': {
    'zh-CN': '匹配的客户较多，只列出前几位；请写全名。',
    en: 'More customers match; only the first are shown. Type the full name.',
  },
  'slack.ask.intent.customer_fact': { 'zh-CN': '客户信息', en: 'a customer fact' },
  'slack.ask.intent.detractors': { 'zh-CN': '打低分的客户', en: 'who gave a low score' },
  'slack.ask.fact.birthday': { 'zh-CN': '{name} 的生日：{value}', en: "{name}'s birthday: {value}" },
  'slack.ask.fact.phone': { 'zh-CN': '{name} 的电话：{value}', en: "{name}'s phone: {value}" },
  'slack.ask.fact.email': { 'zh-CN': '{name} 的邮箱：{value}', en: "{name}'s e-mail: {value}" },
  'slack.ask.fact.address': { 'zh-CN': '{name} 的地址：{value}', en: "{name}'s address: {value}" },
  'slack.ask.fact.tier': { 'zh-CN': '{name} 是 {value} 类客户', en: '{name} is a tier {value} customer' },
  'slack.ask.fact.credit': { 'zh-CN': '{name} 的信用等级：{value}', en: "{name}'s credit grade: {value}" },
  'slack.ask.fact.last_contact': { 'zh-CN': '{name} 最近一次联系：{value}', en: '{name} was last contacted: {value}' },
  'slack.ask.fact.last_score': { 'zh-CN': '{name} 最近一次问卷得分：{value}', en: "{name}'s last survey score: {value}" },
  'slack.ask.fact.none': { 'zh-CN': '未登记', en: 'not on file' },
  'slack.ask.fact.restricted': {
    'zh-CN': '受限信息，主管及以上可点击查看（查看会被记录）',
    en: 'restricted; supervisors and above can show it (the view is audited)',
  },
  'slack.ask.fact.restricted_agent': {
    'zh-CN': '受限信息，只有主管及以上可以查看',
    en: 'restricted; only supervisors and above may see it',
  },
  'slack.ask.fact.no_survey': { 'zh-CN': '还没有答过问卷', en: 'no survey answered yet' },
  'slack.ask.detractors': {
    'zh-CN': '打低分（NPS 推荐度低、CSAT 不满意）的客户：{range}（{count}）',
    en: 'Low scores (NPS detractors, dissatisfied CSAT) {range} ({count})',
  },
  'slack.ask.no_detractors': { 'zh-CN': '这段时间没有客户打低分', en: 'Nobody gave a low score in that period' },
  'slack.ask.customer_complaints_latest': {
    'zh-CN': '{name} 没有未结投诉；最近的投诉（{count}）',
    en: '{name} has no open complaints; the latest ({count})',
  },
  'slack.ask.customer_complaints_status': { 'zh-CN': '{name} {status}的投诉（{count}）', en: '{status} complaints of {name} ({count})' },
  'slack.ask.no_colleague': {
    'zh-CN': '没有叫“{query}”的同事。可以写同事的全名，或者 @ 他/她。',
    en: 'No colleague is called “{query}”. Write their full name, or @mention them.',
  },
  'slack.ask.which_colleague': {
    'zh-CN': '没有叫“{query}”的同事。您是说 {names} 吗？可以写全名或 @ 他/她再问一次。',
    en: 'No colleague is called “{query}”. Did you mean {names}? Ask again with the full name or an @mention.',
  },
  'slack.ask.shared_name.customer': {
    'zh-CN': '“{name}”既是客户也是同事，这里按客户查询；要查同事请问“{name}手上的投诉”',
    en: '“{name}” is a customer and a colleague: read as the customer. For the colleague, ask “complaints owned by {name}” or @mention them',
  },
  'slack.ask.shared_name.colleague': {
    'zh-CN': '“{name}”既是同事也是客户，这里按同事查询；要查客户请问“{name}怎么样”',
    en: '“{name}” is a colleague and a customer: read as the colleague. For the customer, ask “how is {name}”',
  },
  'slack.ask.out_of_scope': {
    'zh-CN': '这个我帮不上忙：我只能查客户、投诉、关怀任务和满意度。',
    en: "I can't help with that: I only know customers, complaints, care tasks and survey scores.",
  },
  'slack.ask.analytics': {
    'zh-CN': '这类排名和统计我还算不了。可以问某位同事的投诉（如“Tom手上的投诉”）或满意度（如“上个月的NPS”）。',
    en: 'I can\'t compute rankings or statistics like that yet. Ask about one colleague\'s complaints ("Tom\'s open complaints") or scores ("NPS last month").',
  },
};
