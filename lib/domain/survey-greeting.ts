/**
 * The only personal data a survey page shows is a first name (docs/domain.md, Surveys):
 * for Chinese names the given name after the surname (two-character surnames
 * such as 欧阳 included), for Latin names the first word. Organizations get no
 * name at all.
 */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '独孤',
  '南宫',
  '西门',
  '端木',
  '百里',
  '呼延',
  '闻人',
  '申屠',
  '太史',
  '澹台',
  '万俟',
  '钟离',
  '单于',
  '司空',
  '濮阳',
  '淳于',
  '赫连',
  '第五',
  '羊舌',
  '拓跋',
  '左丘',
  '东郭',
  '谷梁',
];

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'madam', 'mme', 'm', 'herr', 'frau']);

const HAN = /^\p{Script=Han}/u;

/**
 * The family name used in a formal greeting (张三 → 张, 欧阳娜娜 → 欧阳, Emily
 * Stone → Stone). Undefined for organizations and names whose family name
 * cannot be told safely (names joined with a middle dot, single words).
 */
export function surnameOf(fullName: string, kind: 'person' | 'organization' = 'person'): string | undefined {
  if (kind === 'organization') return undefined;
  const name = fullName.trim();
  if (!name || /[·•・]/.test(name)) return undefined;
  if (HAN.test(name)) {
    const han = [...name.replace(/\s+/g, '')].filter((c) => HAN.test(c));
    if (han.length < 2) return undefined;
    return han.length > 2 && COMPOUND_SURNAMES.some((s) => han.join('').startsWith(s)) ? han.slice(0, 2).join('') : han[0];
  }
  const words = name
    .split(/\s+/)
    .map((w) => w.replace(/[.,;:!?()"]+/g, ''))
    .filter((w) => w && !HONORIFICS.has(w.toLowerCase()));
  return words.length >= 2 ? words.at(-1)!.slice(0, 40) : undefined;
}

export function givenName(fullName: string, kind: 'person' | 'organization' = 'person'): string | undefined {
  if (kind === 'organization') return undefined;
  const name = fullName.trim();
  if (!name) return undefined;
  if (HAN.test(name)) {
    // Names such as 买买提·艾力 put the given name first, before the middle dot.
    if (/[·•・]/.test(name)) return name.split(/[·•・]/)[0] || undefined;
    const han = [...name.replace(/\s+/g, '')].filter((c) => HAN.test(c));
    const surnameLength = han.length > 2 && COMPOUND_SURNAMES.some((s) => han.join('').startsWith(s)) ? 2 : 1;
    const rest = han.slice(surnameLength).join('');
    return rest || undefined;
  }
  const words = name
    .split(/\s+/)
    .map((w) => w.replace(/[.,;:!?()"]+/g, ''))
    .filter(Boolean);
  const first = words.find((w, i) => !(i < words.length - 1 && HONORIFICS.has(w.toLowerCase())));
  return first ? first.slice(0, 40) : undefined;
}
