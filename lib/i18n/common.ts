import type { Catalogue } from './index';

/** Messages for errors raised anywhere (DomainError keys). */
export const common: Catalogue = {
  'error.not_found': { 'zh-CN': '找不到{entity} {id}', en: '{entity} {id} was not found' },
  'error.conflict': { 'zh-CN': '记录刚被其他人修改，请刷新后重试', en: 'Someone else changed this just now; refresh and try again' },
  'error.version_mismatch': {
    'zh-CN': '{entity} {id} 已被他人修改，请重新读取后再试',
    en: '{entity} {id} changed since you read it; read it again and retry',
  },
  'error.forbidden': { 'zh-CN': '您没有权限执行此操作', en: 'You are not allowed to do that' },
  'error.restricted': {
    'zh-CN': '只有主管及以上角色可以查看或修改受限字段',
    en: 'Only supervisors and above may see or change restricted fields',
  },
  'error.lookup_limit': {
    'zh-CN': '每小时最多按电话或邮箱查找 {limit} 次，请稍后再试',
    en: 'At most {limit} phone or e-mail lookups an hour; try again later',
  },
  'error.admin_only': { 'zh-CN': '只有管理员可以执行此操作', en: 'Only admins can do that' },
  'error.validation': { 'zh-CN': '输入有误：{fields}', en: 'Please check: {fields}' },
  'error.duplicate_contact': { 'zh-CN': '{value} 已属于另一位客户', en: '{value} already belongs to another customer' },
  'error.duplicate_import': { 'zh-CN': '该行已导入过', en: 'This row was already imported' },
  'error.bad_cursor': { 'zh-CN': '分页标记无效', en: 'That page cursor is not valid' },
  'error.already_done': { 'zh-CN': '已经处理过了', en: 'That was already done' },
  'error.internal': { 'zh-CN': '系统出错了，已记录，请稍后再试', en: 'Something went wrong on our side; it has been logged' },
};
