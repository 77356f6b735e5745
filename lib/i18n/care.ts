import type { Catalogue } from './index';

/** Care tasks, festivals, the daily DM and reminders. */
export const care: Catalogue = {
  'care.kind.birthday': { 'zh-CN': '生日关怀', en: 'Birthday' },
  'care.kind.holiday': { 'zh-CN': '节日关怀', en: 'Holiday greeting' },
  'care.kind.return-visit': { 'zh-CN': '定期回访', en: 'Return visit' },
  'care.kind.complaint-follow-up': { 'zh-CN': '投诉回访', en: 'Complaint follow-up' },
  'care.kind.key-account-contact': { 'zh-CN': '大客户高层拜访', en: 'Key-account executive contact' },
  'care.kind.win-back': { 'zh-CN': '流失预警挽回', en: 'Win-back (at risk)' },
  'care.kind.anniversary': { 'zh-CN': '纪念日', en: 'Anniversary' },
  'care.kind.custom': { 'zh-CN': '提醒', en: 'Reminder' },

  'care.action.card': { 'zh-CN': '贺卡', en: 'card' },
  'care.action.sms': { 'zh-CN': '短信', en: 'SMS' },
  'care.action.gift': { 'zh-CN': '礼品（不超过 ¥{cap}）', en: 'gift (up to ¥{cap})' },
  'care.action.visit': { 'zh-CN': '拜访', en: 'visit' },
  'care.action.call': { 'zh-CN': '电话', en: 'call' },

  'care.status.pending': { 'zh-CN': '待办', en: 'pending' },
  'care.status.snoozed': { 'zh-CN': '已推迟', en: 'snoozed' },
  'care.status.done': { 'zh-CN': '已完成', en: 'done' },
  'care.status.skipped': { 'zh-CN': '已跳过', en: 'skipped' },

  'care.signal.dormant': { 'zh-CN': '长期未联系', en: 'no contact for too long' },
  'care.signal.complaint': { 'zh-CN': '新投诉', en: 'new complaint' },
  'care.signal.address-change': { 'zh-CN': '地址变更', en: 'address changed' },
  'care.signal.detractor': { 'zh-CN': '满意度低分', en: 'low survey score' },

  'festival.new-year': { 'zh-CN': '元旦', en: "New Year's Day" },
  'festival.spring-festival': { 'zh-CN': '春节', en: 'Spring Festival' },
  'festival.lantern': { 'zh-CN': '元宵节', en: 'Lantern Festival' },
  'festival.womens-day': { 'zh-CN': '妇女节', en: "Women's Day" },
  'festival.mothers-day': { 'zh-CN': '母亲节', en: "Mother's Day" },
  'festival.dragon-boat': { 'zh-CN': '端午节', en: 'Dragon Boat Festival' },
  'festival.qixi': { 'zh-CN': '七夕', en: 'Qixi Festival' },
  'festival.mid-autumn': { 'zh-CN': '中秋节', en: 'Mid-Autumn Festival' },
  'festival.national-day': { 'zh-CN': '国庆节', en: 'National Day' },
  'festival.double-ninth': { 'zh-CN': '重阳节', en: 'Double Ninth Festival' },
  'festival.christmas': { 'zh-CN': '圣诞节', en: 'Christmas' },

  'care.digest.title': { 'zh-CN': '今日客户关怀（{day}）：{count} 项', en: 'Customer care for {day}: {count} tasks' },
  'care.digest.more': { 'zh-CN': '还有 {count} 项，请在 CareLoop 主页查看', en: '{count} more — see them in the CareLoop home tab' },
  'care.task.due': { 'zh-CN': '截止 {day}', en: 'due {day}' },
  'care.task.overdue': { 'zh-CN': '（已逾期）', en: '(overdue)' },
  'care.task.due_today': { 'zh-CN': '今天', en: 'today' },
  'care.task.lunar': { 'zh-CN': '农历', en: 'lunar' },
  'care.task.contact': { 'zh-CN': '联系人 {name}', en: 'contact {name}' },
  'care.task.suggested': { 'zh-CN': '建议：{actions}', en: 'Suggested: {actions}' },
  'care.task.complaint': { 'zh-CN': '投诉 {id}', en: 'complaint {id}' },
  'care.task.closed': { 'zh-CN': '{status}（{by}）', en: '{status} by {by}' },
  'care.task.note': { 'zh-CN': '备注：{note}', en: 'Note: {note}' },
  'care.reminder.title': { 'zh-CN': '提醒：{customer}', en: 'Reminder: {customer}' },
  'care.alert.title': { 'zh-CN': '流失预警：{customer}（{signal}）', en: 'At risk: {customer} ({signal})' },

  'care.button.done': { 'zh-CN': '完成', en: 'Done' },
  'care.button.snooze_1d': { 'zh-CN': '推迟1天', en: 'Snooze 1 day' },
  'care.button.snooze_1w': { 'zh-CN': '推迟1周', en: 'Snooze 1 week' },
  'care.button.skip': { 'zh-CN': '跳过', en: 'Skip' },
  'care.button.note': { 'zh-CN': '备注', en: 'Add note' },

  'care.note.complaint_cancelled': { 'zh-CN': '投诉已撤销，无需回访', en: 'Complaint cancelled: no follow-up needed' },
  'care.timeline.done': { 'zh-CN': '完成关怀任务：{kind}', en: 'Care task done: {kind}' },

  'error.care_task_closed': {
    'zh-CN': '该任务{status, select, done {已完成} skipped {已跳过} snoozed {已推迟} other {已关闭}}',
    en: 'This task is already {status, select, done {done} skipped {skipped} snoozed {snoozed} other {closed}}',
  },
  'error.care_not_yours': { 'zh-CN': '只有负责人或主管可以处理此任务', en: 'Only the assignee or a supervisor can change this task' },
  'error.reminder_time': { 'zh-CN': '无法识别提醒时间“{when}”', en: 'Cannot read the reminder time "{when}"' },
  'error.reminders_off': { 'zh-CN': '一次性提醒未配置', en: 'One-off reminders are not configured' },
};
