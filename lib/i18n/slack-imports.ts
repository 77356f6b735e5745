import type { Catalogue } from './index';

/** Customer import from Slack: the progress message, its summary, the rejected-rows file and the refusals. */
export const slackImports: Catalogue = {
  'slack.help.import': {
    'zh-CN': '`/crm import` 导入客户：上传 CSV 或 .xlsx（也可以直接把文件拖进与我的私信）',
    en: '`/crm import` imports customers from a CSV or .xlsx (or drop the file into a DM with me)',
  },
  'slack.import.refused': {
    'zh-CN': '抱歉，只有经理和管理员可以导入客户。需要导入的话，请把文件交给你的经理。',
    en: 'Sorry, only managers and admins can import customers. Please pass the file to your manager.',
  },
  'slack.import.modal.title': { 'zh-CN': '导入客户', en: 'Import customers' },
  'slack.import.modal.submit': { 'zh-CN': '导入', en: 'Import' },
  'slack.import.modal.file': { 'zh-CN': 'CSV 或 Excel 文件', en: 'CSV or Excel file' },
  'slack.import.modal.hint': {
    'zh-CN': '最多 {rows} 行、{megabytes} MB；第一行是表头（姓名、电话、负责人……）。也可以直接把文件拖进与我的私信。',
    en: 'Up to {rows} rows and {megabytes} MB; the first row is the header (name, phone, owner…). You can also drop the file into a DM with me.',
  },
  'slack.import.modal.no_file': { 'zh-CN': '请选择一个 CSV 或 .xlsx 文件。', en: 'Choose a CSV or .xlsx file.' },
  'slack.import.not_a_sheet': {
    'zh-CN': '“{file}” 不是 CSV 或 .xlsx 文件，没有导入。',
    en: '“{file}” is not a CSV or .xlsx file; nothing was imported.',
  },
  'slack.import.too_large': {
    'zh-CN': '“{file}” 有 {size} 字节，一次最多导入 {limit} 字节。请拆成几个文件。',
    en: '“{file}” is {size} bytes; one import takes at most {limit}. Split it into several files.',
  },
  'slack.import.download_failed': {
    'zh-CN': '无法从 Slack 下载“{file}”（应用需要 files:read 权限）。请稍后再试。',
    en: 'Could not download “{file}” from Slack (the app needs the files:read scope). Please try again later.',
  },
  'slack.import.reading': { 'zh-CN': ':hourglass_flowing_sand: 正在读取“{file}”……', en: ':hourglass_flowing_sand: Reading “{file}”…' },
  'slack.import.progress': {
    'zh-CN': ':inbox_tray: 正在导入“{file}”：已处理 {done} / {rows} 行',
    en: ':inbox_tray: Importing “{file}”: {done} of {rows} rows',
  },
  'slack.import.done': {
    'zh-CN':
      ':white_check_mark: “{file}”导入完成：新建 {created} 位客户，{skipped} 行已导入过（跳过），{invalid} 行无效。用时 {seconds} 秒。',
    en: ':white_check_mark: “{file}” imported: {created, plural, one {# new customer} other {# new customers}}, {skipped} already there (skipped), {invalid} invalid. {seconds} s.',
  },
  'slack.import.failed': {
    'zh-CN': ':x: “{file}”导入中断：{reason}。已处理 {done} / {rows} 行，已写入的行不会重复导入，可以重新上传同一文件。',
    en: ':x: The import of “{file}” stopped: {reason}. {done} of {rows} rows were done; rows already written are not imported twice, so you can upload the same file again.',
  },
  'slack.import.unknown_columns': {
    'zh-CN': '以下列没有对应的客户字段，已忽略：{columns}',
    en: 'These columns match no customer field and were ignored: {columns}',
  },
  'slack.import.rejected_hint': {
    'zh-CN': '无效的行及原因见下方文件“{name}”：改好后把它再拖进来即可（多出的列会被忽略）。',
    en: 'The invalid rows and why are in the file “{name}” below: fix them and drop it here again (the extra columns are ignored).',
  },
  'slack.import.rejected_title': { 'zh-CN': '未导入的行', en: 'Rows not imported' },
};
