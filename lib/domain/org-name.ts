import { CITIES } from './ask/cities';

/**
 * What people leave out when they name an organization: the city or province in front
 * (上海、深圳市、广东省) and the legal form at the end (有限公司, 股份有限公司, Ltd, Inc).
 * "深圳市腾讯计算机系统有限公司" is asked about as 腾讯计算机系统 or 腾讯, "Acme Trading Ltd" as Acme Trading.
 */
const LEGAL_SUFFIX =
  /(?:股份有限公司|有限责任公司|有限公司|股份公司|集团有限公司|集团公司|集团|公司|分公司|总公司|[\s,]*(?:co\.?,?\s*)?(?:ltd\.?|limited|inc\.?|incorporated|llc|corp\.?|corporation|company|gmbh|group|plc|co\.))$/i;
const PROVINCES = [
  '广东',
  '浙江',
  '江苏',
  '山东',
  '河北',
  '河南',
  '湖北',
  '湖南',
  '福建',
  '四川',
  '安徽',
  '江西',
  '辽宁',
  '吉林',
  '黑龙江',
  '山西',
  '陕西',
  '云南',
  '贵州',
  '广西',
  '海南',
  '甘肃',
  '内蒙古',
  '新疆',
  '西藏',
  '宁夏',
  '青海',
  '香港',
  '澳门',
  '台湾',
  '中国',
];
const PLACE_PREFIXES = [...Object.keys(CITIES), ...PROVINCES].sort((a, b) => b.length - a.length);

/** The name without its legal form: "华为技术有限公司" → "华为技术", "Acme Corp." → "Acme". */
export function withoutLegalSuffix(name: string): string {
  let out = name.trim();
  for (let i = 0; i < 2; i++) {
    const next = out.replace(LEGAL_SUFFIX, '').trim();
    if (next === out || [...next].length < 2) break;
    out = next;
  }
  return out;
}

/** The name without a leading place: "上海华为" → "华为", "深圳市腾讯" → "腾讯"; unchanged when nothing would remain. */
export function withoutPlacePrefix(name: string): string {
  const trimmed = name.trim();
  for (const place of PLACE_PREFIXES) {
    if (!trimmed.startsWith(place)) continue;
    const rest = trimmed.slice(place.length).replace(/^(?:市|省|自治区|特别行政区)/, '');
    return [...rest].length >= 2 ? rest : trimmed;
  }
  return trimmed;
}

/** Both cuts: the part of an organization's name people say ("腾讯计算机系统"). */
export function orgCore(name: string): string {
  const core = withoutLegalSuffix(withoutPlacePrefix(name));
  // "上海分公司" is a name of its own, not the city plus a legal form
  return SUFFIX_ONLY.test(core) ? name.trim() : core;
}

const SUFFIX_ONLY = new RegExp(`^${LEGAL_SUFFIX.source}`, 'i');
