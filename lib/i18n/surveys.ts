import type { Catalogue } from './index';

/** Survey pages (seen by customers), the owner's link DM, low-score alerts, timeline entries, emails. */
export const surveys: Catalogue = {
  'survey.kind.nps': { 'zh-CN': 'NPS', en: 'NPS' },
  'survey.kind.csat': { 'zh-CN': '满意度', en: 'CSAT' },
  'survey.kind.ces': { 'zh-CN': '费力度', en: 'CES' },
  'survey.kind.custom': { 'zh-CN': '问卷', en: 'survey' },
  'survey.trigger.complaint-resolved': { 'zh-CN': '投诉解决后回访', en: 'after a resolved complaint' },
  'survey.trigger.return-visit': { 'zh-CN': '回访后', en: 'after a return visit' },
  'survey.trigger.manual': { 'zh-CN': '手动发送', en: 'sent by hand' },
  'survey.trigger.campaign': { 'zh-CN': '定期调查', en: 'campaign' },

  // The page
  'survey.page.title': { 'zh-CN': '{company} · 满意度调查', en: '{company} · satisfaction survey' },
  'survey.page.heading': { 'zh-CN': '您的意见对我们很重要', en: 'Tell us how we did' },
  'survey.page.greeting': { 'zh-CN': '{surname}{title}，您好！', en: 'Dear {title} {surname},' },
  'survey.page.greeting_anonymous': { 'zh-CN': '尊敬的客户，您好！', en: 'Dear customer,' },
  'survey.salutation.mr': { 'zh-CN': '先生', en: 'Mr' },
  'survey.salutation.ms': { 'zh-CN': '女士', en: 'Ms' },
  'survey.page.intro': {
    'zh-CN': '感谢您选择{company}。回答以下问题大约需要一分钟。',
    en: 'Thank you for choosing {company}. This takes about a minute.',
  },
  'survey.page.optional': { 'zh-CN': '（选填）', en: '(optional)' },
  'survey.page.scale_ends': { 'zh-CN': '{low} 分 = {lowLabel}，{high} 分 = {highLabel}', en: '{low} = {lowLabel}, {high} = {highLabel}' },
  'survey.page.submit': { 'zh-CN': '提交', en: 'Submit' },
  'survey.page.language': { 'zh-CN': 'English', en: '中文' },
  'survey.page.language_label': { 'zh-CN': 'Switch to English', en: '切换到中文' },
  'survey.page.error_summary': { 'zh-CN': '请检查下面标出的问题。', en: 'Please check the questions marked below.' },
  'survey.page.error.required': { 'zh-CN': '请选择一个答案。', en: 'Please choose an answer.' },
  'survey.page.error.invalid': { 'zh-CN': '这个答案无效，请重新选择。', en: 'That answer is not valid; please choose again.' },
  'survey.page.error.too_long': { 'zh-CN': '内容太长，请精简后再提交。', en: 'That is too long; please shorten it.' },
  'survey.page.error_prefix': { 'zh-CN': '错误：', en: 'Error: ' },
  'survey.page.thanks.title': { 'zh-CN': '谢谢您！', en: 'Thank you!' },
  'survey.page.thanks.body': {
    'zh-CN': '我们已收到您的反馈，{company}会认真阅读每一条意见。',
    en: 'We have received your answers. Everyone at {company} reads them.',
  },
  'survey.page.unavailable.title': { 'zh-CN': '此调查链接已无法使用', en: 'This survey link is not available' },
  'survey.page.unavailable.body': {
    'zh-CN': '链接可能已过期或已经使用过。如果您有任何意见，欢迎直接联系您的客户经理。',
    en: 'It may have expired or already been used. If you would like to tell us something, please contact your account manager directly.',
  },
  'survey.page.rate_limited.title': { 'zh-CN': '提交太频繁了', en: 'Too many attempts' },
  'survey.page.rate_limited.body': { 'zh-CN': '请稍等几分钟再试。', en: 'Please wait a few minutes and try again.' },
  'survey.page.too_large.title': { 'zh-CN': '内容太长', en: 'Too much text' },
  'survey.page.too_large.body': {
    'zh-CN': '您提交的内容太长，请返回精简后再提交。',
    en: 'What you sent is too long. Please go back, shorten it and try again.',
  },
  'survey.page.bad_request.title': { 'zh-CN': '无法处理这次提交', en: 'We could not read that' },
  'survey.page.bad_request.body': { 'zh-CN': '请返回调查页面重新提交。', en: 'Please go back to the survey and submit it again.' },
  'survey.page.failed.title': { 'zh-CN': '出了点问题', en: 'Something went wrong' },
  'survey.page.failed.body': { 'zh-CN': '我们这边出了问题，请稍后再试。', en: 'Something went wrong on our side. Please try again later.' },
  'survey.page.optout.hint': { 'zh-CN': '不想再收到满意度调查？', en: 'Prefer not to receive surveys?' },
  'survey.page.optout.button': { 'zh-CN': '不再接收调查', en: 'Stop sending me surveys' },
  'survey.page.optout.done.title': { 'zh-CN': '已为您退订', en: 'You are unsubscribed' },
  'survey.page.optout.done.body': {
    'zh-CN': '{company}将不再向您发送满意度调查。',
    en: '{company} will not send you satisfaction surveys any more.',
  },

  // The owner's DM and alerts (Slack)
  'survey.dm.title': { 'zh-CN': '请转发满意度调查链接（{count}）', en: 'Survey links to forward ({count})' },
  'survey.dm.reminder_title': {
    'zh-CN': '调查提醒：{count} 位客户尚未回复',
    en: 'Survey reminder: {count} customers have not answered yet',
  },
  'survey.dm.intro': {
    'zh-CN': '每个链接只属于一位客户，请通过微信、短信等方式转发给对应客户。链接 {days} 天后失效。',
    en: 'Each link belongs to one customer; forward it by WeChat, SMS or the like. Links expire after {days} days.',
  },
  'survey.dm.line': { 'zh-CN': '*{customer}* · {kind} · {trigger}', en: '*{customer}* · {kind} · {trigger}' },
  'survey.dm.emailed': { 'zh-CN': '（已发邮件）', en: '(also emailed)' },
  'survey.alert.title': { 'zh-CN': '⚠️ 低分预警：{customer} 给出 {kind} {score} 分', en: '⚠️ Low score: {customer} gave {kind} {score}' },
  'survey.alert.comment': { 'zh-CN': '客户留言：{comment}', en: 'Comment: {comment}' },
  'survey.alert.reopened': { 'zh-CN': '投诉 {id} 已重新打开。', en: 'Complaint {id} has been reopened.' },
  'survey.alert.action': { 'zh-CN': '请尽快联系客户了解情况。', en: 'Please get in touch with the customer soon.' },
  'survey.alert.context': { 'zh-CN': '{trigger} · {at}', en: '{trigger} · {at}' },

  // Timeline, email, errors
  'survey.timeline.sent': { 'zh-CN': '发送满意度调查（{kind}，{trigger}）', en: 'Survey sent ({kind}, {trigger})' },
  'survey.timeline.answered': { 'zh-CN': '客户回复满意度调查（{kind} {score}）', en: 'Survey answered ({kind} {score})' },
  'survey.reopen_reason': {
    'zh-CN': '回访调查不满意（满意度 {score}/5）{comment}',
    en: 'Not satisfied in the follow-up survey (CSAT {score}/5){comment}',
  },
  'survey.followup_note': { 'zh-CN': '回访调查满意（满意度 {score}/5）', en: 'Satisfied in the follow-up survey (CSAT {score}/5)' },
  'survey.email.subject': { 'zh-CN': '{company}邀请您参与满意度调查', en: '{company} would like your feedback' },
  'survey.email.body': {
    'zh-CN':
      '{greeting}\n\n感谢您选择{company}。请花一分钟告诉我们您的感受：\n{link}\n\n此链接仅供您本人使用，{days} 天内有效。\n如不想再收到调查，可在页面底部退订。',
    en: '{greeting}\n\nThank you for choosing {company}. Please take a minute to tell us how we did:\n{link}\n\nThis link is for you only and works for {days} days.\nYou can unsubscribe from surveys at the bottom of the page.',
  },
  'survey.error.no_consent': { 'zh-CN': '该客户未同意接收满意度调查', en: 'This customer has not agreed to receive surveys' },
  'survey.error.already_sent': { 'zh-CN': '该客户已收到这次调查', en: 'This customer already has this survey' },
  'survey.error.unavailable': { 'zh-CN': '此调查链接已无法使用', en: 'This survey link is not available' },
  'survey.error.template_builtin': { 'zh-CN': '内置模板不能重复创建', en: 'That id belongs to a built-in template' },
};
