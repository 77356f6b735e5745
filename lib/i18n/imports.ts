import type { Catalogue } from './index';

/** Customer import and export: why a file was refused, in words an office worker can act on. */
export const imports: Catalogue = {
  'import.error.forbidden': { 'zh-CN': '只有经理和管理员可以导入客户。', en: 'Only managers and admins may import customers.' },
  'import.error.empty': { 'zh-CN': '文件是空的。', en: 'The file is empty.' },
  'import.error.too_large': {
    'zh-CN': '文件太大：最多 {limit} 字节。请拆成几个文件再导入。',
    en: 'The file is too large: at most {limit} bytes. Split it into several files.',
  },
  'import.error.too_many_rows': {
    'zh-CN': '文件有 {rows} 行，一次最多导入 {limit} 行。请拆成几个文件。',
    en: 'The file has {rows} rows; one import takes at most {limit}. Split it into several files.',
  },
  'import.error.default_owner': {
    'zh-CN': '默认负责人找不到唯一的员工，请用 Slack 用户 ID、邮箱或姓名指定一位员工。',
    en: 'The default owner does not match exactly one staff member: give a Slack user id, e-mail or name.',
  },
  'import.error.xlsx': {
    'zh-CN': '无法读取这个 .xlsx 文件：请在 Excel 中另存为 .xlsx 或 CSV 后重试。',
    en: 'This .xlsx file cannot be read: save it again as .xlsx or CSV in Excel and retry.',
  },
  'import.error.sheet': { 'zh-CN': '找不到指定的工作表。', en: 'The named sheet does not exist in this workbook.' },
  'import.error.malformed': {
    'zh-CN': 'CSV 格式有误：第 {line} 行附近（例如引号没有闭合）。',
    en: 'The CSV is malformed near line {line} (for example an unclosed quote).',
  },
  'import.error.header': {
    'zh-CN': '表头有问题：列名重复、为空或缺少“姓名”列。',
    en: 'The header row is wrong: a duplicated or empty column name, or no name column.',
  },
  'import.error.header_only': { 'zh-CN': '文件只有表头，没有客户行。', en: 'The file has a header row but no customer rows.' },
  'import.error.binary': {
    'zh-CN': '这不是文本文件（第 {at} 个字节起是二进制数据）。请上传 CSV 或 .xlsx。',
    en: 'This is not a text file (binary data from byte {at}). Upload a CSV or .xlsx file.',
  },
  'import.error.spreadsheet_as_csv': {
    'zh-CN': '这是 Excel 文件，却按 CSV 上传了：请以 .xlsx 上传，或在 Excel 中另存为 CSV。',
    en: 'This is an Excel workbook sent as CSV: upload it as .xlsx, or save it as CSV in Excel.',
  },
  'import.error.encoding': {
    'zh-CN': '无法识别文件编码。支持 UTF-8（可带 BOM）、GBK/GB18030 和 UTF-16；在 Excel 中选择“CSV UTF-8”另存即可。',
    en: 'The file encoding is not recognised. UTF-8 (with or without BOM), GBK/GB18030 and UTF-16 work; in Excel, save as "CSV UTF-8".',
  },
};
