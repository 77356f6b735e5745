/**
 * Short names people use for well-known organizations, as data: 工行 is 中国工商银行, 平安 is
 * 中国平安保险. Each maps to the distinctive part of the full name (no city, country or legal
 * form), which is how the name keys index an organization's core. A short name not listed here
 * is still offered by the general rule (`isInitialCharacters`), but only as "did you mean".
 */
const ORG_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  工行: ['工商银行'],
  建行: ['建设银行'],
  农行: ['农业银行'],
  中行: ['中国银行'],
  招行: ['招商银行'],
  交行: ['交通银行'],
  邮储: ['邮政储蓄银行', '邮储银行'],
  浦发: ['浦东发展银行', '浦发银行'],
  民生: ['民生银行'],
  光大: ['光大银行', '光大集团'],
  中信: ['中信银行', '中信集团', '中信证券'],
  国开行: ['国家开发银行'],
  农发行: ['农业发展银行'],
  平安: ['平安保险', '平安银行', '平安集团'],
  国寿: ['人寿保险'],
  人保: ['人民保险', '人民财产保险'],
  太保: ['太平洋保险'],
  中石油: ['石油天然气', '石油'],
  中石化: ['石油化工', '石化'],
  中海油: ['海洋石油'],
  国网: ['国家电网'],
  南网: ['南方电网'],
  中移动: ['移动通信', '移动'],
  中联通: ['联合网络通信', '联通'],
  中电信: ['电信'],
  国航: ['国际航空'],
  东航: ['东方航空'],
  南航: ['南方航空'],
  上汽: ['上海汽车'],
  一汽: ['第一汽车'],
  东风: ['东风汽车'],
  中远: ['远洋运输', '远洋海运'],
  中建: ['建筑工程', '建筑股份'],
  中铁: ['中铁', '铁路工程'],
  中免: ['中国免税', '免税品'],
  icbc: ['工商银行'],
  ccb: ['建设银行'],
  boc: ['中国银行'],
  cmb: ['招商银行'],
  bocom: ['交通银行'],
  psbc: ['邮政储蓄银行'],
  sinopec: ['石油化工'],
  petrochina: ['石油天然气'],
  北大: ['北京大学'],
  清华: ['清华大学'],
  复旦: ['复旦大学'],
  交大: ['交通大学'],
};

const BY_SHORT_NAME = new Map(Object.entries(ORG_ABBREVIATIONS));

/** What a well-known short name stands for (工行 → 工商银行), or undefined. */
export const expansionsOf = (short: string): readonly string[] | undefined => BY_SHORT_NAME.get(short);

/**
 * The general rule for a short name not in the list: its characters, in order, begin with the
 * first character of the organization's core and all occur in it (华技 for 华为技术, 申实 for
 * 申华实业). Many names fit such a rule by chance, so it only ever suggests.
 */
export function isInitialCharacters(short: string, core: string): boolean {
  const s = [...short];
  const c = [...core];
  if (s.length < 2 || s.length > 4 || c.length <= s.length || s[0] !== c[0]) return false;
  let at = 1;
  for (const ch of s.slice(1)) {
    while (at < c.length && c[at] !== ch) at++;
    if (at === c.length) return false;
    at++;
  }
  return true;
}
